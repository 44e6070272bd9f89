import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, ClaimStore, MIGRATIONS_FOLDER, openDatabase, SqliteEngine } from '@recon/db';
import { ActorRegistry, digestOf, resolveClaim, validateClaim } from '@recon/domain';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { claimArb } from '../../packages/domain/test/incident-arbitrary.js';
import { testEngine } from '../support/harness.js';
import { oracle, stored } from '../support/incident-oracle.js';

/**
 * A database from before migration 0002 (claims without incident facts, grouped in arrival order)
 * is migrated, and its incidents rebuilt to what the claims give; the old incident ids still answer.
 */
// SQLite only: databases from before migration 0002 exist only on SQLite (PostgreSQL starts at today's schema).
describe.skipIf(testEngine !== 'sqlite')('migrating a database from before incident resolution', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('rebuilds the incidents of claims stored the old way, losing none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recon-rebuild-'));
    dirs.push(dir);
    // The migrations as they were before 0002.
    const old = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, old, { recursive: true });
    const journal = JSON.parse(readFileSync(join(old, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0002');
    writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const handle = openDatabase(join(dir, 'recon.db'));
    const engine = new SqliteEngine(handle);
    await applyMigrations(engine, old);

    const registry = ActorRegistry.create();
    const claims = fc.sample(fc.uniqueArray(claimArb, { minLength: 60, maxLength: 60, selector: (c) => JSON.stringify(c) }), { seed: 9, numRuns: 1 })[0]!;
    // The old store put every claim of this sample in two incidents, whatever their keys and places.
    const s = handle.sqlite;
    for (const id of ['inc-old-a', 'inc-old-b']) {
      s.prepare(
        `INSERT INTO incidents (id, key, country, start_date, first_day, last_day, created_at, updated_at) VALUES (?, NULL, 'ML', '2024-03-01', 19783, 19783, 't', 't')`,
      ).run(id);
    }
    claims.forEach((raw, i) => {
      const v = validateClaim(raw, registry.partyKey);
      if (!v.ok) throw new Error('invalid claim');
      const id = digestOf(v.claim);
      const r = resolveClaim(id, v.claim, registry);
      const incidentId = i % 2 === 0 ? 'inc-old-a' : 'inc-old-b';
      s.prepare(
        `INSERT INTO claims (id, incident_id, status, body, resolved, claimant_id, stated_at, stated_instant, received_at, stored_at)
         VALUES (?, ?, 'stored', ?, ?, ?, ?, ?, 't', 't')`,
      ).run(id, incidentId, JSON.stringify(raw), JSON.stringify(r), r.claimant.id, v.claim.statedAt, `${v.claim.statedAt}T00:00:00.000Z`);
      r.figures.forEach((f, ordinal) =>
        s.prepare(
          `INSERT INTO figures (claim_id, ordinal, incident_id, party_id, party_as_reported, outcome, count, low, high, quantified, perspective)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 1, ?)`,
        ).run(id, ordinal, incidentId, f.party.id, f.partyAsReported, f.outcome, JSON.stringify(f.count), f.perspective),
      );
    });

    await applyMigrations(engine);
    const store = new ClaimStore(engine);
    expect((await store.counts()).claims).toBe(60);
    expect((await stored(store)).incidents).toEqual((await oracle(claims, new Set(), registry, store)).incidents);
    // The old ids answer with incidents that exist; every incident's report is due to be rebuilt.
    for (const id of ['inc-old-a', 'inc-old-b']) expect((await store.findIncident(id))?.mergedInto).toBeNull();
    expect((await store.dirtyIncidents()).length).toBe((await store.counts()).incidents);
    expect(s.prepare('SELECT count(*) FROM figures f JOIN claims c ON c.id = f.claim_id WHERE f.incident_id <> c.incident_id').pluck().get()).toBe(0);
    // Migrating again changes nothing.
    await applyMigrations(engine);
    expect((await stored(store)).incidents).toEqual((await oracle(claims, new Set(), registry, store)).incidents);
    handle.close();
  });
});

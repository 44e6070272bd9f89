import { ClaimStore, type Engine } from '@recon/db';
import { digestOf } from '@recon/domain';
import { createClaimIngester } from '@recon/ingest';
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32, shuffle } from '../support/claim-generator.js';
import { claim } from '../support/claims.js';
import { createHarness, otherEngine, testEngine, type Harness } from '../support/harness.js';
import { oracle, stored } from '../support/incident-oracle.js';

const PLACES = ['Gao', 'Kidal'];
const CLAIMANTS: [string, string][] = [
  ['AFP', 'media'],
  ['MINUSMA', 'un'],
  ['JNIM', 'armed_group'],
  ['Malian army', 'state_forces'],
];

/**
 * Claims that make writers collide: keyless claims at three places on nearby days (each one can
 * regroup its neighbours), and keyed ones that anchor incidents among them.
 */
function collidingClaims(n: number, seed: number): Record<string, unknown>[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const place = PLACES[Math.floor(rnd() * PLACES.length)]!;
    const day = 1 + Math.floor(rnd() * 12);
    const [claimant, claimantKind] = CLAIMANTS[Math.floor(rnd() * CLAIMANTS.length)]!;
    const keyed = rnd() < 0.15;
    return claim({
      ...(keyed ? { key: `anchor-${place}-${day}` } : {}),
      location: place,
      startDate: `2024-05-${String(day).padStart(2, '0')}`,
      claimant,
      claimantKind,
      count: { exact: 1 + i },
    });
  });
}

/**
 * Several writers on one database, as ingest workers on several machines are: each its own
 * connection (pool) and its own group commit, all storing at once. Whatever the interleaving, the
 * incidents must be what the pure resolver gives for the claims and the audit log, and each claim is
 * stored once. On PostgreSQL the writers truly run at once (advisory locks per place and key,
 * SERIALIZABLE transactions retried); on SQLite they queue for the file's write lock.
 */
describe(`writers on one database at once (${testEngine})`, () => {
  let h: Harness;
  const engines: Engine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    await h.close();
  });

  it('stores every claim once and resolves incidents as the oracle does, with curation between', async () => {
    h = await createHarness();
    const writers = [0, 1, 2, 3].map(() => {
      const engine = otherEngine(h);
      engines.push(engine);
      const store = new ClaimStore(engine);
      return { store, ingest: createClaimIngester({ store, registry: h.ctx.registry, gazetteer: h.ctx.gazetteer, queues: { markDirty: async () => undefined } }, { maxWaitMs: 1, maxSize: 4 }) };
    });
    const claims = shuffle(collidingClaims(320, 11), mulberry32(5));
    const ingestAll = (batch: Record<string, unknown>[]) =>
      Promise.all(batch.map((c, i) => writers[i % writers.length]!.ingest({ id: digestOf(c), claim: c, receivedAt: '2026-01-01T00:00:00.000Z' })));

    await ingestAll(claims.slice(0, 160));
    // Curation while the rest arrives: merges and reviews lock out claim writes for their moment.
    const live = (await stored(h.ctx.store)).incidents;
    const ctx = { actor: 'tester', now: '2026-01-02T00:00:00.000Z', note: 'concurrent' };
    const curation = (async () => {
      for (let i = 0; i + 1 < Math.min(live.length, 6); i += 2) {
        await writers[i % 3]!.store.merge(live[i]!.id, live[i + 1]!.id, ctx).catch((err: Error) => {
          if (err.name !== 'CurationError') throw err; // an incident regrouped away meanwhile
        });
      }
    })();
    await Promise.all([ingestAll(claims.slice(160)), curation]);

    const ids = await h.ctx.store.rows<{ id: string }>('SELECT id FROM claims');
    expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
    expect(ids.length).toBe(new Set(claims.map((c) => digestOf(c))).size);
    const got = await stored(h.ctx.store);
    const want = await oracle(claims, new Set(), h.ctx.registry, h.ctx.store);
    expect(got.incidents).toEqual(want.incidents);
    for (const inc of got.incidents) expect(JSON.stringify(got.reports.get(inc.id))).toBe(JSON.stringify(want.reports.get(inc.id)));
    expect((await h.ctx.store.auditLog()).filter((e) => e.action === 'merge').length).toBeGreaterThan(0);
  }, 120_000);
});

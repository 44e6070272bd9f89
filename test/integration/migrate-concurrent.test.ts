import { readFileSync } from 'node:fs';
import { applyMigrations, assertSchemaCurrent, ClaimStore, migrationsFolder, openEngine } from '@recon/db';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../support/harness.js';
import { freshPgDatabase, type FreshPgDatabase } from '../support/postgres.js';

/**
 * `npm run migrate` from several machines at once, on an empty PostgreSQL database: every run
 * succeeds (an advisory lock makes them take turns; the later ones find nothing to do), each
 * migration is applied once, and the schema is what the code expects.
 */
describe.skipIf(testEngine !== 'postgres')('migrations from several machines at once', () => {
  let db: FreshPgDatabase | undefined;
  afterEach(async () => db?.drop());

  it('applies every migration once, whoever runs first', async () => {
    db = await freshPgDatabase('migrate');
    const engines = Array.from({ length: 4 }, () => openEngine({ url: db!.url, path: '' }));
    try {
      await Promise.all(engines.map((e) => applyMigrations(e)));
      await applyMigrations(engines[0]!);
      const journal = JSON.parse(readFileSync(`${migrationsFolder('postgres')}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
      const store = new ClaimStore(engines[0]!);
      expect(await store.rows('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toEqual([{ n: journal.entries.length }]);
      for (const e of engines) await assertSchemaCurrent(e);
      expect(await store.counts()).toEqual({ incidents: 0, claims: 0, rejections: 0, failed: 0, reports: 0, dirty: 0 });
    } finally {
      await Promise.all(engines.map((e) => e.close()));
    }
  });
});

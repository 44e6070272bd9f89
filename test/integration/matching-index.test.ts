import { ANCHORS_NEAR_SQL, POOL_NEAR_SQL } from '@recon/db';
import { digestOf } from '@recon/domain';
import { createClaimIngester } from '@recon/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, sqliteOf, testEngine, type Harness } from '../support/harness.js';

/**
 * Keyless matching reads one place's nearby rows through an index, never every keyless claim or
 * incident: the plans of the statements the resolver runs, and the rows a lookup visits.
 */
// SQLite's query plans (PostgreSQL chooses plans by its own statistics).
describe.skipIf(testEngine !== 'sqlite')('indexes for matching', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const ingest = createClaimIngester(h.ctx);
    // Two places, a claim every 10 days for ten years at each: 730 keyless claims, 730 incidents.
    for (const location of ['Gao', 'Kidal']) {
      for (let i = 0; i < 365; i++) {
        const d = new Date(Date.UTC(2015, 0, 1 + i * 10)).toISOString().slice(0, 10);
        const c = claim({ location, startDate: d, claimant: 'AFP', claimantKind: 'media' });
        await ingest({ id: digestOf(c), claim: c, receivedAt: '2026-01-01T00:00:00.000Z' });
      }
    }
    sqliteOf(h.ctx).exec('ANALYZE');
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  const plan = (sql: string): string =>
    (sqliteOf(h.ctx).prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ country: 'ML', placeId: 'ml-gao', lo: 20_000, hi: 20_004, hiMax: 20_066 }) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');

  it('finds keyless claims near a window through the partial index, bounded on last_day', () => {
    expect(plan(POOL_NEAR_SQL)).toMatch(/SEARCH claims USING INDEX claims_pool_match_idx \(country=\? AND place_id=\? AND last_day>\? AND last_day<\?\)/);
  });

  it('finds the anchors of a place through their partial index', () => {
    expect(plan(ANCHORS_NEAR_SQL)).toMatch(/SEARCH incidents USING INDEX incidents_anchor_match_idx \(match_country=\? AND match_place_id=\? AND match_last>\?\)/);
  });

  it('visits only the nearby rows of that place: the index range holds a few of its 730 claims', async () => {
    const sqlite = sqliteOf(h.ctx);
    const day = Date.UTC(2020, 5, 1) / 86_400_000;
    const window = { country: 'ML', placeId: 'ml-gao', lo: day - 2, hi: day + 2, hiMax: day + 2 + 62 };
    expect((sqlite.prepare(POOL_NEAR_SQL).all(window) as unknown[]).length).toBeLessThanOrEqual(1);
    // What the index search steps over: the rows of that place whose last day falls in the range.
    const range = sqlite
      .prepare('SELECT count(*) FROM claims INDEXED BY claims_pool_match_idx WHERE pool = 1 AND country = @country AND place_id = @placeId AND last_day >= @lo AND last_day <= @hiMax')
      .pluck()
      .get({ country: window.country, placeId: window.placeId, lo: window.lo, hiMax: window.hiMax }) as number;
    expect(range).toBeLessThanOrEqual(7);
    expect((await h.ctx.store.counts()).claims).toBe(730);
  });
});

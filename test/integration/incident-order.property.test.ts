import { apiDepsOf, createApp } from '@recon/api';
import { digestOf, validateClaim } from '@recon/domain';
import { createClaimIngester, startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { claimArb, permutation, scenarioArb } from '../../packages/domain/test/incident-arbitrary.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { oracle, stored } from '../support/incident-oracle.js';

/**
 * Incidents do not depend on arrival order: the same claims (and retractions) ingested in different
 * orders into real SQLite files leave the same incidents, ids, fields and report content, equal to
 * the pure resolveIncidents + reconcile over the claims the test submitted.
 */
describe('incidents in any arrival order (property, real SQLite and Redis)', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('every permutation gives the incidents and reports of the pure functions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(24), fc.array(fc.integer({ min: 1, max: 2 ** 31 }), { minLength: 2, maxLength: 3 }), async ({ claims, retract }, seeds) => {
        const ids = claims.map((c) => {
          const v = validateClaim(c);
          if (!v.ok) throw new Error('invalid generated claim');
          return digestOf(v.claim);
        });
        const retracted = new Set(retract.map((i) => ids[i]!));
        const states = [];
        for (const seed of seeds) {
          const h = await createHarness();
          open.push(h);
          const ingest = createClaimIngester(h.ctx);
          const order = permutation(claims.length, seed);
          // Each retraction happens right after its claim is stored, wherever that falls in the order.
          for (const i of order) {
            await ingest({ id: ids[i]!, claim: claims[i], receivedAt: '2026-01-01T00:00:00.000Z' });
            if (retracted.has(ids[i]!)) (await h.ctx.store.retractClaim(ids[i]!, 'test', '2026-01-01T00:00:00.000Z'));
          }
          const got = await stored(h.ctx.store);
          const want = await oracle(claims, retracted, h.ctx.registry, h.ctx.store);
          expect(got.incidents).toEqual(want.incidents);
          for (const inc of got.incidents) {
            expect(inc.endDate === null || inc.endDate >= inc.startDate.slice(0, inc.endDate.length)).toBe(true);
            expect(JSON.stringify(got.reports.get(inc.id))).toBe(JSON.stringify(want.reports.get(inc.id)));
          }
          states.push(got);
          await h.close();
          open.pop();
        }
        for (const s of states.slice(1)) {
          expect(s.incidents).toEqual(states[0]!.incidents);
          expect([...s.reports].map(([k, v]) => [k, JSON.stringify(v)])).toEqual([...states[0]!.reports].map(([k, v]) => [k, JSON.stringify(v)]));
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});

describe('incidents with concurrent workers (real Redis and SQLite)', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('two orders through the API, two ingest workers and a reconciler give the oracle’s incidents and reports', async () => {
    const claims = fc.sample(fc.uniqueArray(claimArb, { minLength: 300, maxLength: 300, selector: (c) => JSON.stringify(c) }), { seed: 42, numRuns: 1 })[0]!;
    const results: string[] = [];
    for (const seed of [5, 6]) {
      const h = await createHarness();
      open.push(h);
      const workers = [startIngestWorker(h.ctx, 4), startIngestWorker(h.ctx, 4), startReconciler(h.ctx, { concurrency: 3, sweepMs: 500 })];
      const app = createApp(apiDepsOf(h.ctx));
      const order = permutation(claims.length, seed).map((i) => claims[i]!);
      for (let i = 0; i < order.length; i += 50) {
        const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: order.slice(i, i + 50) }) });
        expect(res.status).toBe(202);
      }
      await waitForDrain(h.ctx, 120_000);
      await Promise.all(workers.map((w) => w.close()));
      const want = await oracle(claims, new Set(), h.ctx.registry, h.ctx.store);
      expect((await stored(h.ctx.store)).incidents).toEqual(want.incidents);
      const contents: string[] = [];
      for (const inc of want.incidents) {
        const { version: _v, generatedAt: _g, ...content } = JSON.parse((await h.ctx.store.reportJson(inc.id))!) as Record<string, unknown>;
        expect(JSON.stringify(content)).toBe(JSON.stringify(want.reports.get(inc.id)));
        contents.push(JSON.stringify(content));
      }
      results.push(contents.join('\n'));
    }
    expect(results[1]).toBe(results[0]);
  });
});

import { createApp, apiDepsOf } from '@recon/api';
import { reconcile, toReport } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import { afterEach, describe, expect, it } from 'vitest';
import { generateClaims, mulberry32, shuffle } from '../support/claim-generator.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';

async function submitAll(h: Harness, claims: unknown[], batch: number): Promise<void> {
  const app = createApp(apiDepsOf(h.ctx));
  for (let i = 0; i < claims.length; i += batch) {
    const res = await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: claims.slice(i, i + batch) }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { rejected: unknown[] };
    expect(body.rejected).toEqual([]);
  }
}

/** Two ingest workers (concurrency 4 each) and a reconciler (concurrency 3), all racing. */
function startWorkers(h: Harness) {
  return [startIngestWorker(h.ctx, 4), startIngestWorker(h.ctx, 4), startReconciler(h.ctx, { concurrency: 3, sweepMs: 500 })];
}

describe('concurrent ingest in random order', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('1,000 claims over 50 incidents: every latest report equals the pure reconciler over the stored claims', async () => {
    const claims = generateClaims({ claims: 1000, incidents: 50, seed: 7, keylessShare: 0.2 });
    const h = await createHarness();
    open.push(h);
    const workers = startWorkers(h);
    await submitAll(h, shuffle(claims, mulberry32(99)), 100);
    await waitForDrain(h.ctx, 120_000);
    await Promise.all(workers.map((w) => w.close()));

    const distinct = new Set(claims.map((c) => JSON.stringify(c))).size;
    expect((await h.ctx.store.counts()).claims).toBe(distinct);
    const incidents = await h.ctx.store.listIncidents({ limit: 1000 });
    expect(incidents.length).toBe(50);
    let checked = 0;
    for (const inc of incidents) {
      const snap = (await h.ctx.store.reconcileSnapshot(inc.id))!;
      const stored = (await h.ctx.store.reportJson(inc.id))!;
      const latest = JSON.parse(stored) as { version: number; generatedAt: string };
      const expected = JSON.stringify(toReport(reconcile(snap.identity, snap.claims), latest.version, latest.generatedAt));
      expect(stored).toBe(expected);
      checked += snap.claims.length;
    }
    expect(checked).toBe(distinct);
  });

  it('the same claims in two different orders give identical report content', async () => {
    const claims = generateClaims({ claims: 300, incidents: 15, seed: 3, keylessShare: 0 });
    const contents: Map<string, string>[] = [];
    for (const seed of [1, 2]) {
      const h = await createHarness();
      open.push(h);
      const workers = startWorkers(h);
      await submitAll(h, shuffle(claims, mulberry32(seed)), 50);
      await waitForDrain(h.ctx, 120_000);
      await Promise.all(workers.map((w) => w.close()));
      const byKey = new Map<string, string>();
      for (const inc of (await h.ctx.store.listIncidents({ limit: 1000 }))) {
        const { version: _v, generatedAt: _g, ...content } = JSON.parse((await h.ctx.store.reportJson(inc.id))!) as Record<string, unknown>;
        byKey.set(inc.key!, JSON.stringify(content));
      }
      contents.push(byKey);
    }
    expect(contents[0]!.size).toBe(15);
    expect([...contents[1]!.entries()].sort()).toEqual([...contents[0]!.entries()].sort());
  });
});

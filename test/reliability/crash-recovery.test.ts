import { apiDepsOf, createApp } from '@recon/api';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClaims, mulberry32, shuffle } from '../support/claim-generator.js';
import { createHarness, figureMismatches, staleReports, waitForDrain, waitUntil, type Harness } from '../support/harness.js';
import { killAll, spawnService, type ServiceProcess } from '../support/processes.js';

const CLAIMS = Number(process.env.CRASH_CLAIMS ?? 5000);
const INCIDENTS = Number(process.env.CRASH_INCIDENTS ?? 200);

/**
 * Ingest workers and the reconciler run as separate processes on one SQLite file; 5,000 claims are
 * submitted while workers are killed with SIGKILL and restarted, several times. Afterwards every
 * acknowledged claim is stored exactly once, no rejected one is, and every report is what the pure
 * reconciler makes of the stored claims.
 */
describe('crash recovery: SIGKILL workers mid-stream', () => {
  let h: Harness;
  const running = new Set<ServiceProcess>();
  afterAll(async () => {
    await killAll(running);
    await h?.close();
  });

  it('loses and duplicates nothing acknowledged, and rebuilds every report', async () => {
    h = await createHarness();
    const env = {
      REDIS_URL: h.redisUrl,
      ...h.dbEnv,
      RECON_QUEUE_PREFIX: h.prefix,
      INGEST_CONCURRENCY: '8',
      WORKER_LOCK_MS: '2000',
      WORKER_STALLED_CHECK_MS: '1000',
      WORKER_MAX_STALLS: '20',
      RECONCILE_SWEEP_MS: '1000',
    };
    const start = (name: 'ingest' | 'reconciler'): ServiceProcess => {
      const p = spawnService(name, env);
      running.add(p);
      void p.exited.then(() => running.delete(p));
      return p;
    };
    let ingestA = start('ingest');
    start('ingest');
    let reconciler = start('reconciler');

    const rnd = mulberry32(11);
    const valid = generateClaims({ claims: CLAIMS, incidents: INCIDENTS, seed: 5, keylessShare: 0.1 });
    // One in fifty is invalid: it must be rejected and never stored.
    const invalid = valid.filter((_, i) => i % 50 === 0).map((c) => ({ ...(c as object), statedAt: '1999-01-01' }));
    const all = shuffle([...valid, ...invalid], rnd);

    const app = createApp(apiDepsOf(h.ctx));
    const acknowledged = new Set<string>();
    const rejected = new Set<string>();
    let kills = 0;
    const batches = Math.ceil(all.length / 500);
    for (let b = 0; b < batches; b++) {
      const res = await app.request('/claims', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claims: all.slice(b * 500, (b + 1) * 500) }),
      });
      expect(res.status).toBe(202);
      const body = (await res.json()) as { accepted: { id: string }[]; rejected: { id: string }[] };
      for (const a of body.accepted) acknowledged.add(a.id);
      for (const r of body.rejected) rejected.add(r.id);

      if (b % 3 === 1) {
        // Wait until this worker is busy, then kill it mid-stream and start a fresh one.
        await waitUntil(async () => (await h.ctx.queues.claims.getActiveCount()) > 0 || b === batches - 1, 10_000, 'active jobs');
        ingestA.kill('SIGKILL');
        await ingestA.exited;
        kills += 1;
        ingestA = start('ingest');
      }
      if (b === Math.floor(batches / 2)) {
        reconciler.kill('SIGKILL');
        await reconciler.exited;
        kills += 1;
        reconciler = start('reconciler');
      }
    }
    expect(kills).toBeGreaterThanOrEqual(3);

    await waitForDrain(h.ctx, 180_000);

    // Every acknowledged claim stored exactly once; no rejected one stored.
    const storedIds = (await h.ctx.store.rows<{ id: string }>("SELECT id FROM claims WHERE status = 'stored'")).map((r) => r.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(storedIds.length).toBe(acknowledged.size);
    for (const id of acknowledged) expect((await h.ctx.store.claimStatus(id))?.status).toBe('stored');
    expect(rejected.size).toBeGreaterThan(0);
    for (const id of rejected) expect((await h.ctx.store.claimStatus(id))?.status).toBe('rejected');
    expect(await figureMismatches(h.ctx)).toEqual([]);

    // No job failed: not SQLITE_BUSY from many writers, not a crash.
    const failed = await h.ctx.queues.claims.getFailed();
    expect(failed.map((j) => j.failedReason)).toEqual([]);

    // Every incident's latest report equals the pure reconciler over its stored claims.
    const incidents = (await h.ctx.store.rows<{ id: string }>('SELECT id FROM incidents')).map((r) => r.id);
    expect(incidents.length).toBeGreaterThanOrEqual(INCIDENTS);
    expect(await staleReports(h.ctx)).toEqual([]);
    console.log(`crash recovery: ${acknowledged.size} acknowledged, ${rejected.size} rejected, ${kills} SIGKILLs, ${incidents.length} incidents`);
  }, 300_000);
});

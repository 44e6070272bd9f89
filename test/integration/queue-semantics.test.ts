import { digestOf } from '@recon/domain';
import { createClaimIngester, createIngestHandler } from '@recon/ingest';
import { createTypedWorker, type QueuedClaim } from '@recon/queue';
import { createReconcileHandler, startReconciler } from '@recon/reconciler';
import type { Job, Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, waitForDrain, waitUntil, type Harness } from '../support/harness.js';

const until = waitUntil;

describe('queue semantics (real BullMQ on Redis)', () => {
  let h: Harness;
  const workers: Worker[] = [];
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await h.close();
  });
  const worker = <W extends Worker>(w: W): W => {
    workers.push(w);
    return w;
  };
  const payload = (c: unknown): QueuedClaim => ({ id: digestOf(c), claim: c, receivedAt: new Date().toISOString() });

  it('a claim stored while its incident is being reconciled is in the report once the queues drain', async () => {
    const ingest = createClaimIngester(h.ctx);
    const reconcileOnce = createReconcileHandler(h.ctx);
    const first = claim({ key: 'race', claimant: 'JNIM', count: { exact: 50 } });
    const second = claim({ key: 'race', claimant: 'CSP-PSD', claimantKind: 'rebel_group', count: { exact: 84 } });
    let injected = false;
    // The first reconcile reads its snapshot, then — while the job is still active — a second claim is
    // stored and its reconcile queued. Deduplication must not drop that request.
    worker(
      createTypedWorker(
        'reconcile-incident',
        async (p, job: Job) => {
          const result = await reconcileOnce(p);
          if (!injected) {
            injected = true;
            expect(await job.isActive()).toBe(true);
            await ingest(payload(second));
            expect(await h.ctx.queues.queueDueReconciles(0, 0)).toBe(1);
          }
          return result;
        },
        { connection: h.ctx.workerConnection(), prefix: h.prefix, concurrency: 4 },
      ),
    );
    const { incidentId } = await ingest(payload(first));
    expect(await h.ctx.queues.queueDueReconciles(0, 0)).toBe(1);
    await waitForDrain(h.ctx);
    expect(injected).toBe(true);
    const report = JSON.parse((await h.ctx.store.reportJson(incidentId))!) as { claimCount: number };
    expect(report.claimCount).toBe(2);
    expect(await h.ctx.store.dirtyIncidents()).toEqual([]);
  });

  it('queues one reconcile per incident however many claims arrive, once they pause', async () => {
    const ingest = createClaimIngester(h.ctx);
    for (let i = 0; i < 20; i++) await ingest(payload(claim({ key: 'burst', count: { exact: i }, claimant: `Source ${i}`, claimantKind: 'media' })));
    // Claims came in the last 300 ms: not due yet.
    expect(await h.ctx.queues.queueDueReconciles(300, 10_000)).toBe(0);
    await new Promise((r) => setTimeout(r, 350));
    expect(await h.ctx.queues.queueDueReconciles(300, 10_000)).toBe(1);
    expect(await h.ctx.queues.queueDueReconciles(300, 10_000)).toBe(0);
    const counts = await h.ctx.queues.reconcile.getJobCounts('waiting', 'delayed');
    expect((counts.waiting ?? 0) + (counts.delayed ?? 0)).toBe(1);
  });

  it('queues the reconcile of an incident whose claims never pause once it has waited long enough', async () => {
    const ingest = createClaimIngester(h.ctx);
    const started = Date.now();
    let queued = 0;
    for (let i = 0; queued === 0; i++) {
      expect(Date.now() - started).toBeLessThan(5_000);
      await ingest(payload(claim({ key: 'steady', count: { exact: i }, claimant: `Source ${i}`, claimantKind: 'media' })));
      queued = await h.ctx.queues.queueDueReconciles(10_000, 400);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(queued).toBe(1);
  });

  it('the reconciler queues what is due by itself, and every report catches up', async () => {
    const ingest = createClaimIngester(h.ctx);
    const { incidentId } = await ingest(payload(claim({ key: 'scheduled' })));
    expect(await h.ctx.queues.connection.zscore(h.ctx.queues.dirtyLastKey, incidentId)).not.toBeNull();
    const reconciler = startReconciler(h.ctx, { sweepMs: 60_000 });
    try {
      await waitForDrain(h.ctx);
      expect(await h.ctx.store.reportJson(incidentId)).not.toBeNull();
      expect(await h.ctx.queues.connection.zcard(h.ctx.queues.dirtyLastKey)).toBe(0);
      expect(await h.ctx.queues.connection.zcard(h.ctx.queues.dirtyFirstKey)).toBe(0);
    } finally {
      await reconciler.close();
    }
  });

  const finished = async (jobId: string): Promise<Job> => {
    await until(async () => (await h.ctx.queues.claims.getJob(jobId))?.finishedOn !== undefined);
    return (await h.ctx.queues.claims.getJob(jobId))!;
  };

  it('packs a submission into jobs of 100 claims, and clears each claim\'s queue mark once it is stored', async () => {
    const claims = Array.from({ length: 250 }, (_, i) => payload(claim({ key: `packed-${i % 7}`, count: { exact: i }, claimant: `Source ${i}`, claimantKind: 'media' })));
    const { jobIds } = await h.ctx.queues.enqueueClaims(claims);
    expect(jobIds).toHaveLength(3);
    const sizes = await Promise.all(jobIds.map(async (id) => ((await h.ctx.queues.claims.getJob(id))!.data as { claims: unknown[] }).claims.length));
    expect(sizes).toEqual([100, 100, 50]);
    expect([...(await h.ctx.queues.claimJobStates(claims.map((c) => c.id))).values()].every((s) => s === 'pending')).toBe(true);
    worker(createTypedWorker('ingest-claims', createIngestHandler(h.ctx), { connection: h.ctx.workerConnection(), prefix: h.prefix, concurrency: 2 }));
    const done = await Promise.all(jobIds.map(finished));
    expect(done.map((j) => j.returnvalue as { stored: number })).toEqual([
      expect.objectContaining({ stored: 100, duplicate: 0, rejected: 0 }),
      expect.objectContaining({ stored: 100, duplicate: 0, rejected: 0 }),
      expect.objectContaining({ stored: 50, duplicate: 0, rejected: 0 }),
    ]);
    expect((await h.ctx.store.counts()).claims).toBe(250);
    expect(await h.ctx.queues.connection.hlen(h.ctx.queues.pendingClaimsKey)).toBe(0);
    expect((await h.ctx.queues.claimJobStates(claims.map((c) => c.id))).size).toBe(0);
  });

  it('rejects an invalid claim without retrying, and stores the valid claims of the same job', async () => {
    const w = worker(
      createTypedWorker('ingest-claims', createIngestHandler(h.ctx), { connection: h.ctx.workerConnection(), prefix: h.prefix }),
    );
    const bad = payload({ ...claim(), statedAt: '2020-01-01' });
    const good = payload(claim({ key: 'beside-a-bad-one' }));
    const [jobId] = (await h.ctx.queues.enqueueClaims([bad, good])).jobIds;
    const job = await finished(jobId!);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(1);
    expect(job.returnvalue).toMatchObject({ stored: 1, rejected: 1 });
    expect(await h.ctx.store.claimStatus(bad.id)).toMatchObject({ status: 'rejected', errors: [{ path: 'statedAt' }] });
    expect(await h.ctx.store.claimStatus(good.id)).toMatchObject({ status: 'stored' });
    expect(await h.ctx.queues.connection.hlen(h.ctx.queues.pendingClaimsKey)).toBe(0);
    expect(w.isRunning()).toBe(true);
  });

  it('retries a transient failure with backoff until the claims are stored', async () => {
    const real = createIngestHandler(h.ctx);
    let calls = 0;
    worker(
      createTypedWorker(
        'ingest-claims',
        async (p) => {
          calls += 1;
          if (calls <= 2) throw new Error('database is locked (simulated)');
          return real(p);
        },
        { connection: h.ctx.workerConnection(), prefix: h.prefix },
      ),
    );
    const p = payload(claim({ key: 'transient' }));
    const [jobId] = (await h.ctx.queues.enqueueClaims([p])).jobIds;
    await until(async () => (await h.ctx.store.claimStatus(p.id))?.status === 'stored');
    expect(calls).toBe(3);
    expect((await finished(jobId!)).attemptsMade).toBe(3);
    expect(await h.ctx.queues.jobOfClaim(p.id)).toBeNull();
  });

  it('fails a job whose payload does not match the catalog, without retry', async () => {
    worker(createTypedWorker('ingest-claims', createIngestHandler(h.ctx), { connection: h.ctx.workerConnection(), prefix: h.prefix }));
    const job = await h.ctx.queues.claims.add('ingest-claims', { claims: [{ id: 'not-a-digest', claim: {} }] }, { jobId: 'bad-payload', attempts: 5 });
    const done = await finished(job.id!);
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/malformed ingest-claims payload: claims\[0\]\.id/);
  });
});

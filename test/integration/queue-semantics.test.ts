import { digestOf } from '@recon/domain';
import { createIngestHandler } from '@recon/ingest';
import { createTypedWorker, type PayloadOf } from '@recon/queue';
import { createReconcileHandler } from '@recon/reconciler';
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
  const payload = (c: unknown): PayloadOf<'ingest-claim'> => ({ id: digestOf(c), claim: c, receivedAt: new Date().toISOString() });

  it('a claim stored while its incident is being reconciled is in the report once the queues drain', async () => {
    const ingest = createIngestHandler(h.ctx);
    const reconcileOnce = createReconcileHandler(h.ctx);
    const first = claim({ key: 'race', claimant: 'JNIM', count: { exact: 50 } });
    const second = claim({ key: 'race', claimant: 'CSP-PSD', claimantKind: 'rebel_group', count: { exact: 84 } });
    let injected = false;
    // The first reconcile reads its snapshot, then — while the job is still active — a second claim is
    // stored and a reconcile requested. Deduplication must not drop that request.
    worker(
      createTypedWorker(
        'reconcile-incident',
        async (p, job: Job) => {
          const result = await reconcileOnce(p);
          if (!injected) {
            injected = true;
            expect(await job.isActive()).toBe(true);
            await ingest(payload(second));
          }
          return result;
        },
        { connection: h.ctx.workerConnection(), prefix: h.prefix, concurrency: 4 },
      ),
    );
    const { incidentId } = await ingest(payload(first));
    await waitForDrain(h.ctx);
    expect(injected).toBe(true);
    const report = JSON.parse(h.ctx.store.reportJson(incidentId)!) as { claimCount: number };
    expect(report.claimCount).toBe(2);
    expect(h.ctx.store.dirtyIncidents()).toEqual([]);
  });

  it('asks for one reconcile per incident however many claims arrive while one waits', async () => {
    const ingest = createIngestHandler(h.ctx);
    for (let i = 0; i < 20; i++) await ingest(payload(claim({ key: 'burst', count: { exact: i } , claimant: `Source ${i}`, claimantKind: 'media' })));
    const counts = await h.ctx.queues.reconcile.getJobCounts('waiting', 'delayed');
    expect((counts.waiting ?? 0) + (counts.delayed ?? 0)).toBe(1);
  });

  it('does not retry an invalid claim, and records it as rejected', async () => {
    const w = worker(
      createTypedWorker('ingest-claim', createIngestHandler(h.ctx), { connection: h.ctx.workerConnection(), prefix: h.prefix }),
    );
    const bad = { ...claim(), statedAt: '2020-01-01' };
    const p = payload(bad);
    await h.ctx.queues.enqueueClaims([p]);
    await until(async () => (await h.ctx.queues.claims.getJob(p.id))?.finishedOn !== undefined);
    const job = (await h.ctx.queues.claims.getJob(p.id))!;
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(h.ctx.store.claimStatus(p.id)).toMatchObject({ status: 'rejected', errors: [{ path: 'statedAt' }] });
    expect(w.isRunning()).toBe(true);
  });

  it('retries a transient failure with backoff until the claim is stored', async () => {
    const real = createIngestHandler(h.ctx);
    let calls = 0;
    worker(
      createTypedWorker(
        'ingest-claim',
        async (p) => {
          calls += 1;
          if (calls <= 2) throw new Error('database is locked (simulated)');
          return real(p);
        },
        { connection: h.ctx.workerConnection(), prefix: h.prefix },
      ),
    );
    const p = payload(claim({ key: 'transient' }));
    await h.ctx.queues.enqueueClaims([p]);
    await until(() => h.ctx.store.claimStatus(p.id)?.status === 'stored');
    expect(calls).toBe(3);
    await until(async () => (await h.ctx.queues.claims.getJob(p.id))?.finishedOn !== undefined);
    expect((await h.ctx.queues.claims.getJob(p.id))?.attemptsMade).toBe(3);
  });

  it('fails a job whose payload does not match the catalog, without retry', async () => {
    worker(createTypedWorker('ingest-claim', createIngestHandler(h.ctx), { connection: h.ctx.workerConnection(), prefix: h.prefix }));
    const job = await h.ctx.queues.claims.add('ingest-claim', { id: 'not-a-digest', claim: {} }, { jobId: 'bad-payload', attempts: 5 });
    await until(async () => (await h.ctx.queues.claims.getJob(job.id!))?.finishedOn !== undefined);
    const done = (await h.ctx.queues.claims.getJob(job.id!))!;
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/malformed ingest-claim payload/);
  });
});

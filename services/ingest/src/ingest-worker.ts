import { createTypedWorker, IngestClaimsPayload } from '@recon/queue';
import type { AppContext } from '@recon/runtime';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { createIngestHandler, IngestFailedError } from './ingest-handler.js';

export interface RunningWorker {
  worker: Worker;
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>;
}

/** Runs the ingest worker on the `claims` queue. */
export function startIngestWorker(ctx: AppContext, concurrency = ctx.env.INGEST_CONCURRENCY): RunningWorker {
  const log = ctx.log.child({ service: 'ingest' });
  const handler = createIngestHandler(ctx);
  const worker = createTypedWorker('ingest-claims', handler, ctx.workerOptions(concurrency));
  attachFailureRecorder(worker, ctx);
  worker.on('error', (err) => log.warn('ingest worker error', { err }));
  return { worker, close: () => worker.close() };
}

/** Logs every failed attempt of a claims job, and records the claims that failed for good. */
export function attachFailureRecorder(worker: Worker, ctx: AppContext): void {
  const log = ctx.log.child({ service: 'ingest' });
  worker.on('failed', (job, err) => {
    log.warn('claims job failed', { jobId: job?.id, attempt: job?.attemptsMade, error: err.message, name: err.name });
    if (job) void recordFinalFailure(ctx, job, err);
  });
}

/**
 * When a job's last attempt failed (retries exhausted, or its worker died too often), each of its
 * valid claims that is still not stored is recorded with the error and the attempts, so it can be
 * listed and queued again, and its queue mark is cleared. Claims found invalid were recorded as
 * rejected by the handler and are not failures.
 */
async function recordFinalFailure(ctx: AppContext, job: Job, err: Error): Promise<void> {
  if (err instanceof UnrecoverableError || err.name === 'InvalidJobError') return;
  const final = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!final) return;
  const payload = IngestClaimsPayload.safeParse(job.data);
  if (!payload.success) return;
  const now = new Date().toISOString();
  const candidates = err instanceof IngestFailedError ? new Set(err.claimIds) : null;
  // Not stored, retracted or rejected: what the store knows of it, if anything, is an earlier failure.
  const failed: typeof payload.data.claims = [];
  try {
    for (const c of payload.data.claims) {
      if (candidates !== null && !candidates.has(c.id)) continue;
      const known = (await ctx.store.claimStatus(c.id))?.status;
      if (known === undefined || known === 'failed') failed.push(c);
    }
    for (const c of failed) {
      await ctx.store.recordFailure({ id: c.id, body: JSON.stringify(c.claim) ?? 'null', error: err.message, attempts: job.attemptsMade, now });
    }
  } catch (dbErr) {
    ctx.log.error('could not record failed claims; they stay in the failed jobs of the claims queue', { jobId: job.id, err: dbErr });
    return;
  }
  try {
    await ctx.queues.settleClaims(failed.map((c) => c.id));
  } catch (redisErr) {
    // The marks point at a finished job: the claims read as failed, and a new submission queues them again.
    ctx.log.warn('could not clear the queue marks of failed claims', { jobId: job.id, err: redisErr });
  }
}

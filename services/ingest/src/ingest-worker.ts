import { createTypedWorker, IngestClaimPayload } from '@recon/queue';
import type { AppContext } from '@recon/runtime';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { createIngestHandler } from './ingest-handler.js';

export interface RunningWorker {
  worker: Worker;
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>;
}

/** Runs the ingest worker on the `claims` queue. */
export function startIngestWorker(ctx: AppContext, concurrency = ctx.env.INGEST_CONCURRENCY): RunningWorker {
  const log = ctx.log.child({ service: 'ingest' });
  const handler = createIngestHandler(ctx);
  const worker = createTypedWorker('ingest-claim', handler, ctx.workerOptions(concurrency));
  attachFailureRecorder(worker, ctx);
  worker.on('error', (err) => log.warn('ingest worker error', { err }));
  return { worker, close: () => worker.close() };
}

/** Logs every failed attempt of a claim job, and records the claims that failed for good. */
export function attachFailureRecorder(worker: Worker, ctx: AppContext): void {
  const log = ctx.log.child({ service: 'ingest' });
  worker.on('failed', (job, err) => {
    log.warn('claim job failed', { jobId: job?.id, attempt: job?.attemptsMade, error: err.message, name: err.name });
    if (job) recordFinalFailure(ctx, job, err);
  });
}

/**
 * A valid claim whose last attempt failed (retries exhausted, or its worker died too often) is
 * recorded with its error and attempts, so it can be listed and queued again. Invalid claims were
 * recorded as rejected by the handler and are not failures.
 */
function recordFinalFailure(ctx: AppContext, job: Job, err: Error): void {
  if (err instanceof UnrecoverableError || err.name === 'InvalidJobError') return;
  const final = job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
  if (!final) return;
  const payload = IngestClaimPayload.safeParse(job.data);
  if (!payload.success) return;
  try {
    ctx.store.recordFailure({
      id: payload.data.id,
      body: JSON.stringify(payload.data.claim) ?? 'null',
      error: err.message,
      attempts: job.attemptsMade,
      now: new Date().toISOString(),
    });
  } catch (dbErr) {
    ctx.log.error('could not record a failed claim; it stays in the failed jobs of the claims queue', { jobId: job.id, err: dbErr });
  }
}

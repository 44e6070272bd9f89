import { createTypedWorker } from '@recon/queue';
import type { AppContext } from '@recon/runtime';
import type { Worker } from 'bullmq';
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
  const worker = createTypedWorker('ingest-claim', handler, {
    connection: ctx.workerConnection(),
    prefix: ctx.env.RECON_QUEUE_PREFIX,
    concurrency,
  });
  worker.on('failed', (job, err) =>
    log.warn('claim job failed', { jobId: job?.id, attempt: job?.attemptsMade, error: err.message, name: err.name }),
  );
  worker.on('error', (err) => log.warn('ingest worker error', { err }));
  return { worker, close: () => worker.close() };
}

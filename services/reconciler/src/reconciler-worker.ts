import { createTypedWorker } from '@recon/queue';
import type { AppContext } from '@recon/runtime';
import type { Worker } from 'bullmq';
import { createReconcileHandler } from './reconcile-handler.js';

export interface RunningReconciler {
  worker: Worker;
  /** Enqueues every incident whose report is behind its claims. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Runs the reconciler on the `reconcile` queue, and sweeps for incidents whose report is behind
 * their claims at start and then periodically (a worker that died between storing a claim and
 * asking for a reconcile leaves such an incident behind).
 */
export function startReconciler(
  ctx: AppContext,
  options: { concurrency?: number; sweepMs?: number } = {},
): RunningReconciler {
  const log = ctx.log.child({ service: 'reconciler' });
  const worker = createTypedWorker(
    'reconcile-incident',
    createReconcileHandler(ctx),
    ctx.workerOptions(options.concurrency ?? ctx.env.RECONCILE_CONCURRENCY),
  );
  worker.on('failed', (job, err) => log.warn('reconcile job failed', { jobId: job?.id, error: err.message }));
  worker.on('error', (err) => log.warn('reconciler worker error', { err }));

  const sweep = async (): Promise<number> => {
    const dirty = ctx.store.dirtyIncidents();
    if (dirty.length > 0) await ctx.queues.requestReconcile(dirty);
    return dirty.length;
  };
  const runSweep = (): void => {
    sweep().then(
      (n) => n > 0 && log.debug('swept incidents behind their claims', { count: n }),
      (err: unknown) => log.warn('sweep failed; will try again', { err }),
    );
  };
  runSweep();
  const timer = setInterval(runSweep, options.sweepMs ?? ctx.env.RECONCILE_SWEEP_MS);
  timer.unref();
  return {
    worker,
    sweep,
    close: async () => {
      clearInterval(timer);
      await worker.close();
    },
  };
}

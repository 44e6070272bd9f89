import { createTypedWorker } from '@recon/queue';
import type { AppContext } from '@recon/runtime';
import type { Worker } from 'bullmq';
import { createReconcileHandler } from './reconcile-handler.js';

export interface RunningReconciler {
  worker: Worker;
  /** Enqueues every incident whose report is behind its claims. */
  sweep(): Promise<number>;
  scheduler: ReconcileScheduler;
  close(): Promise<void>;
}

const TAKE_LIMIT = 1_000;

export interface ReconcileScheduler {
  /** Queues the reconciles that are due now; resolves to how many. */
  tick(): Promise<number>;
  stop(): void;
}

/**
 * Queues the reconcile of each dirty incident once its claims have paused for `quietMs`
 * (RECONCILE_DELAY_MS), or once it has waited `maxWaitMs` (RECONCILE_MAX_WAIT_MS), looking every
 * quarter of the quiet period (at most every 250 ms).
 */
export function startReconcileScheduler(
  ctx: AppContext,
  options: { quietMs?: number; maxWaitMs?: number; everyMs?: number } = {},
): ReconcileScheduler {
  const log = ctx.log.child({ service: 'reconciler' });
  const quietMs = options.quietMs ?? ctx.env.RECONCILE_DELAY_MS;
  const maxWaitMs = options.maxWaitMs ?? ctx.env.RECONCILE_MAX_WAIT_MS;
  const everyMs = options.everyMs ?? Math.max(10, Math.min(250, quietMs / 4));
  let running: Promise<number> | null = null;
  const tick = (): Promise<number> => {
    running ??= (async () => {
      let total = 0;
      for (;;) {
        const n = await ctx.queues.queueDueReconciles(quietMs, maxWaitMs, TAKE_LIMIT);
        total += n;
        // A full take means more may be due: take again at once.
        if (n < TAKE_LIMIT) return total;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => log.warn('could not queue due reconciles; will try again', { err }));
  }, everyMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

/**
 * Runs the reconciler on the `reconcile` queue, with its scheduler, and sweeps for incidents whose report is behind
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

  // At start, every incident whose report is behind; later, those whose claims changed well before
  // the scheduler would have queued them (the others are still marked dirty in Redis).
  let first = true;
  const sweep = async (): Promise<number> => {
    const lostAfterMs = ctx.env.RECONCILE_DELAY_MS + 5_000;
    const dirty = await ctx.store.dirtyIncidents(10_000, first ? undefined : new Date(Date.now() - lostAfterMs).toISOString());
    first = false;
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
  const scheduler = startReconcileScheduler(ctx);
  return {
    worker,
    sweep,
    scheduler,
    close: async () => {
      clearInterval(timer);
      scheduler.stop();
      await worker.close();
    },
  };
}

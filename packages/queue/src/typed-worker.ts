import { MetricsTime, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { formatPath } from '@recon/domain';
import { InvalidJobError } from './errors.js';
import { jobCatalog, type JobName, type PayloadOf } from './job-catalog.js';

export type Handler<N extends JobName> = (payload: PayloadOf<N>, job: Job) => Promise<unknown>;

export interface TypedWorkerOptions {
  connection: Redis;
  prefix?: string;
  concurrency?: number;
  /** Lock length; a job whose worker died runs again once its lock lapses. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Losing its worker this many times fails a job (worker crashes are not the job's fault). */
  maxStalledCount?: number;
}

/**
 * A worker for one job of the catalog: the payload is parsed with the job's schema before the
 * handler sees it (a malformed payload fails at once, without retries), and a handler that runs
 * past the job's time limit fails the attempt.
 */
export function createTypedWorker<N extends JobName>(name: N, handler: Handler<N>, options: TypedWorkerOptions): Worker {
  const def = jobCatalog[name];
  return new Worker(
    def.queue,
    async (job: Job) => {
      if (job.name !== name) throw new InvalidJobError(`queue ${def.queue} does not take jobs named ${job.name}`);
      const parsed = def.schema.safeParse(job.data);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
        throw new InvalidJobError(`malformed ${name} payload: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} job ${job.id} timed out after ${def.timeoutMs} ms`)), def.timeoutMs);
      });
      try {
        return await Promise.race([handler(parsed.data as PayloadOf<N>, job), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix ?? 'recon',
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      maxStalledCount: options.maxStalledCount ?? 5,
      // BullMQ counts finished jobs per minute in Redis (a week of them), for /metrics.
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      autorun: true,
    },
  );
}

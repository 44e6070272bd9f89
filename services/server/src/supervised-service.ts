import { fileURLToPath } from 'node:url';
import { startApi, type HttpServer } from '@recon/api';
import type { AppContext } from '@recon/runtime';
import { WorkerSupervisor } from './worker-supervisor.js';

/** The worker entry points `npm start` runs as processes of their own: the same files as `npm run start:<name>`. */
export const WORKER_ENTRIES = {
  ingest: '@recon/ingest/main',
  reconciler: '@recon/reconciler/main',
} as const;

export interface SupervisedService {
  http: HttpServer;
  workers: Record<keyof typeof WORKER_ENTRIES, WorkerSupervisor>;
  /** Stops taking requests, stops the workers (each finishes its jobs in flight), then closes connections. */
  close(): Promise<void>;
}

/**
 * `npm start`: the API on this process's event loop, and the ingest worker and the reconciler each in
 * a child process that this one supervises (restarting it if it dies). A burst of ingest or
 * reconciling never stalls reads or health checks, and the service uses more than one core. The
 * children share this process's Redis (a private one, when it started one) and database.
 */
export async function startSupervised(ctx: AppContext, options: { port?: number } = {}): Promise<SupervisedService> {
  const env = { ...process.env, REDIS_URL: ctx.redisUrl };
  const supervise = (name: keyof typeof WORKER_ENTRIES): WorkerSupervisor =>
    new WorkerSupervisor({
      name,
      entry: fileURLToPath(import.meta.resolve(WORKER_ENTRIES[name])),
      env,
      log: ctx.log.child({ service: 'supervisor' }),
      stopTimeoutMs: ctx.env.SHUTDOWN_TIMEOUT_MS,
    });
  const workers = { ingest: supervise('ingest'), reconciler: supervise('reconciler') };
  const stopWorkers = () => Promise.allSettled(Object.values(workers).map((w) => w.stop()));
  for (const w of Object.values(workers)) w.start();
  let http: HttpServer;
  try {
    http = await startApi(ctx, options.port);
  } catch (err) {
    await stopWorkers();
    throw err;
  }
  return {
    http,
    workers,
    close: async () => {
      await http.close();
      await stopWorkers();
      await ctx.close();
    },
  };
}

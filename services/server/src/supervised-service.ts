import { fileURLToPath } from 'node:url';
import { startApi, type HttpServer } from '@recon/api';
import type { AppContext } from '@recon/runtime';
import { WorkerSupervisor } from './worker-supervisor.js';
import { availableParallelism } from 'node:os';
import type { EngineKind } from '@recon/db';

/** The worker entry points `npm start` runs as processes of their own: the same files as `npm run start:<name>`. */
export const WORKER_ENTRIES = {
  ingest: '@recon/ingest/main',
  reconciler: '@recon/reconciler/main',
} as const;

export interface SupervisedService {
  http: HttpServer;
  /** The ingest processes (INGEST_PROCESSES of them) and the reconciler. */
  workers: { ingest: WorkerSupervisor[]; reconciler: WorkerSupervisor };
  /** Stops taking requests, stops the workers (each finishes its jobs in flight), then closes connections. */
  close(): Promise<void>;
}

/**
 * `npm start`: the API on this process's event loop, and the ingest workers and the reconciler each in
 * a child process that this one supervises (restarting it if it dies). A burst of ingest or
 * reconciling never stalls reads or health checks, and the service uses the machine's cores: one
 * ingest process on SQLite (one writer at a time), one per two cores on PostgreSQL
 * (`INGEST_PROCESSES`), each running jobs at once by the core count (`INGEST_CONCURRENCY`). The
 * children share this process's Redis (a private one, when it started one) and database.
 */
export async function startSupervised(ctx: AppContext, options: { port?: number } = {}): Promise<SupervisedService> {
  const env = { ...process.env, REDIS_URL: ctx.redisUrl };
  const supervise = (name: keyof typeof WORKER_ENTRIES, n = 0): WorkerSupervisor =>
    new WorkerSupervisor({
      name: n > 0 ? `${name}-${n + 1}` : name,
      entry: fileURLToPath(import.meta.resolve(WORKER_ENTRIES[name])),
      env,
      log: ctx.log.child({ service: 'supervisor' }),
      stopTimeoutMs: ctx.env.SHUTDOWN_TIMEOUT_MS,
    });
  const processes = ctx.env.INGEST_PROCESSES ?? defaultIngestProcesses(ctx.engine.kind);
  const workers = { ingest: Array.from({ length: processes }, (_, i) => supervise('ingest', i)), reconciler: supervise('reconciler') };
  const all = [...workers.ingest, workers.reconciler];
  const stopWorkers = () => Promise.allSettled(all.map((w) => w.stop()));
  for (const w of all) w.start();
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

/** Ingest processes by default: SQLite has one writer, so one; PostgreSQL, one per two cores. */
export function defaultIngestProcesses(engine: EngineKind, cores = availableParallelism()): number {
  return engine === 'sqlite' ? 1 : Math.max(1, Math.floor(cores / 2));
}

import { startApi, type HttpServer } from '@recon/api';
import { startIngestWorker, type RunningWorker } from '@recon/ingest';
import { startReconciler, type RunningReconciler } from '@recon/reconciler';
import type { AppContext } from '@recon/runtime';

export interface RunningService {
  http: HttpServer;
  ingest: RunningWorker;
  reconciler: RunningReconciler;
  /** Stops taking requests and jobs, finishes those in flight, then closes connections. */
  close(): Promise<void>;
}

/**
 * The API and both workers on one event loop: for tests, the demo and embedding. `npm start` runs the
 * workers in processes of their own (`startSupervised`).
 */
export async function startAll(ctx: AppContext, options: { port?: number } = {}): Promise<RunningService> {
  const ingest = startIngestWorker(ctx);
  const reconciler = startReconciler(ctx);
  let http: HttpServer;
  try {
    http = await startApi(ctx, options.port);
  } catch (err) {
    await Promise.allSettled([ingest.close(), reconciler.close()]);
    throw err;
  }
  return {
    http,
    ingest,
    reconciler,
    close: async () => {
      await http.close();
      await Promise.allSettled([ingest.close(), reconciler.close()]);
      await ctx.close();
    },
  };
}

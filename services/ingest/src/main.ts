/** The ingest worker alone: `npm run start:ingest`. Migrations must have been applied (`npm run migrate`). */
import { createContext, exitOnSignals, failStartup, parseEnv } from '@recon/runtime';
import { startIngestWorker } from './ingest-worker.js';

try {
  const env = parseEnv();
  const ctx = await createContext(env, { migrate: false, requireRedisUrl: true });
  const running = startIngestWorker(ctx);
  ctx.log.info('ingest worker started', { concurrency: env.INGEST_CONCURRENCY });
  exitOnSignals(async () => {
    await running.close();
    await ctx.close();
  }, env.SHUTDOWN_TIMEOUT_MS, ctx.log);
} catch (err) {
  failStartup(err);
}

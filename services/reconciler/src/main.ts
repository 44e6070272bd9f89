/** The reconciler alone: `npm run start:reconciler`. Migrations must have been applied (`npm run migrate`). */
import { createContext, exitOnSignals, failStartup, parseEnv } from '@recon/runtime';
import { startReconciler } from './reconciler-worker.js';

try {
  const env = parseEnv();
  const ctx = await createContext(env, { migrate: false, requireRedisUrl: true });
  const running = startReconciler(ctx);
  ctx.log.info('reconciler started', { concurrency: env.RECONCILE_CONCURRENCY });
  exitOnSignals(async () => {
    await running.close();
    await ctx.close();
  }, env.SHUTDOWN_TIMEOUT_MS, ctx.log);
} catch (err) {
  failStartup(err);
}

/** The reconciler alone: `npm run start:reconciler`. Migrations must have been applied (`npm run migrate`). */
import { runService } from '@recon/runtime';
import { startReconciler } from './reconciler-worker.js';

await runService({ migrate: false, requireRedisUrl: true, writesDerivedDataOnly: true }, (ctx) => {
  ctx.log.info('reconciler started', { concurrency: ctx.env.RECONCILE_CONCURRENCY });
  return startReconciler(ctx);
});

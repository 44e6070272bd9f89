/** The ingest worker alone: `npm run start:ingest`. Migrations must have been applied (`npm run migrate`). */
import { runService } from '@recon/runtime';
import { startIngestWorker } from './ingest-worker.js';

await runService({ migrate: false, requireRedisUrl: true }, (ctx) => {
  ctx.log.info('ingest worker started', { concurrency: ctx.env.INGEST_CONCURRENCY });
  return startIngestWorker(ctx);
});

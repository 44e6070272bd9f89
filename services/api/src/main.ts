/** The HTTP API alone: `npm run start:api`. Migrations must have been applied (`npm run migrate`). */
import { runService } from '@recon/runtime';
import { startApi } from './api-service.js';

await runService({ migrate: false, requireRedisUrl: true }, (ctx) => startApi(ctx));

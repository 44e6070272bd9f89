/**
 * `npm start`: migrations, then the API in this process and the ingest worker and the reconciler in
 * child processes it supervises. Without REDIS_URL a private redis-server is started with its data
 * beside the database, and stopped on exit, after the workers.
 */
import { runService } from '@recon/runtime';
import { startSupervised } from './supervised-service.js';

await runService({ migrate: true }, (ctx) => startSupervised(ctx));

/**
 * `npm start`: migrations, then the API and both workers in one process. Without REDIS_URL a private
 * redis-server is started with its data beside the database, and stopped on exit.
 */
import { runService } from '@recon/runtime';
import { startAll } from './all-in-one.js';

await runService({ migrate: true }, (ctx) => startAll(ctx));

/**
 * `npm start`: migrations, then the API and both workers in one process. Without REDIS_URL a private
 * redis-server is started with its data beside the database, and stopped on exit.
 */
import { createContext, exitOnSignals, failStartup, parseEnv } from '@recon/runtime';
import { startAll } from './all-in-one.js';

try {
  const env = parseEnv();
  const ctx = await createContext(env, { migrate: true });
  const service = await startAll(ctx);
  exitOnSignals(() => service.close(), env.SHUTDOWN_TIMEOUT_MS, ctx.log);
} catch (err) {
  failStartup(err);
}

/** The HTTP API alone: `npm run start:api`. Migrations must have been applied (`npm run migrate`). */
import { createContext, exitOnSignals, failStartup, parseEnv } from '@recon/runtime';
import { startApi } from './api-service.js';

try {
  const env = parseEnv();
  const ctx = await createContext(env, { migrate: false, requireRedisUrl: true });
  const server = await startApi(ctx);
  exitOnSignals(async () => {
    await server.close();
    await ctx.close();
  }, env.SHUTDOWN_TIMEOUT_MS, ctx.log);
} catch (err) {
  failStartup(err);
}

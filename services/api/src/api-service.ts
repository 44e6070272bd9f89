import type { AppContext } from '@recon/runtime';
import { ConfigError } from '@recon/runtime';
import { Admission } from './admission.js';
import type { ApiDeps } from './api-deps.js';
import { createApp } from './app.js';
import { isLoopback, listen, type HttpServer } from './http-server.js';
import { Metrics } from './metrics.js';
import { ReportCache } from './report-cache.js';

export function apiDepsOf(ctx: AppContext): ApiDeps {
  return {
    store: ctx.store,
    registry: ctx.registry,
    gazetteer: ctx.gazetteer,
    queues: ctx.queues,
    redis: ctx.health,
    log: ctx.log.child({ service: 'api' }),
    auth: { writeTokens: ctx.env.RECON_API_TOKENS, readToken: ctx.env.RECON_READ_TOKEN },
    metrics: new Metrics(),
    reportCache: new ReportCache(),
    now: () => new Date().toISOString(),
    admission: new Admission({ maxInFlight: ctx.env.API_MAX_SUBMISSIONS, maxLagMs: ctx.env.API_MAX_LAG_MS }),
  };
}

/**
 * Starts the HTTP API on HOST:PORT. Without write tokens it listens on loopback only: anyone who
 * can reach it could add or retract claims.
 */
export async function startApi(ctx: AppContext, port = ctx.env.PORT): Promise<HttpServer> {
  if (ctx.env.RECON_API_TOKENS.length === 0 && !isLoopback(ctx.env.HOST)) {
    throw new ConfigError(
      `refusing to listen on ${ctx.env.HOST} with no RECON_API_TOKENS: anyone could write. Set RECON_API_TOKENS, or HOST=127.0.0.1.`,
    );
  }
  const server = await listen(createApp(apiDepsOf(ctx)), ctx.env.HOST, port);
  ctx.log.info('API listening', { url: `http://${ctx.env.HOST}:${server.port}`, writeAuth: ctx.env.RECON_API_TOKENS.length > 0 });
  return server;
}

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { serve } from '../openapi-route.js';
import type { ApiDeps } from '../api-deps.js';
import { HealthSchema, ReadySchema } from '@recon/contract';
import { assertSchemaCurrent } from '@recon/db';

async function redisUp(deps: ApiDeps): Promise<boolean> {
  try {
    const pong = await Promise.race([
      deps.redis.ping(),
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 1_000)),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  }
}

/** Whether the database answers within two seconds. */
async function databaseUp(deps: ApiDeps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.store.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), 2_000);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Whether the queue (Redis) and the database are reachable',
  responses: {
    200: { description: 'Both reachable', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'One is not', content: { 'application/json': { schema: HealthSchema } } },
  },
});
const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Whether this API can serve: Redis and the database answer, and the database has every migration (for load balancers and orchestrators)',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'Not ready, and why', content: { 'application/json': { schema: ReadySchema } } },
  },
});
const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics',
  responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string().openapi({ description: 'Prometheus exposition format 0.0.4' }) } } } },
});

/** Databases seen with every migration: migrations are never taken back, so they are checked once. */
const migrated = new WeakSet<object>();

export function registerOpsRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  deps.metrics.observe({ storeCounts: () => deps.store.counts(), queueCounts: () => deps.queues.jobCounts(), finishedCounts: () => deps.queues.finishedCounts(), recentJobTimes: () => deps.queues.recentJobTimes() });
  serve(app, healthRoute, async (c) => {
    const redis = await redisUp(deps);
    const database = await databaseUp(deps);
    const ok = redis && database;
    return c.json(
      { status: ok ? 'ok' : 'degraded', redis: redis ? 'up' : 'down', database: database ? 'up' : 'down' },
      ok ? 200 : 503,
    );
  });

  serve(app, readyRoute, async (c) => {
    const redis = await redisUp(deps);
    const database = await databaseUp(deps);
    let migrations: 'applied' | 'missing' | 'unknown' = 'unknown';
    let reason: string | undefined;
    if (database && migrated.has(deps.store.engine)) migrations = 'applied';
    else if (database) {
      try {
        await assertSchemaCurrent(deps.store.engine);
        migrated.add(deps.store.engine);
        migrations = 'applied';
      } catch (err) {
        migrations = 'missing';
        reason = (err as Error).message;
      }
    }
    if (!redis) reason = 'Redis does not answer';
    if (!database) reason = 'the database does not answer';
    const ready = redis && database && migrations === 'applied';
    return c.json(
      { status: ready ? ('ready' as const) : ('not_ready' as const), redis: redis ? ('up' as const) : ('down' as const), database: database ? ('up' as const) : ('down' as const), migrations, ...(reason ? { reason } : {}) },
      ready ? 200 : 503,
    );
  });

  serve(app, metricsRoute, async (c) => c.text(await deps.metrics.render(), 200, { 'content-type': deps.metrics.registry.contentType }));
}

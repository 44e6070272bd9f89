import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { serve } from '../openapi-route.js';
import type { ApiDeps } from '../api-deps.js';
import type { Metrics } from '../metrics.js';
import { HealthSchema } from '@recon/contract';

type Gauge = NonNullable<Parameters<Metrics['render']>[0]>[number];

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

function databaseUp(deps: ApiDeps): boolean {
  try {
    deps.store.handle.sqlite.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
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
const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics',
  responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string().openapi({ description: 'Prometheus exposition format 0.0.4' }) } } } },
});

export function registerOpsRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  serve(app, healthRoute, async (c) => {
    const redis = await redisUp(deps);
    const database = databaseUp(deps);
    const ok = redis && database;
    return c.json(
      { status: ok ? 'ok' : 'degraded', redis: redis ? 'up' : 'down', database: database ? 'up' : 'down' },
      ok ? 200 : 503,
    );
  });

  serve(app, metricsRoute, async (c) => {
    const counts = deps.store.counts();
    const gauges: Gauge[] = [
      {
        name: 'recon_store_rows',
        help: 'Rows in the database by kind',
        values: Object.entries(counts).map(([kind, value]) => ({ labels: { kind }, value })),
      },
    ];
    let queueUp = 1;
    try {
      const { claims, reconcile } = await deps.queues.jobCounts();
      gauges.push({
        name: 'recon_queue_jobs',
        help: 'Jobs in each queue by state',
        values: [
          ...Object.entries(claims).map(([state, value]) => ({ labels: { queue: 'claims', state }, value })),
          ...Object.entries(reconcile).map(([state, value]) => ({ labels: { queue: 'reconcile', state }, value })),
        ],
      });
    } catch {
      queueUp = 0;
    }
    gauges.push({ name: 'recon_queue_up', help: 'Whether Redis answered', values: [{ value: queueUp }] });
    return c.text(deps.metrics.render(gauges), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}

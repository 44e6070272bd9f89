import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, apiDepsOf } from '@recon/api';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import { createRedis, ReconQueues, waitReady } from '@recon/queue';
import { startPrivateRedis, type PrivateRedis } from '@recon/runtime';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '@recon/db';
import { createHarness, testEngine, waitForDrain, waitUntil, type Harness } from '../support/harness.js';

/** Health, metrics, the OpenAPI document and unknown routes, in-process on a real Redis and SQLite. */

interface ErrorBody {
  error: { code: string; message: string };
}

const claim = {
  incident: { key: 'ml-2024-07-tinzaouaten', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25' },
  claimant: { name: 'JNIM', kind: 'armed_group' },
  statedAt: '2024-07-28',
  figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: 50 } }],
};

/** The value of one sample line, e.g. `recon_claims_submitted_total{result="queued"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations endpoints', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GET /readyz: ready with every migration, and says why not when one is missing', async () => {
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', redis: 'up', database: 'up', migrations: 'applied' });
    // A database a migration behind (another harness, so this app's cached answer does not apply).
    const behind = await createHarness();
    try {
      const table = testEngine === 'sqlite' ? '__drizzle_migrations' : 'drizzle.__drizzle_migrations';
      await behind.ctx.store.engine.write(() => run(`DELETE FROM ${table} WHERE created_at = (SELECT max(created_at) FROM ${table})`));
      const res2 = await createApp(apiDepsOf(behind.ctx)).request('/readyz');
      expect(res2.status).toBe(503);
      const body = (await res2.json()) as { status: string; migrations: string; reason: string };
      expect([body.status, body.migrations]).toEqual(['not_ready', 'missing']);
      expect(body.reason).toMatch(/run `npm run migrate` first/);
    } finally {
      await behind.close();
    }
  });

  it('gives every answer a request id, the client’s own when it sends one', async () => {
    const own = await app.request('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(own.headers.get('x-request-id')).toBe('abc-123');
    const made = await app.request('/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /metrics: latency histograms per route, and the process and event-loop metrics', async () => {
    await app.request('/incidents');
    const text = await (await app.request('/metrics')).text();
    expect(text).toContain('# TYPE recon_http_request_duration_seconds histogram');
    expect(text).toMatch(/^recon_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/incidents"\} \d+$/m);
    expect(text).toMatch(/^recon_nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^recon_process_cpu_user_seconds_total \d/m);
    expect(text).toContain('# TYPE recon_store_rows gauge');
    expect(sample(text, 'recon_queue_up')).toBe(1);
    expect(text).toContain('# TYPE recon_jobs_finished_total counter');
  });

  it('GET /healthz: Redis and the database are up', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', redis: 'up', database: 'up' });
  });

  it('GET /metrics: Prometheus text with request, submission and queue series', async () => {
    const before = await (await app.request('/metrics')).text();
    expect(sample(before, 'recon_claims_submitted_total{result="queued"}')).toBeUndefined();

    const submitted = await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: [claim, claim, { nonsense: true }] }),
    });
    expect(submitted.status).toBe(202);

    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# TYPE recon_http_requests_total counter');
    expect(text).toMatch(/^recon_http_requests_total\{[^}]*method="POST"[^}]*status="202"[^}]*\} 1$/m);
    expect(sample(text, 'recon_claims_submitted_total{result="queued"}')).toBe(1);
    expect(sample(text, 'recon_claims_submitted_total{result="duplicate"}')).toBe(1);
    expect(sample(text, 'recon_claims_submitted_total{result="rejected"}')).toBe(1);
    expect(text).toContain('# TYPE recon_queue_jobs gauge');
    expect(sample(text, 'recon_queue_jobs{queue="claims",state="waiting"}')).toBe(1);
    expect(text).toMatch(/^recon_queue_jobs\{queue="reconcile",state="[a-z]+"\} \d+$/m);
    expect(sample(text, 'recon_store_rows{kind="rejections"}')).toBe(1);
  });

  it('GET /openapi.json: an OpenAPI 3.1 document with every path', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toEqual(expect.any(String));
    for (const path of ['/claims', '/claims/{id}', '/incidents', '/incidents/{id}', '/incidents/{id}/report', '/incidents/{id}/reports', '/healthz', '/metrics']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths['/claims']!)).toContain('post');
    expect(Object.keys(doc.paths['/claims/{id}']!).sort()).toEqual(['delete', 'get']);
  });

  it('answers an unknown route with a 404 JSON error', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/incidents/x/y/z'],
      ['PUT', '/claims'],
      ['POST', '/incidents'],
    ] as const) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toEqual(expect.any(String));
    }
  });
});

/** Resolves with the response, or rejects when it takes longer than `ms` (a hung request). */
async function within(ms: number, res: Response | Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(res),
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Redis goes down while the API runs: the API's producer connection and queues point at a
 * redis-server of this test's own, which is stopped after the connection was ready (the database
 * and the workers keep the harness's Redis).
 */
describe('with Redis down', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let redis: PrivateRedis;
  let redisDir: string;
  let producer: ReturnType<typeof createRedis>;
  let queues: ReconQueues;
  let storedId: string;

  beforeAll(async () => {
    h = await createHarness();
    // A claim stored through the healthy path, to retract while Redis is down.
    const healthy = createApp(apiDepsOf(h.ctx));
    const worker = startIngestWorker(h.ctx, 2);
    try {
      const res = await healthy.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claim) });
      storedId = ((await res.json()) as { accepted: { id: string }[] }).accepted[0]!.id;
      await waitUntil(async () => (await h.ctx.store.counts()).claims >= 1, 30_000, 'the claim was not stored in time');
    } finally {
      await worker.close();
    }

    redisDir = mkdtempSync(join(tmpdir(), 'recon-test-api-redis-'));
    redis = await startPrivateRedis(redisDir, { appendOnly: false });
    producer = createRedis(redis.url, 'producer');
    producer.on('error', () => undefined);
    await waitReady(producer);
    queues = new ReconQueues(producer, h.prefix);
    app = createApp({ ...apiDepsOf(h.ctx), redis: producer, queues });
    // Up first: the API works against it.
    expect((await app.request('/healthz')).status).toBe(200);
    await redis.stop();
  });
  afterAll(async () => {
    await Promise.race([queues?.close(), new Promise((r) => setTimeout(r, 1_000))]);
    producer?.disconnect();
    await redis?.stop();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
    await h?.close();
  });

  it('POST /claims answers 503 queue_unavailable with Retry-After, and records nothing', async () => {
    const before = await h.ctx.store.counts();
    const res = await within(
      5_000,
      app.request('/claims', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claims: [{ ...claim, statedAt: '2024-07-29' }, { nonsense: true }] }),
      }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as ErrorBody).error.code).toBe('queue_unavailable');
    expect(await h.ctx.store.counts()).toEqual(before);
  });

  it('GET /healthz answers 503 degraded with redis down and the database up', async () => {
    const res = await within(5_000, app.request('/healthz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', redis: 'down', database: 'up' });
  });

  it('GET /claims/:id answers a stored claim from the database, and 503 for an unknown id', async () => {
    const stored = await within(5_000, app.request(`/claims/${storedId}`));
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { status: string }).status).toBe('stored');
    const unknown = await within(5_000, app.request(`/claims/${'d'.repeat(64)}`));
    expect(unknown.status).toBe(503);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('unavailable');
  });

  it('GET /metrics still answers, with recon_queue_up 0', async () => {
    const res = await within(5_000, app.request('/metrics'));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(sample(text, 'recon_queue_up')).toBe(0);
    expect(sample(text, 'recon_store_rows{kind="claims"}')).toBe(1);
  });

  it('reads from the database keep working', async () => {
    const res = await within(5_000, app.request('/incidents'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { incidents: unknown[] }).incidents).toHaveLength(1);
  });

  it('DELETE /claims/:id still retracts; the sweep rebuilds the report later', async () => {
    const res = await within(5_000, app.request(`/claims/${storedId}`, { method: 'DELETE' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('retracted');
    expect((await h.ctx.store.claimStatus(storedId))?.status).toBe('retracted');
    expect((await h.ctx.store.counts()).claims).toBe(0);
    // A reconciler on a Redis that is up rebuilds the report without the claim.
    const reconciler = startReconciler(h.ctx, { sweepMs: 500 });
    try {
      await waitForDrain(h.ctx, 20_000);
    } finally {
      await reconciler.close();
    }
    const report = (await (await app.request('/incidents/ml-2024-07-tinzaouaten/report')).json()) as { claimCount: number };
    expect(report.claimCount).toBe(0);
  });
});

describe('job metrics', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
  });
  afterAll(async () => h?.close());

  it('counts jobs finished per queue, as BullMQ records them', async () => {
    const workers = [startIngestWorker(h.ctx), startReconciler(h.ctx, { sweepMs: 500 })];
    try {
      await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claim) });
      await waitForDrain(h.ctx);
      await waitUntil(async () => (sample(await (await app.request('/metrics')).text(), 'recon_jobs_finished_total{queue="' + h.ctx.queues.claims.name + '",outcome="completed"}') ?? 0) >= 1, 10_000, 'a completed job counted');
      // Job durations and latencies per queue, from the completed jobs' own timestamps.
      const text = await (await app.request('/metrics')).text();
      const jobs = await h.ctx.queues.claims.getCompleted(0, 0);
      const took = (jobs[0]!.finishedOn! - jobs[0]!.processedOn!) / 1000;
      expect(sample(text, `recon_job_duration_seconds{queue="claims",quantile="1"}`)).toBeCloseTo(took, 3);
      expect(sample(text, `recon_job_latency_seconds{queue="claims",quantile="0.5"}`)).toBeGreaterThanOrEqual(took);
      expect(sample(text, `recon_job_latency_seconds{queue="reconcile",quantile="1"}`)).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'recon_store_rows{kind="failed"}')).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});

import { createApp, apiDepsOf } from '@recon/api';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

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

import { createApp, apiDepsOf } from '@recon/api';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/** Bearer-token checks on the in-process API (real Redis, real SQLite, no workers). */

interface ErrorBody {
  error: { code: string; message: string };
}

function claim(n: number) {
  return {
    incident: { key: 'ml-2024-07-tinzaouaten', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25' },
    claimant: { name: 'JNIM', kind: 'armed_group' },
    statedAt: '2024-07-28',
    figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: n } }],
  };
}

const post = async (app: OpenAPIHono, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function expectUnauthorized(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('unauthorized');
  expect(body.error.message).toEqual(expect.any(String));
}

describe('write tokens', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness();
    app = createApp({ ...apiDepsOf(h.ctx), auth: { writeTokens: ['s3cret'], readToken: undefined } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses POST /claims without a token, and queues nothing', async () => {
    await expectUnauthorized(await post(app, claim(1)));
    expect((await h.ctx.queues.pendingCounts()).claims).toBe(0);
    expect((await h.ctx.store.counts()).rejections).toBe(0);
  });

  it('refuses POST /claims with a wrong token or a malformed header', async () => {
    for (const authorization of ['Bearer wrong', 'Bearer s3cret2', 'Bearer S3CRET', 'Basic s3cret', 's3cret', 'Bearer ', 'Bearer s3cret extra']) {
      await expectUnauthorized(await post(app, claim(2), { authorization }));
    }
    expect((await h.ctx.queues.pendingCounts()).claims).toBe(0);
  });

  it('refuses an unauthenticated oversized or non-JSON body with 401 before reading it', async () => {
    await expectUnauthorized(
      await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2 * 1024 * 1024) }),
    );
    await expectUnauthorized(await app.request('/claims', { method: 'POST', body: '{nope' }));
  });

  it('accepts POST /claims with the right token', async () => {
    const res = await post(app, claim(3), { authorization: 'Bearer s3cret' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: { status: string }[] };
    expect(body.accepted.map((a) => a.status)).toEqual(['queued']);
    // The scheme name is case-insensitive.
    const again = await post(app, claim(4), { authorization: 'bearer s3cret' });
    expect(again.status).toBe(202);
  });

  it('refuses DELETE /claims/:id without or with a wrong token, and lets the right token through', async () => {
    const id = 'a'.repeat(64);
    await expectUnauthorized(await app.request(`/claims/${id}`, { method: 'DELETE' }));
    await expectUnauthorized(await app.request(`/claims/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer nope' } }));
    // Past the check: an unknown claim is a 404.
    const ok = await app.request(`/claims/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer s3cret' } });
    expect(ok.status).toBe(404);
    expect(((await ok.json()) as ErrorBody).error.code).toBe('not_found');
  });

  it('leaves reads open', async () => {
    for (const path of ['/incidents', '/healthz', '/openapi.json', '/metrics']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
    }
    expect((await app.request('/incidents/nope')).status).toBe(404);
    expect((await app.request(`/claims/${'b'.repeat(64)}`)).status).toBe(404);
  });
});

describe('a read token', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness();
    app = createApp({ ...apiDepsOf(h.ctx), auth: { writeTokens: ['s3cret'], readToken: 'r3ad' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is needed for GET /incidents', async () => {
    await expectUnauthorized(await app.request('/incidents'));
    await expectUnauthorized(await app.request('/incidents', { headers: { authorization: 'Bearer wrong' } }));
    const ok = await app.request('/incidents', { headers: { authorization: 'Bearer r3ad' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ incidents: [] });
  });

  it('is needed for the other reads too, and a write token also reads', async () => {
    for (const path of ['/incidents/x', '/incidents/x/report', `/claims/${'c'.repeat(64)}`, '/metrics', '/openapi.json']) {
      await expectUnauthorized(await app.request(path));
    }
    const withWrite = await app.request('/incidents', { headers: { authorization: 'Bearer s3cret' } });
    expect(withWrite.status).toBe(200);
  });

  it('does not allow writes', async () => {
    await expectUnauthorized(await post(app, claim(5), { authorization: 'Bearer r3ad' }));
    expect((await h.ctx.queues.pendingCounts()).claims).toBe(0);
    const ok = await post(app, claim(5), { authorization: 'Bearer s3cret' });
    expect(ok.status).toBe(202);
  });

  it('leaves /healthz open', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', redis: 'up', database: 'up' });
  });
});

import { apiDepsOf, createApp } from '@recon/api';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/** Bull Board at /admin/queues: the queues' dashboard, behind the write token. */
describe('GET /admin/queues', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness({ RECON_API_TOKENS: 'ops:tok-write', RECON_READ_TOKEN: 'tok-read' });
    app = createApp(apiDepsOf(h.ctx));
    await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tok-write' },
      body: JSON.stringify({ incident: { country: 'ML', startDate: '2024-07-01' }, claimant: { name: 'JNIM', kind: 'armed_group' }, statedAt: '2024-07-02', figures: [{ party: 'FAMa', outcome: 'killed', count: { exact: 1 } }] }),
    });
  });
  afterAll(async () => h?.close());

  it('is refused without a write token (the read token is not enough), and sends a browser to sign in', async () => {
    expect((await app.request('/admin/queues')).status).toBe(401);
    expect((await app.request('/admin/queues', { headers: { authorization: 'Bearer tok-read' } })).status).toBe(401);
    expect((await app.request('/admin/queues/api/queues', { headers: { cookie: 'recon_session=tok-read' } })).status).toBe(401);
    const browser = await app.request('/admin/queues', { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/signin?next=%2Fadmin%2Fqueues');
  });

  it('shows the dashboard, its own assets and both queues to a write token, or a session signed in with one', async () => {
    const page = await app.request('/admin/queues', { headers: { authorization: 'Bearer tok-write' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Claim queues');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = /src="(\/admin\/queues\/static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1] ?? /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await app.request(script!.startsWith('/') ? script! : `/admin/queues/${script}`, { headers: { authorization: 'Bearer tok-write' } });
    expect(asset.status).toBe(200);
    const api = await app.request('/admin/queues/api/queues', { headers: { cookie: 'recon_session=tok-write' } });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(queues.map((q) => q.name).sort()).toEqual([h.ctx.queues.claims.name, h.ctx.queues.reconcile.name].sort());
    expect(queues.find((q) => q.name === h.ctx.queues.claims.name)!.counts.waiting).toBe(1);
  });
});

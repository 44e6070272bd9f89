import { Admission, apiDepsOf, createApp } from '@recon/api';
import { digestOf } from '@recon/domain';
import { QueueUnavailableError } from '@recon/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, waitUntil, type Harness } from '../support/harness.js';

/** What POST /claims answers means: one claim sent many times at once is queued once; 503 only for Redis. */
describe('honest answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const post = (app: ReturnType<typeof createApp>, body: unknown) =>
    app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('50 concurrent POSTs of one claim: exactly one answers queued, and one job carries it', async () => {
    // No admission bound here: all 50 are let in at once.
    const app = createApp({ ...apiDepsOf(h.ctx), admission: undefined });
    const c = claim({ key: 'ml-once', location: 'Gao', startDate: '2024-03-01' });
    const answers = await Promise.all(Array.from({ length: 50 }, async () => (await (await post(app, c)).json()) as { accepted: { status: string }[] }));
    const statuses = answers.map((a) => a.accepted[0]!.status);
    expect(statuses.filter((s) => s === 'queued')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(49);
    const jobs = await h.ctx.queues.claims.getJobs(['waiting', 'active', 'delayed']);
    expect(jobs.flatMap((j) => (j.data as { claims: unknown[] }).claims)).toHaveLength(1);
  });

  it('answers 503 when Redis cannot be reached, and 500 (not "unavailable") for any other failure', async () => {
    const failing = (err: Error) => createApp({ ...apiDepsOf(h.ctx), queues: Object.assign(Object.create(h.ctx.queues), { enqueueClaims: () => Promise.reject(err) }) });
    const c = claim({ key: 'ml-fails', location: 'Gao', startDate: '2024-03-02' });
    const down = await post(failing(new QueueUnavailableError('enqueue claims: Redis did not answer')), c);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).not.toBeNull();
    const bug = await post(failing(new TypeError('cannot read properties of undefined')), c);
    expect(bug.status).toBe(500);
    expect(((await bug.json()) as { error: { code: string } }).error.code).toBe('internal');
  });
});

describe('admission control', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After, before any work, while the submissions in flight are at the bound', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const admission = new Admission({ maxInFlight: 1, maxLagMs: 60_000 });
    const queues = Object.assign(Object.create(h.ctx.queues), {
      enqueueClaims: async (...args: Parameters<typeof h.ctx.queues.enqueueClaims>) => {
        await gate;
        return h.ctx.queues.enqueueClaims(...args);
      },
    });
    const app = createApp({ ...apiDepsOf(h.ctx), queues, admission });
    const send = (key: string) =>
      app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claim({ key, location: 'Gao', startDate: '2024-03-01' })) });
    const first = send('ml-first');
    await waitUntil(() => admission.active === 1, 5_000, 'first submission in flight');
    const second = await send('ml-second');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(await h.ctx.store.claimStatus(digestOf(claim({ key: 'ml-second', location: 'Gao', startDate: '2024-03-01' })))).toBeNull();
    release();
    expect((await first).status).toBe(202);
    expect((await send('ml-third')).status).toBe(202);
    admission.close();
  });

  it('answers 429 while the event loop lags', async () => {
    const admission = new Admission({ maxInFlight: 100, maxLagMs: 20 });
    const app = createApp({ ...apiDepsOf(h.ctx), admission });
    const until = Date.now() + 200;
    while (Date.now() < until) {
      // Block the event loop, as a burst of work in this process would.
    }
    await waitUntil(() => admission.lag > 20, 5_000, 'lag measured');
    const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claim({ key: 'ml-lag' })) });
    expect(res.status).toBe(429);
    admission.close();
  });
});

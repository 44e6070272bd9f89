import { apiDepsOf, createApp } from '@recon/api';
import { digestOf } from '@recon/domain';
import { attachFailureRecorder, createIngestHandler, startIngestWorker } from '@recon/ingest';
import type { ClaimStore, StoreClaimInput } from '@recon/db';
import { createTypedWorker } from '@recon/queue';
import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, waitUntil, type Harness } from '../support/harness.js';

/** Failed (valid, but ingest kept failing) and rejected claims: recorded, listed, and retried. */
describe('claims that failed for good', () => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  const workers: { close(): Promise<void> }[] = [];
  beforeEach(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await h.close();
  });

  /** A worker whose every attempt fails the way a broken disk would, recorded like the real one. */
  function brokenWorker(): Worker {
    const w = createTypedWorker(
      'ingest-claims',
      async () => {
        throw new Error('SQLITE_IOERR: disk I/O error (simulated)');
      },
      { connection: h.ctx.workerConnection(), prefix: h.prefix },
    );
    attachFailureRecorder(w, h.ctx);
    workers.push(w);
    return w;
  }

  async function enqueueWithTwoAttempts(c: unknown): Promise<string> {
    const id = digestOf(c);
    // Two attempts instead of the catalog's ten, so the test does not wait out the backoff.
    await h.ctx.queues.enqueueClaims([{ id, claim: c, receivedAt: new Date().toISOString() }], { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    return id;
  }

  it('records a claim whose retries ran out, lists it, and stores it once retried', async () => {
    const broken = brokenWorker();
    const id = await enqueueWithTwoAttempts(claim({ key: 'fail-1' }));
    await waitUntil(async () => (await h.ctx.store.claimStatus(id))?.status === 'failed', 20_000, 'failure recorded');
    await broken.close();

    const status = await (await app.request(`/claims/${id}`)).json();
    expect(status).toMatchObject({ id, status: 'failed', attempts: 2, errors: [{ message: expect.stringContaining('disk I/O error') }] });
    const listed = (await (await app.request('/claims?status=failed')).json()) as { claims: { id: string; attempts: number }[] };
    expect(listed.claims).toEqual([expect.objectContaining({ id, status: 'failed', attempts: 2, stage: null })]);

    const retry = await app.request(`/claims/${id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    expect(((await (await app.request(`/claims/${id}`)).json()) as { status: string }).status).toBe('queued');

    workers.push(startIngestWorker(h.ctx, 2));
    await waitUntil(async () => (await h.ctx.store.claimStatus(id))?.status === 'stored', 20_000, 'claim stored after retry');
    expect(((await (await app.request('/claims?status=failed')).json()) as { claims: unknown[] }).claims).toEqual([]);
    expect((await h.ctx.store.counts()).claims).toBe(1);
    // A second retry has nothing to do.
    expect((await app.request(`/claims/${id}/retry`, { method: 'POST' })).status).toBe(409);
  });

  it('re-queues a failed claim that is simply submitted again', async () => {
    const broken = brokenWorker();
    const c = claim({ key: 'fail-2' });
    const id = await enqueueWithTwoAttempts(c);
    await waitUntil(async () => (await h.ctx.store.claimStatus(id))?.status === 'failed', 20_000, 'failure recorded');
    await broken.close();
    const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) });
    expect(((await res.json()) as { accepted: { status: string }[] }).accepted[0]?.status).toBe('queued');
    workers.push(startIngestWorker(h.ctx, 2));
    await waitUntil(async () => (await h.ctx.store.claimStatus(id))?.status === 'stored', 20_000, 'claim stored');
  });

  it('records only the claim that kept failing; the other claims of its job are stored', async () => {
    const [ok1, poisoned, ok2] = ['fail-3a', 'fail-3b', 'fail-3c'].map((key) => claim({ key }));
    const poisonedId = digestOf(poisoned);
    // A store on which this one claim always fails, whether alone or in a group.
    const store = Object.create(h.ctx.store) as ClaimStore;
    const refuse = (inputs: readonly StoreClaimInput[]): void => {
      if (inputs.some((i) => i.id === poisonedId)) throw new Error('SQLITE_CORRUPT: database disk image is malformed (simulated)');
    };
    store.storeClaims = async (inputs) => (refuse(inputs), await h.ctx.store.storeClaims(inputs));
    store.storeClaim = async (input) => (refuse([input]), await h.ctx.store.storeClaim(input));
    const w = createTypedWorker('ingest-claims', createIngestHandler({ ...h.ctx, store }), { connection: h.ctx.workerConnection(), prefix: h.prefix });
    attachFailureRecorder(w, h.ctx);
    workers.push(w);
    const now = new Date().toISOString();
    await h.ctx.queues.enqueueClaims(
      [ok1, poisoned, ok2].map((c) => ({ id: digestOf(c), claim: c, receivedAt: now })),
      { attempts: 2, backoff: { type: 'fixed', delay: 10 } },
    );
    await waitUntil(async () => (await h.ctx.store.claimStatus(poisonedId))?.status === 'failed', 20_000, 'failure recorded');
    expect((await h.ctx.store.claimStatus(digestOf(ok1)))?.status).toBe('stored');
    expect((await h.ctx.store.claimStatus(digestOf(ok2)))?.status).toBe('stored');
    const listed = (await (await app.request('/claims?status=failed')).json()) as { claims: { id: string; attempts: number }[] };
    expect(listed.claims).toEqual([expect.objectContaining({ id: poisonedId, attempts: 2, errors: [expect.objectContaining({ message: expect.stringContaining('1 of 3 claims') })] })]);
    await waitUntil(async () => (await h.ctx.queues.connection.hlen(h.ctx.queues.pendingClaimsKey)) === 0, 5_000, 'queue marks cleared');
  });

  it('lists rejected claims with their errors and attempts, and refuses to retry them', async () => {
    const bad = { ...claim(), figures: [] };
    for (let i = 0; i < 2; i++) {
      await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    }
    const id = digestOf(bad);
    const listed = (await (await app.request('/claims?status=rejected')).json()) as { claims: unknown[] };
    expect(listed.claims).toEqual([expect.objectContaining({ id, status: 'rejected', attempts: 2, stage: 'api', errors: [expect.objectContaining({ path: 'figures' })] })]);
    const retry = await app.request(`/claims/${id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('answers 404 to a retry of an unknown claim and 400 to a list without a status', async () => {
    expect((await app.request(`/claims/${'e'.repeat(64)}/retry`, { method: 'POST' })).status).toBe(404);
    const res = await app.request('/claims');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('query.status');
  });
});

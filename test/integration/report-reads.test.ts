import { gunzipSync } from 'node:zlib';
import { apiDepsOf, createApp, acceptsGzip } from '@recon/api';
import { ClaimStore, run } from '@recon/db';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, otherEngine, waitForDrain, type Harness } from '../support/harness.js';

/** Report reads: one lookup, a cache of versions, ETags, and gzip for clients that accept it. */
describe('reading reports', () => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  const workers: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers.push(startIngestWorker(h.ctx, 4), startReconciler(h.ctx, { sweepMs: 500 }));
    await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claim({ key: 'reads-1' })) });
    await waitForDrain(h.ctx);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h.close();
  });

  it('answers the same report, plain or gzipped, with an ETag naming the version', async () => {
    const plain = await app.request('/incidents/reads-1/report');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"inc-[0-9a-f]+-v1"$/);
    const text = await plain.text();
    expect(JSON.parse(text)).toMatchObject({ version: 1, incident: { key: 'reads-1' } });

    const zipped = await app.request('/incidents/reads-1/report', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(text);

    const again = await app.request('/incidents/reads-1/report', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('serves a new version as soon as it is written, never a stale cached one', async () => {
    await app.request('/incidents/reads-1/report');
    await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(claim({ key: 'reads-1', claimant: 'AFP', claimantKind: 'media', count: { min: 20 } })),
    });
    await waitForDrain(h.ctx);
    const res = await app.request('/incidents/reads-1/report');
    expect(((await res.json()) as { version: number; claimCount: number })).toMatchObject({ version: 2, claimCount: 2 });
    expect(((await (await app.request('/incidents/reads-1/report?version=1')).json()) as { claimCount: number }).claimCount).toBe(1);
  });

  it('reads Accept-Encoding as HTTP means it', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('x-gzip2')).toBe(false);
  });

  it('sees a version another process wrote within the data_version check interval', async () => {
    const id = (await h.ctx.store.findIncident('reads-1'))!.id;
    const before = (await h.ctx.store.latestReportVersion('reads-1'))!.version;
    // Another connection (as another process would) writes a new version.
    const other = otherEngine(h);
    try {
      const store = new ClaimStore(other);
      const snapshot = (await store.reconcileSnapshot(id))!;
      const content = { ...(await import('@recon/domain')).reconcile(snapshot.identity, snapshot.claims), claimCount: 999 };
      await other.write(() => run('UPDATE incidents SET claim_seq = claim_seq + 1 WHERE id = ?', [id]));
      expect(await store.writeReport(id, content, snapshot.seq + 1, new Date().toISOString())).toMatchObject({ written: true, version: before + 1 });
    } finally {
      await other.close();
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(await h.ctx.store.latestReportVersion('reads-1')).toEqual({ incidentId: id, version: before + 1 });
    const res = await app.request('/incidents/reads-1/report');
    expect(((await res.json()) as { version: number; claimCount: number })).toMatchObject({ version: before + 1, claimCount: 999 });
  });
});

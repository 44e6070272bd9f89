import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPrivateRedis, type PrivateRedis } from '@recon/runtime';
import { startAll, type RunningService } from '@recon/server';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClaims } from '../support/claim-generator.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { sendUntilAdmitted } from '../support/http.js';

const QUEUE_TIMEOUT_MS = 1_000;

/**
 * Redis is killed (SIGKILL) mid-stream and started again from its append-only file: writes answer
 * 503 with Retry-After meanwhile and never hang or 500, stored reports stay readable, the workers
 * reconnect by themselves, and nothing the API acknowledged is lost.
 */
describe('Redis outage', () => {
  let h: Harness;
  let service: RunningService;
  let redis: PrivateRedis;
  let dir: string;
  afterAll(async () => {
    await service?.close();
    await redis?.stop();
    await h?.close().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while Redis is down and loses nothing acknowledged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'recon-outage-'));
    const port = await freePort();
    redis = await startPrivateRedis(dir, { port, fsync: 'always' });
    h = await createHarness({ REDIS_URL: redis.url, QUEUE_TIMEOUT_MS: String(QUEUE_TIMEOUT_MS), RECONCILE_SWEEP_MS: '500' });
    service = await startAll(h.ctx, { port: 0 });
    const base = `http://127.0.0.1:${service.http.port}`;
    const post = (claims: unknown[]) =>
      fetch(`${base}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claims }),
        signal: AbortSignal.timeout(10_000),
      });

    const claims = generateClaims({ claims: 3000, incidents: 60, seed: 21 });
    const acknowledged = new Set<string>();
    const send = async (batch: unknown[]): Promise<Response> => {
      // Busy (429): nothing was accepted; a client sends again.
      const res = await sendUntilAdmitted(() => post(batch));
      if (res.status === 202) {
        for (const a of ((await res.clone().json()) as { accepted: { id: string }[] }).accepted) acknowledged.add(a.id);
      }
      return res;
    };

    // Before: a first third goes through, and its reports are written.
    for (let i = 0; i < 1000; i += 250) expect((await send(claims.slice(i, i + 250))).status).toBe(202);
    await waitForDrain(h.ctx);
    const incidentId = (await h.ctx.store.listIncidents({ limit: 1 }))[0]!.id;

    // A second third is acknowledged, and Redis dies right after, with jobs still waiting.
    for (let i = 1000; i < 2000; i += 250) expect((await send(claims.slice(i, i + 250))).status).toBe(202);
    redis.process.kill('SIGKILL');
    await new Promise((r) => redis.process.once('exit', r));

    // During: writes answer 503 quickly, with Retry-After and a JSON error; reads keep working.
    const statuses: number[] = [];
    for (let i = 2000; i < 2250; i += 50) {
      const started = Date.now();
      const res = await send(claims.slice(i, i + 50));
      statuses.push(res.status);
      expect(Date.now() - started).toBeLessThan(QUEUE_TIMEOUT_MS + 2_000);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('queue_unavailable');
    }
    expect((await fetch(`${base}/incidents/${incidentId}/report`)).status).toBe(200);
    expect((await fetch(`${base}/incidents?limit=5`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(503);

    // After: the same Redis comes back from its append-only file; workers reconnect by themselves.
    redis = await startPrivateRedis(dir, { port, fsync: 'always' });
    for (let i = 2000; i < 3000; i += 250) {
      let res = await send(claims.slice(i, i + 250));
      for (let tries = 0; res.status === 503 && tries < 50; tries++) {
        await new Promise((r) => setTimeout(r, 200));
        res = await send(claims.slice(i, i + 250));
      }
      expect(res.status).toBe(202);
    }
    await waitForDrain(h.ctx, 120_000);

    expect(statuses.every((s) => s === 503)).toBe(true);
    const stored = await h.ctx.store.rows("SELECT id FROM claims WHERE status = 'stored'");
    expect(stored.length).toBe(acknowledged.size);
    for (const id of acknowledged) expect((await h.ctx.store.claimStatus(id))?.status).toBe('stored');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    console.log(`redis outage: ${acknowledged.size} acknowledged and stored; ${statuses.length} writes answered 503 while Redis was down`);
  }, 240_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestOf } from '@recon/domain';
import { freePort, startPrivateRedis, type PrivateRedis } from '@recon/runtime';
import { ClaimStore } from '@recon/db';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClaims } from '../support/claim-generator.js';
import { freshDatabase, otherEngine, waitUntil } from '../support/harness.js';
import { sendUntilAdmitted } from '../support/http.js';
import { spawnService, type ServiceProcess } from '../support/processes.js';

const BATCH = 200;
const SENDERS = 8;

/** The p-th percentile (0–100) of some numbers. */
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/**
 * A flood of batches into `npm start`'s service (the API in one process, ingest and the reconciler in
 * processes it supervises), with Redis stopped and started again from its append-only file halfway:
 * every claim of a `202` answer is stored, nothing of a `503` answer is, and `/healthz` keeps
 * answering throughout (its latency is printed here and measured by `npm run bench`).
 */
describe('flood of submissions with Redis restarting midway', () => {
  let dir: string;
  let redis: PrivateRedis | undefined;
  let server: ServiceProcess | undefined;
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  afterAll(async () => {
    server?.kill('SIGKILL');
    await server?.exited;
    await redis?.stop();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 202 only for what it stores and 503 only for what it does not', async () => {
    dir = mkdtempSync(join(tmpdir(), 'recon-flood-'));
    const redisPort = await freePort();
    redis = await startPrivateRedis(join(dir, 'redis'), { port: redisPort, fsync: 'always' });
    const port = await freePort();
    database = await freshDatabase(dir, 'flood');
    server = spawnService('server', {
      PORT: String(port),
      ...database.env,
      REDIS_URL: redis.url,
      QUEUE_TIMEOUT_MS: '1000',
      // Jobs that were running when Redis died are taken up again soon after it is back.
      WORKER_LOCK_MS: '4000',
      WORKER_STALLED_CHECK_MS: '1000',
      RECONCILE_DELAY_MS: '200',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => {
        if (server!.child.exitCode !== null) throw new Error(`the service exited:\n${server!.logs()}`);
        return fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      },
      30_000,
      'service healthy',
    );

    const claims = [...new Map(generateClaims({ claims: 20_000, incidents: 500, seed: 77 }).map((c) => [digestOf(c), c])).values()];
    // Bodies and ids made beforehand: the health checks below share this process's event loop.
    const batches: { body: string; ids: string[] }[] = [];
    for (let i = 0; i < claims.length; i += BATCH) {
      const batch = claims.slice(i, i + BATCH);
      batches.push({ body: JSON.stringify({ claims: batch }), ids: batch.map((c) => digestOf(c)) });
    }

    // /healthz, every 20 ms, for as long as the flood lasts.
    const health: { ms: number; status: number }[] = [];
    let flooding = true;
    const poller = (async () => {
      while (flooding) {
        const started = performance.now();
        const status = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
          async (r) => (await r.arrayBuffer(), r.status),
          () => 0,
        );
        health.push({ ms: performance.now() - started, status });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const acknowledged = new Set<string>();
    const refused = new Set<string>();
    // 504: Redis went away while the request was being queued and did not come back in time to say.
    const unknown = new Set<string>();
    const statuses = new Map<number, number>();
    let busy = 0;
    let next = 0;
    let sent = 0;
    let outage: Promise<void> | undefined;
    const sender = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const res = await sendUntilAdmitted(
          () =>
            fetch(`${base}/claims`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: batch.body,
              signal: AbortSignal.timeout(30_000),
            }),
          () => busy++,
          200,
          50,
        );
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = (await res.json()) as { accepted?: { id: string }[] };
        if (res.status === 202) for (const a of body.accepted ?? []) acknowledged.add(a.id);
        // 503: nothing was accepted, and a client that gives up on it leaves nothing behind.
        else if (res.status === 503 || res.status === 504) {
          for (const id of batch.ids) (res.status === 503 ? refused : unknown).add(id);
          await new Promise((r) => setTimeout(r, 500));
        }        else throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(body)}\n${server!.logs().split('\n').filter((l) => l.includes('"level":"error"')).slice(-5).join('\n')}`);
        // A third of the way in, Redis stops (as in a restart or a failover); it comes back from its
        // append-only file 1.5 s later.
        if (++sent === Math.floor(batches.length / 3)) {
          outage = (async () => {
            redis!.process.kill('SIGTERM');
            await new Promise((r) => redis!.process.once('exit', r));
            await new Promise((r) => setTimeout(r, 1_500));
            redis = await startPrivateRedis(join(dir, 'redis'), { port: redisPort, fsync: 'always' });
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    await outage;
    flooding = false;
    await poller;

    // Everything acknowledged is stored, once; then the queue is empty and nothing refused was stored.
    const db = new ClaimStore(otherEngine({ dbEnv: database.env, dbPath: join(dir, 'recon.db') }));
    try {
      const storedIds = async () => new Set((await db.rows<{ id: string }>("SELECT id FROM claims WHERE status = 'stored'")).map((r) => r.id));
      await waitUntil(
        async () => {
          const stored = await storedIds();
          return [...acknowledged].every((id) => stored.has(id));
        },
        120_000,
        'every acknowledged claim stored',
      );
      await waitUntil(async () => (await fetch(`${base}/healthz`)).ok, 30_000, 'healthy again');
      const stored = await storedIds();
      for (const id of refused) expect(stored.has(id), `claim ${id} of a 503 answer`).toBe(false);
      expect([...stored].filter((id) => !acknowledged.has(id) && !unknown.has(id))).toEqual([]);

      // Sent again once Redis is back, what was refused is queued afresh (not "duplicate"), what was
      // answered 504 is queued or a duplicate, and all of it is stored once.
      const again = claims.filter((c) => refused.has(digestOf(c)) || unknown.has(digestOf(c)));
      for (let i = 0; i < again.length; i += BATCH) {
        const res = await sendUntilAdmitted(() =>
          fetch(`${base}/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: again.slice(i, i + BATCH) }) }),
        );
        expect(res.status).toBe(202);
        const body = (await res.json()) as { accepted: { id: string; status: string }[] };
        expect(body.accepted.filter((a) => refused.has(a.id) && a.status !== 'queued')).toEqual([]);
      }
      await waitUntil(async () => (await storedIds()).size === acknowledged.size + refused.size + unknown.size, 120_000, 'claims sent again stored');
    } finally {
      await db.close();
    }
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(unknown.size).toBeLessThanOrEqual(SENDERS * BATCH);
    expect(health.length).toBeGreaterThan(10);
    expect(health.every((h) => h.status === 200 || h.status === 503)).toBe(true);

    // While Redis is down the check waits on Redis itself: its answers (503) are counted apart.
    const ms = health.filter((h) => h.status === 200).map((h) => h.ms);
    console.log(
      `flood: ${batches.length} batches of ${BATCH} from ${SENDERS} senders: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}, ${busy} busy (429) answers sent again; ` +
        `${acknowledged.size} acknowledged and stored, ${refused.size} refused (503) and not stored, ${unknown.size} unknown (504); ` +
        `/healthz ${health.length} checks (${health.length - ms.length} answered 503 while Redis was down); answered 200: p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`,
    );
  }, 400_000);
});

import { spawn } from 'node:child_process';
import { digestOf } from '@recon/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClaims } from '../support/claim-generator.js';
import { createHarness, waitUntil, type Harness } from '../support/harness.js';
import { ROOT, spawnService, TSX_ARGS } from '../support/processes.js';

describe('graceful shutdown', () => {
  let h: Harness;
  afterAll(async () => {
    await h?.close();
  });

  it('SIGTERM: the ingest worker stops taking jobs, finishes those in flight, and exits 0', async () => {
    h = await createHarness();
    const worker = spawnService('ingest', {
      REDIS_URL: h.redisUrl,
      ...h.dbEnv,
      RECON_QUEUE_PREFIX: h.prefix,
      INGEST_CONCURRENCY: '16',
      SHUTDOWN_TIMEOUT_MS: '20000',
      LOG_LEVEL: 'info',
    });
    const claims = generateClaims({ claims: 4000, incidents: 100, seed: 8 });
    const payloads = [...new Map(claims.map((c) => [digestOf(c), c])).entries()].map(([id, claim]) => ({
      id,
      claim,
      receivedAt: new Date().toISOString(),
    }));
    await h.ctx.queues.enqueueClaims(payloads);
    await waitUntil(async () => (await h.ctx.store.counts()).claims > 200 && (await h.ctx.queues.claims.getActiveCount()) > 0, 30_000, 'worker busy');

    worker.kill('SIGTERM');
    const { code, signal } = await worker.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(worker.logs()).toContain('stopped cleanly');

    // Nothing was left half-done: no job is still marked active (a killed worker would leave some
    // until their locks ran out), and every claim is either stored or still waiting.
    expect(await h.ctx.queues.claims.getActiveCount()).toBe(0);
    const stored = (await h.ctx.store.counts()).claims;
    const waitingJobs = await h.ctx.queues.claims.getJobs(['waiting']);
    const waiting = waitingJobs.reduce((n, j) => n + (j.data as { claims: unknown[] }).claims.length, 0);
    expect(stored).toBeLessThan(payloads.length);
    expect(stored + waiting).toBe(payloads.length);
    expect(await h.ctx.queues.claims.getFailedCount()).toBe(0);
  }, 120_000);

  const child = (env: Record<string, string>) => {
    const p = spawn(process.execPath, [...TSX_ARGS, 'test/support/shutdown-child.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    const ready = new Promise<void>((resolve) => p.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    const exited = new Promise<number | null>((resolve) => p.once('exit', (c) => resolve(c)));
    return { p, ready, exited };
  };

  it('a second signal exits at once', async () => {
    const { p, ready, exited } = child({ STOP_TIMEOUT_MS: '30000' });
    await ready;
    const started = Date.now();
    p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    p.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('work that outlives the shutdown deadline ends the process with code 1', async () => {
    const { p, ready, exited } = child({ STOP_TIMEOUT_MS: '300' });
    await ready;
    const started = Date.now();
    p.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

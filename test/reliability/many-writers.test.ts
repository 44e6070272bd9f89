import { apiDepsOf, createApp } from '@recon/api';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClaims } from '../support/claim-generator.js';
import { createHarness, sqliteOf, testEngine, waitForDrain, type Harness } from '../support/harness.js';
import { spawnService, type ServiceProcess } from '../support/processes.js';

/**
 * Four ingest worker processes write to one SQLite file (WAL) at once. Writers take the lock up front
 * (BEGIN IMMEDIATE) and wait for each other (busy timeout), so no attempt fails with SQLITE_BUSY.
 */
describe('many writers, one file', () => {
  let h: Harness;
  const workers: ServiceProcess[] = [];
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await h?.close();
  });

  it('four ingest processes: every claim stored once, no attempt failed, no SQLITE_BUSY', async () => {
    h = await createHarness();
    const env = { REDIS_URL: h.redisUrl, ...h.dbEnv, RECON_QUEUE_PREFIX: h.prefix, INGEST_CONCURRENCY: '16', LOG_LEVEL: 'warn' };
    for (let i = 0; i < 4; i++) workers.push(spawnService('ingest', env));
    workers.push(spawnService('reconciler', env));

    const claims = generateClaims({ claims: 4000, incidents: 40, seed: 13 });
    const app = createApp(apiDepsOf(h.ctx));
    const ids = new Set<string>();
    for (let i = 0; i < claims.length; i += 500) {
      const res = await app.request('/claims', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claims: claims.slice(i, i + 500) }),
      });
      for (const a of ((await res.json()) as { accepted: { id: string }[] }).accepted) ids.add(a.id);
    }
    await waitForDrain(h.ctx, 120_000);

    expect((await h.ctx.store.counts()).claims).toBe(ids.size);
    expect(await h.ctx.queues.claims.getFailedCount()).toBe(0);
    const logs = workers.map((w) => w.logs()).join('');
    expect(logs).not.toMatch(/SQLITE_BUSY|database is locked/);
    expect(logs).not.toContain('claim job failed');
    // The journal is WAL, so readers never wait for these writers.
    if (testEngine === 'sqlite') expect(sqliteOf(h.ctx).pragma('journal_mode', { simple: true })).toBe('wal');
  }, 180_000);
});

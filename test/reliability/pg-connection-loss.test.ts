import { apiDepsOf, createApp } from '@recon/api';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateClaims, mulberry32, shuffle } from '../support/claim-generator.js';
import { createHarness, figureMismatches, staleReports, testEngine, waitForDrain, type Harness } from '../support/harness.js';
import { killAll, spawnService, type ServiceProcess } from '../support/processes.js';

const CLAIMS = 3000;

/**
 * PostgreSQL connections killed under load: while claims are submitted and stored by two ingest
 * processes and a reconciler, every backend of the database is terminated (pg_terminate_backend)
 * every 150 ms, the API's own included. Transactions cut off mid-way roll back and are run again on a
 * fresh connection; whatever the API acknowledged is stored exactly once, and every report is what
 * the pure reconciler makes of the stored claims.
 */
describe.skipIf(testEngine !== 'postgres')('PostgreSQL connections killed under load', () => {
  let h: Harness;
  const running = new Set<ServiceProcess>();
  afterAll(async () => {
    await killAll(running);
    await h?.close();
  });

  it('stores every acknowledged claim once, and rebuilds every report', async () => {
    h = await createHarness();
    const env = { REDIS_URL: h.redisUrl, ...h.dbEnv, RECON_QUEUE_PREFIX: h.prefix, INGEST_CONCURRENCY: '8', RECONCILE_SWEEP_MS: '1000' };
    for (const name of ['ingest', 'ingest', 'reconciler'] as const) {
      const p = spawnService(name, env);
      running.add(p);
    }

    // The killer: an admin connection of its own on the same server.
    const url = new URL(h.dbEnv.DATABASE_URL!);
    const database = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    admin.on('error', () => undefined);
    await admin.connect();
    let killing = true;
    let killed = 0;
    const killer = (async () => {
      while (killing) {
        const r = await admin.query('SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
        killed += Number(r.rows[0]?.n ?? 0);
        await new Promise((res) => setTimeout(res, 150));
      }
    })();

    const app = createApp(apiDepsOf(h.ctx));
    const acknowledged = new Set<string>();
    let refused = 0;
    const claims = shuffle(generateClaims({ claims: CLAIMS, incidents: 120, seed: 3, keylessShare: 0.2 }), mulberry32(4));
    try {
      for (let i = 0; i < claims.length; i += 200) {
        // A client sends again what was not accepted (a 5xx while the API's own connection was cut).
        for (let attempt = 0; ; attempt++) {
          const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: claims.slice(i, i + 200) }) });
          if (res.status === 202) {
            for (const a of ((await res.json()) as { accepted: { id: string }[] }).accepted) acknowledged.add(a.id);
            break;
          }
          refused++;
          if (attempt > 20) throw new Error(`POST /claims kept answering ${res.status}: ${await res.text()}`);
        }
      }
      // Keep killing while the workers catch up.
      await new Promise((res) => setTimeout(res, 2_000));
    } finally {
      killing = false;
      await killer;
      await admin.end();
    }
    expect(killed).toBeGreaterThan(10);

    await waitForDrain(h.ctx, 120_000).catch((err: Error) => {
      // The services' own logs say why, if they stopped storing.
      throw new Error(`${err.message}\n${[...running].map((p) => `${p.child.exitCode === null ? 'running' : `exited ${p.child.exitCode}`}: ${p.logs().slice(-2_000)}`).join('\n')}`);
    });
    const storedIds = (await h.ctx.store.rows<{ id: string }>("SELECT id FROM claims WHERE status = 'stored'")).map((r) => r.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(new Set(storedIds)).toEqual(acknowledged);
    expect(await figureMismatches(h.ctx)).toEqual([]);
    expect((await h.ctx.queues.claims.getFailed()).map((j) => j.failedReason)).toEqual([]);
    expect(await staleReports(h.ctx)).toEqual([]);
    console.log(`pg connection loss: ${acknowledged.size} acknowledged and stored once; ${killed} backends terminated; ${refused} submissions answered 5xx and sent again`);
  }, 300_000);
});

import { applyMigrations, assertSchemaCurrent, PostgresEngine } from '@recon/db';
import { afterAll, describe, expect, it } from 'vitest';
import { cuttingProxy, type CuttingProxy } from '../support/cutting-proxy.js';
import { freshPgDatabase, pgAvailable, type FreshPgDatabase } from '../support/postgres.js';

// A service that starts while PostgreSQL restarts, or while its backends are being terminated, must
// not die of a connection cut under its first query: the read runs again on a fresh connection. (CI
// once lost a reconciler that way: its schema check at boot went straight to the pool.)
describe.skipIf(!pgAvailable())('PostgreSQL reads on a connection that is cut', () => {
  let db: FreshPgDatabase;
  const proxies: CuttingProxy[] = [];
  const engines: PostgresEngine[] = [];
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close().catch(() => undefined)));
    await Promise.all(proxies.map((p) => p.close()));
    await db?.drop();
  });

  async function behind(cut: (n: number) => boolean): Promise<{ engine: PostgresEngine; proxy: CuttingProxy }> {
    if (!db) {
      db = await freshPgDatabase('lost connection');
      const direct = new PostgresEngine(db.url);
      await applyMigrations(direct);
      await direct.close();
    }
    const proxy = await cuttingProxy(db.url, cut);
    proxies.push(proxy);
    const engine = new PostgresEngine(proxy.url, { poolSize: 2 });
    engines.push(engine);
    return { engine, proxy };
  }

  it('checks the schema at boot though its first connections are cut', async () => {
    const { engine, proxy } = await behind((n) => n <= 3);
    await expect(assertSchemaCurrent(engine)).resolves.toBeUndefined();
    expect(proxy.cutCount).toBe(3);
  });

  it('reads the change stamp though its first connection is cut', async () => {
    const { engine, proxy } = await behind((n) => n === 1);
    await expect(engine.changeStamp()).resolves.toMatch(/^\d+:\d+:/);
    expect(proxy.cutCount).toBe(1);
  });

  it('gives up with the connection error when every connection is cut', async () => {
    const { engine, proxy } = await behind(() => true);
    await expect(assertSchemaCurrent(engine)).rejects.toThrow(/Connection terminated/);
    expect(proxy.cutCount).toBeGreaterThan(1);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { applyMigrations, openEngine, SqliteEngine, type Engine } from '@recon/db';
import { createContext, parseEnv, type AppContext } from '@recon/runtime';
import type Database from 'better-sqlite3';
import { endNotBeforeStart, reconcile, toReport } from '@recon/domain';
import { afterAll, expect, inject } from 'vitest';
import { freshPgDatabase, type FreshPgDatabase } from './postgres.js';

/** The engine the suites run on: RECON_TEST_ENGINE=postgres (vitest's postgres project), else SQLite. */
export const testEngine: 'sqlite' | 'postgres' = process.env.RECON_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface Harness {
  ctx: AppContext;
  dir: string;
  /** The SQLite file (unused on PostgreSQL). */
  dbPath: string;
  /** The environment that points a process at this harness's database (DATABASE_PATH or DATABASE_URL). */
  dbEnv: Record<string, string>;
  prefix: string;
  redisUrl: string;
  close(): Promise<void>;
}

/**
 * A fresh database of the engine under test: a temp SQLite file, or a new PostgreSQL database on the
 * run's server (dropped by `drop`).
 */
export async function freshDatabase(dir: string, label = 'harness'): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dbPath = join(dir, 'recon.db');
  if (testEngine === 'sqlite') return { env: { DATABASE_PATH: dbPath }, drop: async () => undefined };
  const db = await freshPgDatabase(label, (await migratedTemplate()).name);
  return { env: { DATABASE_PATH: dbPath, DATABASE_URL: db.url, DATABASE_POOL_SIZE: '4' }, drop: () => db.drop() };
}

/**
 * A migrated PostgreSQL database per test file, copied for each harness (a copy takes a third of the
 * time of migrating again); dropped when the file's tests end.
 */
let template: Promise<FreshPgDatabase> | null = null;
function migratedTemplate(): Promise<FreshPgDatabase> {
  template ??= (async () => {
    const db = await freshPgDatabase('template');
    const engine = openEngine({ url: db.url, path: '' });
    try {
      await applyMigrations(engine);
    } finally {
      await engine.close();
    }
    return db;
  })();
  return template;
}
afterAll(async () => {
  const t = template;
  template = null;
  if (t) await (await t).drop();
});

/**
 * A fresh service context for one test: a database of its own (migrated) on the engine under test,
 * and a queue prefix of its own on the tests' private Redis.
 */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-test-'));
  const dbPath = join(dir, 'recon.db');
  const database = await freshDatabase(dir, basename(expect.getState().testPath ?? 'harness', '.test.ts'));
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const redisUrl = inject('redisUrl');
  const ctx = await createContext(
    parseEnv({
      ...database.env,
      REDIS_URL: redisUrl,
      RECON_QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'error',
      RECONCILE_SWEEP_MS: '1000',
      RECONCILE_DELAY_MS: '20',
      ...env,
    }),
    { migrate: true },
  );
  return {
    ctx,
    dir,
    dbPath,
    dbEnv: database.env,
    prefix,
    redisUrl,
    close: async () => {
      await assertDatesInOrder(ctx);
      await ctx.queues.claims.obliterate({ force: true }).catch(() => undefined);
      await ctx.queues.reconcile.obliterate({ force: true }).catch(() => undefined);
      await ctx.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A second connection to a harness's database, as another process would open it. */
export function otherEngine(h: Pick<Harness, 'dbEnv' | 'dbPath'>): Engine {
  return openEngine({ url: h.dbEnv.DATABASE_URL, path: h.dbPath });
}

/** Claims whose figures rows do not match their resolved figures (a half-written claim): should be none. */
export async function figureMismatches(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.store.rows<{ id: string; resolved: string; n: number }>(
    'SELECT c.id, c.resolved, (SELECT count(*) FROM figures f WHERE f.claim_id = c.id) AS n FROM claims c',
  );
  return rows.filter((r) => (JSON.parse(r.resolved) as { figures: unknown[] }).figures.length !== r.n).map((r) => r.id);
}

/**
 * Live incidents whose latest report is not exactly what the pure reconciler makes of their stored
 * claims now (with the report's own version and time): should be none once the queues drain.
 */
export async function staleReports(ctx: AppContext): Promise<string[]> {
  const stale: string[] = [];
  for (const { id } of await ctx.store.rows<{ id: string }>('SELECT id FROM incidents WHERE merged_into IS NULL')) {
    const snap = (await ctx.store.reconcileSnapshot(id))!;
    const stored = await ctx.store.reportJson(id);
    const { version, generatedAt } = JSON.parse(stored ?? '{}') as { version: number; generatedAt: string };
    if (stored !== JSON.stringify(toReport(reconcile(snap.identity, snap.claims), version, generatedAt))) stale.push(id);
  }
  return stale;
}

/** The better-sqlite3 connection of a SQLite harness, for tests of SQLite itself (skip them on PostgreSQL). */
export function sqliteOf(ctx: AppContext): Database.Database {
  if (!(ctx.engine instanceof SqliteEngine)) throw new Error('this test needs the SQLite engine (RECON_TEST_ENGINE is postgres)');
  return ctx.engine.handle.sqlite;
}

/** Every test's store, at its end: no incident ends before it starts (CONTRACT.md 7). */
async function assertDatesInOrder(ctx: AppContext): Promise<void> {
  let rows: { id: string; startDate: string; endDate: string }[];
  try {
    rows = await ctx.store.rows('SELECT id, start_date AS "startDate", end_date AS "endDate" FROM incidents WHERE end_date IS NOT NULL');
  } catch {
    return; // closed by the test already
  }
  const bad = rows.filter((r) => !endNotBeforeStart(r.startDate, r.endDate));
  if (bad.length > 0) throw new Error(`incidents ending before they start: ${JSON.stringify(bad.slice(0, 5))}`);
}

/**
 * Waits until both queues are empty and every incident's report reflects its claims, checked twice
 * in a row (a claim job enqueues its reconcile before it completes).
 */
export async function waitForDrain(ctx: AppContext, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) {
      const pending = await ctx.queues.pendingCounts();
      throw new Error(`queues did not drain within ${timeoutMs} ms: ${JSON.stringify(pending)}, dirty incidents ${(await ctx.store.dirtyIncidents()).length}`);
    }
    const pending = await ctx.queues.pendingCounts();
    const idle = pending.claims === 0 && pending.reconcile === 0 && (await ctx.store.dirtyIncidents(1)).length === 0;
    quiet = idle ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, idle ? 50 : 100));
  }
}

/** Polls `check` until it holds, or throws after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

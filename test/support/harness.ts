import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, parseEnv, type AppContext } from '@recon/runtime';
import { endNotBeforeStart } from '@recon/domain';
import { inject } from 'vitest';

export interface Harness {
  ctx: AppContext;
  dir: string;
  dbPath: string;
  prefix: string;
  redisUrl: string;
  close(): Promise<void>;
}

/**
 * A fresh service context for one test: a temp SQLite file (migrated) and a queue prefix of its own
 * on the tests' private Redis.
 */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-test-'));
  const dbPath = join(dir, 'recon.db');
  const prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const redisUrl = inject('redisUrl');
  const ctx = await createContext(
    parseEnv({
      DATABASE_PATH: dbPath,
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
    prefix,
    redisUrl,
    close: async () => {
      assertDatesInOrder(ctx);
      await ctx.queues.claims.obliterate({ force: true }).catch(() => undefined);
      await ctx.queues.reconcile.obliterate({ force: true }).catch(() => undefined);
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every test's store, at its end: no incident ends before it starts (CONTRACT.md 7). */
function assertDatesInOrder(ctx: AppContext): void {
  if (!ctx.database.sqlite.open) return;
  const rows = ctx.database.sqlite.prepare('SELECT id, start_date AS startDate, end_date AS endDate FROM incidents WHERE end_date IS NOT NULL').all() as {
    id: string;
    startDate: string;
    endDate: string;
  }[];
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
      throw new Error(`queues did not drain within ${timeoutMs} ms: ${JSON.stringify(pending)}, dirty incidents ${ctx.store.dirtyIncidents().length}`);
    }
    const pending = await ctx.queues.pendingCounts();
    const idle = pending.claims === 0 && pending.reconcile === 0 && ctx.store.dirtyIncidents(1).length === 0;
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

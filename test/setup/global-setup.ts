import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// A relative import: vitest resolves global setup without the workspace's `source` condition.
import { startPrivateRedis, type PrivateRedis } from '../../packages/runtime/src/private-redis.js';
import { startTestPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** Admin URL of the tests' PostgreSQL server, '' when RECON_TEST_PG=off (see test/support/postgres.ts). */
    pgAdminUrl: string;
  }
}

/**
 * One redis-server of the tests' own, on a free loopback port, for the whole run: a user's Redis is
 * never touched. Each test isolates itself with its own queue prefix and its own database file.
 * And one PostgreSQL server for the run (test/setup/postgres-server.ts): TEST_DATABASE_URL's, the
 * local one on 127.0.0.1:5432, or one started here; each PostgreSQL test file makes its own database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-test-redis-'));
  let redis: PrivateRedis;
  try {
    redis = await startPrivateRedis(dir, { appendOnly: false });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the tests need redis-server on this machine: ${(err as Error).message}`);
  }
  let postgres: Awaited<ReturnType<typeof startTestPostgres>>;
  try {
    postgres = await startTestPostgres();
  } catch (err) {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide('redisUrl', redis.url);
  project.provide('pgAdminUrl', postgres.adminUrl);
  return async () => {
    await Promise.all([redis.stop(), postgres.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}

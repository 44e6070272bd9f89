import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// A relative import: vitest resolves global setup without the workspace's `source` condition.
import { startPrivateRedis, type PrivateRedis } from '../../packages/runtime/src/private-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * One redis-server of the tests' own, on a free loopback port, for the whole run: a user's Redis is
 * never touched. Each test isolates itself with its own queue prefix and its own database file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-test-redis-'));
  let redis: PrivateRedis;
  try {
    redis = await startPrivateRedis(dir, { appendOnly: false });
  } catch (err) {
    throw new Error(`the tests need redis-server on this machine: ${(err as Error).message}`);
  }
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

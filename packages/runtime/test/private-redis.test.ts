import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisNotInstalledError, redisServerInstalled, startPrivateRedis } from '../src/index.js';

describe('private redis-server', () => {
  it('starts on a free port with an append-only file in the given folder, and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recon-priv-'));
    const redis = await startPrivateRedis(dir);
    try {
      const client = new Redis(redis.url);
      await client.set('k', 'v');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
      client.disconnect();
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(redis.process.exitCode !== null || redis.process.signalCode !== null).toBe(true);
  });

  it('says exactly what to install when redis-server is missing', () => {
    expect(redisServerInstalled('/nonexistent/redis-server')).toBe(false);
    const message = new RedisNotInstalledError().message;
    expect(message).toContain('apt-get install redis-server');
    expect(message).toContain('REDIS_URL');
  });
});

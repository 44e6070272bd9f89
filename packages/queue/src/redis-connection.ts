import { Redis, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'producer' | 'worker';

/**
 * A Redis connection for BullMQ. Workers wait for Redis forever (and reconnect by themselves);
 * producers fail fast while Redis is down so that the API can answer 503 instead of hanging.
 */
export function createRedis(url: string, role: ConnectionRole, extra: RedisOptions = {}): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : // A command whose connection dropped before it answered is never sent again on reconnect:
        // the API may have answered 503 ("nothing was queued") by then, and must stay right.
        { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, autoResendUnfulfilledCommands: false };
  return new Redis(url, {
    ...options,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 3_000),
    lazyConnect: false,
    ...extra,
  });
}

/** Waits until the connection is ready, or throws after `timeoutMs`. */
export async function waitReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

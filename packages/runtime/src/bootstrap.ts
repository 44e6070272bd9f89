import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyMigrations, assertSchemaCurrent, ClaimStore, openEngine, type Engine } from '@recon/db';
import { ActorRegistry, Gazetteer } from '@recon/domain';
import { createRedis, ReconQueues, waitReady, type TypedWorkerOptions } from '@recon/queue';
import type { Redis } from 'ioredis';
import { ConfigError, type Env } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

/** The actor registry: the default one, extended by RECON_ACTORS_FILE when set. */
export function loadRegistry(env: Pick<Env, 'RECON_ACTORS_FILE'>): ActorRegistry {
  if (!env.RECON_ACTORS_FILE) return ActorRegistry.create();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(env.RECON_ACTORS_FILE, 'utf8'));
  } catch (err) {
    throw new ConfigError(`RECON_ACTORS_FILE (${env.RECON_ACTORS_FILE}) is not a readable JSON file: ${(err as Error).message}`);
  }
  return ActorRegistry.create(data);
}

export interface RedisTarget {
  url: string;
  /** Set when we started redis-server ourselves; stop it on exit. */
  private?: PrivateRedis;
}

/** REDIS_URL, or a private redis-server with its append-only file beside the database. */
export async function resolveRedis(env: Pick<Env, 'REDIS_URL' | 'DATABASE_PATH'>, log: Logger): Promise<RedisTarget> {
  if (env.REDIS_URL) return { url: env.REDIS_URL };
  const dir = join(dirname(env.DATABASE_PATH), 'redis');
  const priv = await startPrivateRedis(dir);
  log.info('started a private redis-server', { url: priv.url, dir: priv.dir });
  return { url: priv.url, private: priv };
}

export interface AppContext {
  env: Env;
  log: Logger;
  /** The store's database: SQLite (DATABASE_PATH) or PostgreSQL (DATABASE_URL). */
  engine: Engine;
  store: ClaimStore;
  registry: ActorRegistry;
  gazetteer: Gazetteer;
  redisUrl: string;
  /** Fail-fast connection for producing jobs and health checks. */
  producer: Redis;
  /** A fail-fast connection of its own for health checks: a ping never waits behind queue traffic. */
  health: Redis;
  queues: ReconQueues;
  /** A new connection for a worker (waits for Redis forever, reconnects by itself). */
  workerConnection(): Redis;
  /** Connection and timing options for a typed worker, from the environment. */
  workerOptions(concurrency: number): TypedWorkerOptions;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** Apply migrations (the single-process `npm start` does; separate services only check). */
  migrate?: boolean;
  /** Use this Redis instead of REDIS_URL or a private one. */
  redisUrl?: string;
  /** Separate service processes must share one Redis: refuse to start a private one. */
  requireRedisUrl?: boolean;
  /**
   * The process writes only what can be rebuilt from the claims (the reconciler's reports): its
   * commits need not wait for the disk. A report lost to a power cut leaves its incident behind its
   * claims, and the sweep rebuilds it.
   */
  writesDerivedDataOnly?: boolean;
  log?: Logger;
}

/** Opens the database, the registries and Redis, once per process. */
export async function createContext(env: Env, options: ContextOptions = {}): Promise<AppContext> {
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const registry = loadRegistry(env);
  const gazetteer = Gazetteer.create();
  const engine = openEngine({
    url: env.DATABASE_URL,
    path: env.DATABASE_PATH,
    poolSize: env.DATABASE_POOL_SIZE,
    durability: options.writesDerivedDataOnly ? 'normal' : 'full',
  });
  const closers: (() => Promise<void> | void)[] = [() => engine.close()];
  try {
    if (options.migrate) await applyMigrations(engine);
    else await assertSchemaCurrent(engine);
    if (options.requireRedisUrl && !options.redisUrl && !env.REDIS_URL) {
      throw new ConfigError(
        'REDIS_URL is required when the services run as separate processes (they must share one Redis); `npm start` runs all of them with a private Redis.',
      );
    }
    const target = options.redisUrl ? { url: options.redisUrl } : await resolveRedis(env, log);
    if (target.private) closers.push(() => target.private?.stop());
    const producer = createRedis(target.url, 'producer');
    producer.on('error', (err) => log.debug('redis producer connection error', { err }));
    closers.push(() => producer.disconnect());
    const health = createRedis(target.url, 'producer');
    health.on('error', (err) => log.debug('redis health connection error', { err }));
    closers.push(() => health.disconnect());
    const workerConnections: Redis[] = [];
    closers.push(() => workerConnections.forEach((c) => c.disconnect()));
    try {
      await Promise.all([waitReady(producer, 10_000), waitReady(health, 10_000)]);
    } catch {
      log.warn('Redis is not reachable yet; writes will answer 503 until it is', { url: target.url });
    }
    const queues = new ReconQueues(producer, env.RECON_QUEUE_PREFIX, env.QUEUE_TIMEOUT_MS);
    closers.push(() => queues.close());
    const workerConnection = (): Redis => {
      const c = createRedis(target.url, 'worker');
      c.on('error', (err) => log.debug('redis worker connection error', { err }));
      workerConnections.push(c);
      return c;
    };
    return {
      env,
      log,
      engine,
      store: new ClaimStore(engine),
      registry,
      gazetteer,
      redisUrl: target.url,
      producer,
      health,
      queues,
      workerConnection,
      workerOptions: (concurrency: number): TypedWorkerOptions => {
        return {
          connection: workerConnection(),
          prefix: env.RECON_QUEUE_PREFIX,
          concurrency,
          lockDurationMs: env.WORKER_LOCK_MS,
          stalledIntervalMs: env.WORKER_STALLED_CHECK_MS,
          maxStalledCount: env.WORKER_MAX_STALLS,
        };
      },
      close: async () => {
        // Idempotent: the all-in-one service and its runner may both close the context.
        for (const close of closers.splice(0).reverse()) {
          try {
            await close();
          } catch (err) {
            log.warn('error while closing', { err });
          }
        }
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close();
    throw err;
  }
}

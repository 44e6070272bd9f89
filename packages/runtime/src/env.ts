import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().min(1);
const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
  );

/** Every setting the services read from the environment, parsed once at boot. */
export const EnvSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  DATABASE_PATH: z.string().min(1).default('./data/recon.db'),
  /** `postgres://…`: store in PostgreSQL instead of the SQLite file at DATABASE_PATH. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  /** PostgreSQL connections each process keeps. */
  DATABASE_POOL_SIZE: positiveInt.default(10),
  RECON_API_TOKENS: list,
  RECON_READ_TOKEN: z.string().min(1).optional(),
  RECON_ACTORS_FILE: z.string().min(1).optional(),
  RECON_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('recon'),
  /** Jobs each ingest process runs at once (their writes share transactions): 4 per core by default. */
  INGEST_CONCURRENCY: positiveInt.default(() => 4 * availableParallelism()),
  /** Reconcile jobs at once: 4 per core by default. */
  RECONCILE_CONCURRENCY: positiveInt.default(() => 4 * availableParallelism()),
  /** Ingest processes `npm start` runs (default: 1 on SQLite, one per two cores on PostgreSQL). */
  INGEST_PROCESSES: positiveInt.optional(),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  RECONCILE_SWEEP_MS: positiveInt.default(30_000),
  /**
   * How long a reconcile waits, gathering the claims of a burst: it runs once its incident has had no
   * new claim for this long…
   */
  RECONCILE_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  /** …or this long after it was asked for, if claims keep coming. */
  RECONCILE_MAX_WAIT_MS: positiveInt.default(10_000),
  /** How long a worker's lock on a job lasts without renewal: a killed worker's jobs run again after it. */
  WORKER_LOCK_MS: positiveInt.default(30_000),
  /** How often workers look for jobs whose worker died (stalled jobs). */
  WORKER_STALLED_CHECK_MS: positiveInt.default(15_000),
  /** How many times a job may lose its worker before it counts as failed. */
  WORKER_MAX_STALLS: positiveInt.default(5),
  /** Submissions (POST /claims) the API handles at once; more are answered 429 with Retry-After. */
  API_MAX_SUBMISSIONS: positiveInt.default(32),
  /** Event-loop lag (ms) past which the API answers new submissions 429. */
  API_MAX_LAG_MS: positiveInt.default(1_000),
  /** How long an API call waits for Redis before answering 503. */
  QUEUE_TIMEOUT_MS: positiveInt.default(3_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment, or throws one readable error listing every bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';
import type { Engine } from './sql/engine.js';
import { PostgresEngine } from './sql/postgres-engine.js';
import { SqliteEngine } from './sql/sqlite-engine.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  sqlite: Database.Database;
  db: Db;
  path: string;
  close(): void;
}

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's write lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * `full` (default): a commit is on disk before the call returns. `normal`: a power cut may undo the
   * last commits (never corrupt the file) — only for a connection that writes nothing but what can
   * be rebuilt, like the reconciler's reports.
   */
  durability?: 'full' | 'normal';
}

/**
 * Opens the SQLite file (creating its folder) in WAL mode, so readers never wait for the writer and
 * several processes can share one file; writers wait up to `busyTimeoutMs` for each other.
 */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the job that made it completes, so a power cut cannot lose
  // a claim whose job Redis already counts as done.
  sqlite.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: sqlite, schema });
  return {
    sqlite,
    db,
    path,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

export interface EngineConfig extends OpenOptions {
  /** `postgres://…`: the PostgreSQL engine. Unset: SQLite at `path`. */
  url?: string;
  /** The SQLite file. */
  path: string;
  /** PostgreSQL connections in the pool. */
  poolSize?: number;
}

/** The store's engine: PostgreSQL when a `postgres://` URL is given, else the SQLite file. */
export function openEngine(config: EngineConfig): Engine {
  if (config.url) return new PostgresEngine(config.url, { poolSize: config.poolSize });
  return new SqliteEngine(openDatabase(config.path, config));
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { DatabaseHandle } from './database.js';
import { rebuildIncidents } from './incidents/rebuild.js';
import type { Engine, EngineKind } from './sql/engine.js';
import type { PostgresEngine } from './sql/postgres-engine.js';
import { SqliteEngine } from './sql/sqlite-engine.js';
import { value } from './sql/work.js';

/** The repository's `migrations/` folder: SQL written by drizzle-kit, one folder per engine. */
export const MIGRATIONS_ROOT = fileURLToPath(new URL('../../../migrations', import.meta.url));
export const migrationsFolder = (kind: EngineKind): string => `${MIGRATIONS_ROOT}/${kind}`;
/** SQLite's migrations (kept for callers that name the folder). */
export const MIGRATIONS_FOLDER = migrationsFolder('sqlite');

/** Held while migrations run, so that several machines may run `npm run migrate` at once. */
const MIGRATE_LOCK = 0x7265636f6d; // "recom"

export class SchemaOutOfDateError extends Error {
  override name = 'SchemaOutOfDateError';
}

/**
 * Applies every migration not yet applied; idempotent. Run once per deployment, before any worker
 * starts. On PostgreSQL it holds an advisory lock, so runs from several machines take turns and the
 * later ones find nothing to do.
 */
export async function applyMigrations(engine: Engine, folder = migrationsFolder(engine.kind)): Promise<void> {
  if (engine instanceof SqliteEngine) applySqliteMigrations(engine, folder);
  else await applyPostgresMigrations(engine as PostgresEngine, folder);
}

/**
 * SQLite: foreign keys are off while the migrations run (a migration that rebuilds a table drops it
 * first; SQLite ignores the migrations' own PRAGMA inside their transaction), and checked afterwards.
 */
function applySqliteMigrations(engine: SqliteEngine, folder: string): void {
  const handle = engine.handle;
  handle.sqlite.pragma('foreign_keys = OFF');
  try {
    migrateSqlite(handle.db, { migrationsFolder: folder });
    // Claims stored before incident resolution kept its facts (migration 0002): resolve them all again.
    const hasFacts = (handle.sqlite.pragma('table_info(claims)') as { name: string }[]).some((c) => c.name === 'facts');
    if (hasFacts && handle.sqlite.prepare('SELECT 1 FROM claims WHERE facts IS NULL LIMIT 1').get()) engine.writeSync(() => rebuildIncidents());
    const broken = handle.sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`the migrations left ${broken.length} rows whose foreign keys point nowhere`);
  } finally {
    handle.sqlite.pragma('foreign_keys = ON');
  }
}

async function applyPostgresMigrations(engine: PostgresEngine, folder: string): Promise<void> {
  const client = await engine.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    try {
      await migratePg(drizzlePg({ client }), { migrationsFolder: folder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** How many migrations the code expects (drizzle-kit's journal). */
function expectedMigrations(folder: string): number {
  const journalPath = `${folder}/meta/_journal.json`;
  if (!existsSync(journalPath)) throw new SchemaOutOfDateError(`no migrations journal at ${journalPath}`);
  return (JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] }).entries.length;
}

/** Throws, naming the command to run, when the database lacks migrations the code expects. */
export async function assertSchemaCurrent(engine: Engine, folder = migrationsFolder(engine.kind)): Promise<void> {
  const expected = expectedMigrations(folder);
  const applied = engine instanceof SqliteEngine ? sqliteApplied(engine.handle) : await postgresApplied(engine as PostgresEngine);
  if (applied < expected) {
    throw new SchemaOutOfDateError(
      `the database at ${engine.location} has ${applied} of ${expected} migrations applied; run \`npm run migrate\` first`,
    );
  }
  // Migration 0002 is finished by rebuildIncidents; a process must not start between the two.
  if (engine instanceof SqliteEngine && engine.handle.sqlite.prepare('SELECT 1 FROM claims WHERE facts IS NULL LIMIT 1').get()) {
    throw new SchemaOutOfDateError(`the database at ${engine.location} has claims whose incidents are not rebuilt yet; run \`npm run migrate\` first`);
  }
}

function sqliteApplied(handle: DatabaseHandle): number {
  const table = handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (handle.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

async function postgresApplied(engine: PostgresEngine): Promise<number> {
  // Through the engine's read, which runs again on a fresh connection when one is lost: a service that
  // starts while the database restarts, or while its backends are terminated, does not die of it.
  return engine.read(function* () {
    const table = yield* value<string | null>("SELECT to_regclass('drizzle.__drizzle_migrations')::text");
    if (table == null) return 0;
    return (yield* value<number>('SELECT count(*)::int FROM drizzle.__drizzle_migrations')) ?? 0;
  });
}

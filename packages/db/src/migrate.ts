import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { DatabaseHandle } from './database.js';
import { rebuildIncidents } from './incidents/rebuild.js';

/** The repository's `migrations/` folder (SQL written by drizzle-kit). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));

export class SchemaOutOfDateError extends Error {
  override name = 'SchemaOutOfDateError';
}

/**
 * Applies every migration not yet applied. Run once per deployment, before any worker starts.
 * Foreign keys are off while they run (a migration that rebuilds a table drops it first; SQLite
 * ignores the migrations' own PRAGMA inside their transaction), and checked afterwards.
 */
export function applyMigrations(handle: DatabaseHandle, folder = MIGRATIONS_FOLDER): void {
  handle.sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(handle.db, { migrationsFolder: folder });
    // Claims stored before incident resolution kept its facts (migration 0002): resolve them all again.
    const hasFacts = (handle.sqlite.pragma('table_info(claims)') as { name: string }[]).some((c) => c.name === 'facts');
    if (hasFacts && handle.sqlite.prepare('SELECT 1 FROM claims WHERE facts IS NULL LIMIT 1').get()) rebuildIncidents(handle);
    const broken = handle.sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`the migrations left ${broken.length} rows whose foreign keys point nowhere`);
  } finally {
    handle.sqlite.pragma('foreign_keys = ON');
  }
}

/** Throws, naming the command to run, when the database lacks migrations the code expects. */
export function assertSchemaCurrent(handle: DatabaseHandle, folder = MIGRATIONS_FOLDER): void {
  const journalPath = `${folder}/meta/_journal.json`;
  if (!existsSync(journalPath)) throw new SchemaOutOfDateError(`no migrations journal at ${journalPath}`);
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  const expected = journal.entries.length;
  const table = handle.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const applied = table
    ? (handle.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
    : 0;
  if (applied < expected) {
    throw new SchemaOutOfDateError(
      `the database at ${handle.path} has ${applied} of ${expected} migrations applied; run \`npm run migrate\` first`,
    );
  }
  // Migration 0002 is finished by rebuildIncidents; a process must not start between the two.
  if (handle.sqlite.prepare('SELECT 1 FROM claims WHERE facts IS NULL LIMIT 1').get()) {
    throw new SchemaOutOfDateError(`the database at ${handle.path} has claims whose incidents are not rebuilt yet; run \`npm run migrate\` first`);
  }
}

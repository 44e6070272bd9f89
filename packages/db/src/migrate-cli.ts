/**
 * `npm run migrate`: applies the migrations to DATABASE_URL (PostgreSQL) when it is set, else to the
 * SQLite file at DATABASE_PATH (default ./data/recon.db). Safe to run from several machines at once.
 */
import { openEngine } from './database.js';
import { applyMigrations } from './migrate.js';

const url = process.env.DATABASE_URL || undefined;
const engine = openEngine({ url, path: process.env.DATABASE_PATH ?? './data/recon.db' });
try {
  await applyMigrations(engine);
  console.log(`migrations applied to ${engine.location}`);
} catch (err) {
  console.error(`migrations failed on ${engine.location}: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await engine.close();
}

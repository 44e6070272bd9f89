/** `npm run migrate`: applies the migrations to DATABASE_PATH (default ./data/recon.db). */
import { openDatabase } from './database.js';
import { applyMigrations } from './migrate.js';

const path = process.env.DATABASE_PATH ?? './data/recon.db';
const handle = openDatabase(path);
try {
  applyMigrations(handle);
  console.log(`migrations applied to ${path}`);
} finally {
  handle.close();
}

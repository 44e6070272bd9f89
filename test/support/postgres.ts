import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * A PostgreSQL database of one test file's own, on the run's server (test/setup/postgres-server.ts).
 * `drop` ends every connection still open to it and drops it; calling it twice is harmless.
 */
export interface FreshPgDatabase {
  /** Connection URL of the new database (same server, user and password as the admin URL). */
  url: string;
  /** Its name: `recon_t_<label>_<random>`. */
  name: string;
  drop(): Promise<void>;
}

/** Whether this run has a PostgreSQL server (false with RECON_TEST_PG=off): guard PostgreSQL suites with it. */
export function pgAvailable(): boolean {
  return inject('pgAdminUrl') !== '';
}

/** Creates a database (empty: from template0, or a copy of `template`) with a unique name and returns its URL. */
export async function freshPgDatabase(label: string, template = 'template0'): Promise<FreshPgDatabase> {
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) throw new Error('no PostgreSQL server in this run (RECON_TEST_PG=off): skip the suite when !pgAvailable()');
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30);
  const name = `recon_t_${slug ? `${slug}_` : ''}${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      await withAdmin(adminUrl, async (admin) => {
        // Backends a test left open (a pool not ended, a worker killed) would block the drop.
        for (let attempt = 0; ; attempt++) {
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
          try {
            await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
            return;
          } catch (err) {
            // 55006 object_in_use: a backend connected between the two statements; again.
            if ((err as { code?: string }).code !== '55006' || attempt >= 5) throw err;
          }
        }
      });
      dropped = true;
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freshPgDatabase, pgAvailable, type FreshPgDatabase } from '../support/postgres.js';

// The PostgreSQL suites' databases: each test file gets an empty one of its own on the run's server,
// and leaves nothing behind on it.
describe.skipIf(!pgAvailable())('fresh PostgreSQL databases', () => {
  const made: FreshPgDatabase[] = [];
  const clients: pg.Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await Promise.all(made.map((db) => db.drop()));
  });

  async function fresh(label: string): Promise<FreshPgDatabase> {
    const db = await freshPgDatabase(label);
    made.push(db);
    return db;
  }
  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  it('is empty and usable', async () => {
    const db = await fresh('provisioning empty');
    expect(db.name).toMatch(/^recon_t_provisioning_empty_[0-9a-f]{12}$/);
    const client = await connect(db.url);
    expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe(db.name);
    const relations = await client.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
    );
    expect(relations.rows).toEqual([]);

    await client.query('CREATE TABLE claims (id text PRIMARY KEY, deaths integer NOT NULL)');
    await client.query('INSERT INTO claims (id, deaths) VALUES ($1, $2), ($3, $4)', ['a', 3, 'b', 40]);
    const rows = await client.query('SELECT id, deaths FROM claims ORDER BY id');
    expect(rows.rows).toEqual([
      { id: 'a', deaths: 3 },
      { id: 'b', deaths: 40 },
    ]);
  });

  it('gives two databases that are distinct', async () => {
    const [a, b] = await Promise.all([fresh('provisioning a'), fresh('provisioning b')]);
    expect(a.name).not.toBe(b.name);
    expect(a.url).not.toBe(b.url);
    const [ca, cb] = await Promise.all([connect(a.url), connect(b.url)]);
    await ca.query('CREATE TABLE only_in_a (x integer)');
    await ca.query('INSERT INTO only_in_a VALUES (1)');
    expect((await ca.query(`SELECT to_regclass('only_in_a') AS t`)).rows[0].t).toBe('only_in_a');
    expect((await cb.query(`SELECT to_regclass('only_in_a') AS t`)).rows[0].t).toBeNull();
    expect((await cb.query('SELECT current_database() AS name')).rows[0].name).toBe(b.name);
  });

  it('drop removes it, even with a connection still open', async () => {
    const db = await freshPgDatabase('provisioning drop');
    const left = await connect(db.url); // never ended: drop must terminate it
    await left.query('CREATE TABLE t (x integer)');

    const admin = await connect(inject('pgAdminUrl'));
    const exists = async () =>
      (await admin.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [db.name])).rows[0].n;
    expect(await exists()).toBe(1);

    await db.drop();
    expect(await exists()).toBe(0);
    await db.drop(); // twice is harmless
    await expect(left.query('SELECT 1')).rejects.toThrow();
    await expect(connect(db.url)).rejects.toMatchObject({ code: '3D000' }); // database does not exist
  });
});

import pg from 'pg';
import type { Dialect, Engine, WriteOptions } from './engine.js';
import { pgStatement, pgValues } from './postgres-sql.js';
import { value, type SqlOp, type Work } from './work.js';

const dialect: Dialect = { bytes: (column) => `convert_to(${column}, 'UTF8')`, forUpdate: ' FOR UPDATE' };

/** The advisory lock every write holds shared and curation holds exclusive. */
const WRITES_LOCK = 0x7265636f6e; // "recon"

/**
 * SQLSTATEs after which a transaction is run again from the start: serialisation failure, deadlock
 * (two writers that took the same locks in opposite orders: PostgreSQL fails one), and a unique key
 * taken by a concurrent transaction (a claim stored by another worker at the same moment: run again,
 * the claim is found stored).
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 12;
/** A read whose connection is lost runs again on a fresh one, this many times in all (about 4 s). */
const READ_ATTEMPTS = 8;

/** count(*) and other int8 values come back as numbers (all of ours are far below 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** Connections in the pool. */
  poolSize?: number;
  /** Milliseconds a statement may run. */
  statementTimeoutMs?: number;
}

/**
 * The PostgreSQL engine: drives work asynchronously on a pooled connection (node-postgres). A write
 * is one READ COMMITTED transaction, made safe for concurrent writers on any number of machines by
 * advisory locks: before it begins, the connection waits for the locks of the names the write gives
 * (the incidents and places of its claims), in sorted order; the work takes more as it goes (`lock`
 * in work.ts: an incident before it changes it, a place before it groups that place's claims again),
 * but only tries those: one held by another writer starts the transaction again, with that lock
 * taken first. Every wait is in sorted order, so writers never deadlock. Writers of one place or
 * incident take turns; writers of different ones run at once. Curation, which can reach any
 * incident, excludes every other write.
 * (SERIALIZABLE was tried first: its predicate locks on shared index pages failed most concurrent
 * groups of claims that had nothing to do with each other, and each retry redid a whole group.)
 */
export class PostgresEngine implements Engine {
  readonly kind = 'postgres' as const;
  readonly dialect = dialect;
  readonly location: string;
  readonly pool: pg.Pool;

  constructor(url: string, options: PostgresOptions = {}) {
    const u = new URL(url);
    if (u.password) u.password = '***';
    this.location = u.toString();
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types,
      statement_timeout: options.statementTimeoutMs ?? 60_000,
      application_name: 'recon',
    });
    // A connection that dies (the server restarted, a backend terminated) is dropped, never fatal: idle
    // in the pool, or checked out between two statements (then the next statement fails, and the
    // transaction is run again on a fresh connection).
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async read<T>(work: () => Work<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient | null = null;
      try {
        client = await this.pool.connect();
        const out = await this.drive(work(), client, new Set());
        client.release();
        return out;
      } catch (err) {
        const lost = isConnectionError(err);
        client?.release(lost ? (err as Error) : undefined);
        // A read is run again on a fresh connection when its connection was lost (a server restart, a
        // terminated backend): it changed nothing.
        if (!lost || attempt >= READ_ATTEMPTS) throw err;
        await sleep(Math.min(2 ** attempt * 25, 1_000) * (0.5 + Math.random()));
      }
    }
  }

  async snapshot<T>(work: () => Work<T>): Promise<T> {
    return this.transaction(work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', null);
  }

  async write<T>(work: () => Work<T>, options: WriteOptions = {}): Promise<T> {
    return this.transaction(work, 'BEGIN', options);
  }

  async changeStamp(): Promise<string> {
    // Changes when a transaction that wrote commits (it leaves the in-progress list) or a new one starts.
    return (await this.read(() => value<string>('SELECT pg_current_snapshot()::text')))!;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: () => Work<T>, begin: string, options: WriteOptions | null): Promise<T> {
    // Locks the work found taken by another writer: the next attempt takes them before it begins.
    const later = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient | null = null;
      let broken: Error | undefined;
      const locks = options && { ...options, locks: [...(options.locks ?? []), ...later] };
      try {
        client = await this.pool.connect();
        const held = new Set<string>();
        if (locks) await this.lock(client, locks, held);
        await client.query(begin);
        try {
          const out = await this.drive(work(), client, held);
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      } catch (err) {
        if (err instanceof LockTaken) {
          later.add(err.lockName);
          if (attempt < MAX_ATTEMPTS + later.size) continue;
        }
        if (isConnectionError(err)) broken = err as Error;
        // A lost connection is retried too: a write that may have committed is found done when run
        // again (claims by id, reports by change counter, curation by its outcome).
        const again = broken !== undefined || RETRYABLE.has((err as { code?: string }).code ?? '');
        if (!again || attempt >= MAX_ATTEMPTS) throw err;
      } finally {
        if (client) {
          if (locks && !broken) await unlockAll(client).catch((e: unknown) => (broken = e as Error));
          // A connection whose state is unknown is closed, not reused (its locks die with it).
          client.release(broken);
        }
      }
      await sleep(Math.min(2 ** attempt * 5, 1_000) * (0.5 + Math.random()));
    }
  }

  private async lock(client: pg.PoolClient, options: WriteOptions, held: Set<string>): Promise<void> {
    await client.query(options.exclusive ? 'SELECT pg_advisory_lock($1)' : 'SELECT pg_advisory_lock_shared($1)', [WRITES_LOCK]);
    const names = [...new Set(options.locks ?? [])].sort();
    for (const n of names) held.add(n);
    if (names.length > 0) {
      await client.query('SELECT pg_advisory_lock(hashtextextended(n, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i', [names]);
    }
  }

  private async drive<T>(work: Work<T>, client: pg.PoolClient, held: Set<string>): Promise<T> {
    let step = work.next();
    while (!step.done) {
      let result: unknown;
      try {
        result = await exec(client, step.value, held);
      } catch (err) {
        step = work.throw(err);
        continue;
      }
      step = work.next(result);
    }
    return step.value;
  }
}

async function exec(client: pg.PoolClient, op: SqlOp, held: Set<string>): Promise<unknown> {
  if (op.kind === 'lock') {
    // Advisory locks are re-entrant: one this transaction holds already costs no round trip. One it
    // does not hold is only tried: waiting for it while holding others could deadlock.
    if (held.has(op.name)) return undefined;
    const r = await client.query<{ ok: boolean }>({ name: 'recon_try_lock', text: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS ok', values: [op.name] });
    if (!r.rows[0]?.ok) throw new LockTaken(op.name);
    held.add(op.name);
    return undefined;
  }
  const stmt = pgStatement(op.sql);
  const values = pgValues(stmt, op.params);
  if (op.kind === 'column' || op.kind === 'value') {
    const r = await client.query({ name: stmt.name, text: stmt.text, values, rowMode: 'array' });
    const rows = r.rows as unknown[][];
    return op.kind === 'column' ? rows.map((row) => row[0]) : rows[0]?.[0];
  }
  const r = await client.query({ name: stmt.name, text: stmt.text, values });
  if (op.kind === 'run') return r.rowCount ?? 0;
  return op.kind === 'all' ? r.rows : r.rows[0];
}

/** A lock the work asked for was held by another writer: run again, taking it first. */
class LockTaken extends Error {
  override name = 'LockTaken';
  constructor(readonly lockName: string) {
    super(`lock ${lockName} is held by another writer`);
  }
}

const unlockAll = (client: pg.PoolClient) => client.query('SELECT pg_advisory_unlock_all()');

/** Errors after which a connection cannot be trusted: it is closed rather than reused. */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || /Connection terminated|ECONNRESET|ECONNREFUSED/.test(String((err as Error)?.message));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

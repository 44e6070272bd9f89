import type Database from 'better-sqlite3';
import type { DatabaseHandle } from '../database.js';
import type { Dialect, Engine } from './engine.js';
import type { SqlOp, Work } from './work.js';

const dialect: Dialect = { bytes: (column) => `CAST(${column} AS BLOB)`, forUpdate: '' };

/**
 * The SQLite engine: drives work synchronously on one better-sqlite3 connection, with statements
 * prepared once per SQL text. A write is one transaction that takes the write lock up front
 * (BEGIN IMMEDIATE), so processes sharing the file queue for it instead of failing half-way; as the
 * whole transaction runs without yielding the event loop, nothing else in the process interleaves.
 */
export class SqliteEngine implements Engine {
  readonly kind = 'sqlite' as const;
  readonly dialect = dialect;
  readonly location: string;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly handle: DatabaseHandle) {
    this.location = handle.path;
  }

  /** Drives work to its end, synchronously (for callers that are synchronous themselves). */
  runSync<T>(work: Work<T>): T {
    let step = work.next();
    while (!step.done) {
      let result: unknown;
      try {
        result = this.exec(step.value);
      } catch (err) {
        step = work.throw(err);
        continue;
      }
      step = work.next(result);
    }
    return step.value;
  }

  /** A write transaction, synchronously. */
  writeSync<T>(work: () => Work<T>): T {
    return this.handle.sqlite.transaction(() => this.runSync(work())).immediate();
  }

  read<T>(work: () => Work<T>): Promise<T> {
    return settle(() => this.runSync(work()));
  }

  snapshot<T>(work: () => Work<T>): Promise<T> {
    return settle(() => this.handle.sqlite.transaction(() => this.runSync(work()))());
  }

  write<T>(work: () => Work<T>): Promise<T> {
    return settle(() => this.writeSync(work));
  }

  changeStamp(): Promise<string> {
    return Promise.resolve(String(this.handle.sqlite.pragma('data_version', { simple: true })));
  }

  ping(): Promise<void> {
    return settle(() => void this.handle.sqlite.prepare('SELECT 1').get());
  }

  close(): Promise<void> {
    this.handle.close();
    return Promise.resolve();
  }

  private exec(op: SqlOp): unknown {
    // One writer at a time already: the transaction holds the file's write lock.
    if (op.kind === 'lock') return undefined;
    let stmt = this.statements.get(op.sql);
    if (!stmt) {
      stmt = this.handle.sqlite.prepare(op.sql);
      this.statements.set(op.sql, stmt);
    }
    const args = Array.isArray(op.params) ? (op.params as unknown[]) : [op.params];
    switch (op.kind) {
      case 'run':
        return stmt.run(...args).changes;
      case 'all':
        return stmt.pluck(false).all(...args);
      case 'get':
        return stmt.pluck(false).get(...args);
      case 'column':
        return stmt.pluck(true).all(...args);
      case 'value':
        return stmt.pluck(true).get(...args);
    }
  }
}

function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * Store work as a generator of SQL operations. A module writes what it reads and writes once, as a
 * generator that yields each statement and gets its result back; an engine drives it: the SQLite
 * engine synchronously, inside one better-sqlite3 transaction (nothing else can interleave), the
 * PostgreSQL engine asynchronously on one pooled connection. So one text of every query and every
 * decision serves both engines, and SQLite keeps its synchronous speed.
 *
 * SQL is written in the subset both engines accept: `?` or `@name` parameters (the PostgreSQL
 * engine rewrites them to `$n`), camelCase aliases double-quoted, 0/1 integers for flags.
 */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

export type SqlOp =
  /** Every row, as objects. */
  | { kind: 'all'; sql: string; params: Params }
  /** The first row, or undefined. */
  | { kind: 'get'; sql: string; params: Params }
  /** The first column of every row. */
  | { kind: 'column'; sql: string; params: Params }
  /** The first column of the first row, or undefined. */
  | { kind: 'value'; sql: string; params: Params }
  /** A write; gives the number of rows it changed. */
  | { kind: 'run'; sql: string; params: Params }
  /**
   * Holds, until the transaction ends, the lock of a name (`place:…`, `incident:…`): writers of the
   * same thing take turns (PostgreSQL advisory locks; SQLite has one writer anyway). A lock another
   * writer holds is not waited for (that could deadlock): the transaction starts again, taking it
   * first, with the locks it took before it began.
   */
  | { kind: 'lock'; name: string };

export type Work<T> = Generator<SqlOp, T, unknown>;

export function* all<T>(sql: string, params: Params = []): Work<T[]> {
  return (yield { kind: 'all', sql, params }) as T[];
}

export function* get<T>(sql: string, params: Params = []): Work<T | undefined> {
  return (yield { kind: 'get', sql, params }) as T | undefined;
}

export function* column<T>(sql: string, params: Params = []): Work<T[]> {
  return (yield { kind: 'column', sql, params }) as T[];
}

export function* value<T>(sql: string, params: Params = []): Work<T | undefined> {
  return (yield { kind: 'value', sql, params }) as T | undefined;
}

export function* run(sql: string, params: Params = []): Work<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

export function* lock(name: string): Work<void> {
  yield { kind: 'lock', name };
}

/** Lock names, one spelling for every module. */
export const lockName = {
  place: (country: string, placeId: string): string => `place:${country}:${placeId}`,
  incident: (id: string): string => `incident:${id}`,
};

/** `?, ?, …` for an IN list of n values. */
export const placeholders = (n: number): string => Array(n).fill('?').join(', ');

/** The items in chunks of at most `size` (IN lists stay under both engines' parameter limits). */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

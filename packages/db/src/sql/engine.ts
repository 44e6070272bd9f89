import type { Work } from './work.js';

export type EngineKind = 'sqlite' | 'postgres';

/** The few spots where the two engines' SQL differs. */
export interface Dialect {
  /** A text column read as UTF-8 bytes (a Buffer), ready to send. */
  bytes(column: string): string;
  /** What locks the rows a SELECT reads until the transaction ends (PostgreSQL); '' on SQLite, whose writer is alone. */
  forUpdate: string;
}

export interface WriteOptions {
  /**
   * What the write may change, by name (`place:ML:ml-gao`, `key:…`): on PostgreSQL, writers that
   * name the same thing wait for each other instead of failing each other's transactions.
   */
  locks?: readonly string[];
  /** Excludes every other write while it runs (curation, which can reach any incident). */
  exclusive?: boolean;
}

/**
 * A database the store's work runs on. Every method drives a work generator (see work.ts); `write`
 * may drive it more than once (a PostgreSQL transaction that lost a serialisation race is run again
 * from the start), so work must not change anything outside the database before it returns.
 */
export interface Engine {
  readonly kind: EngineKind;
  readonly dialect: Dialect;
  /** Where the data is, for messages: a file path, or a URL without its password. */
  readonly location: string;
  /** Reads, each statement on its own. */
  read<T>(work: () => Work<T>): Promise<T>;
  /** Reads as one consistent snapshot. */
  snapshot<T>(work: () => Work<T>): Promise<T>;
  /** Writes in one transaction: all or nothing. */
  write<T>(work: () => Work<T>, options?: WriteOptions): Promise<T>;
  /** Changes whenever data another connection committed may have changed. */
  changeStamp(): Promise<string>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

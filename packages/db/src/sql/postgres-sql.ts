import type { Params } from './work.js';

/** A statement in PostgreSQL's terms: `$n` parameters, and how to order the values for them. */
export interface PgStatement {
  text: string;
  /** A name for the server's prepared statement (one per text). */
  name: string;
  /** For `@name` parameters: the names in `$n` order. Null: positional `?` parameters. */
  names: string[] | null;
}

const cache = new Map<string, PgStatement>();

/**
 * Rewrites the portable SQL (`?` or `@name` parameters) to PostgreSQL's `$n`, once per text. Quoted
 * strings and identifiers are left alone.
 */
export function pgStatement(sql: string): PgStatement {
  let hit = cache.get(sql);
  if (hit) return hit;
  let out = '';
  let n = 0;
  const names: string[] = [];
  let named = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      if (end < 0) throw new Error(`unterminated quote in SQL: ${sql}`);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else if (ch === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      named = true;
      let j = i + 1;
      while (j < sql.length && /\w/.test(sql[j]!)) j++;
      const name = sql.slice(i + 1, j);
      let at = names.indexOf(name);
      if (at < 0) at = names.push(name) - 1;
      out += `$${at + 1}`;
      i = j - 1;
    } else out += ch;
  }
  if (named && n > 0) throw new Error(`SQL mixes ? and @name parameters: ${sql}`);
  hit = { text: out, name: `recon_${cache.size}`, names: named ? names : null };
  cache.set(sql, hit);
  return hit;
}

/** The values for a statement's `$n`, in order. */
export function pgValues(stmt: PgStatement, params: Params): unknown[] {
  if (stmt.names === null) return (Array.isArray(params) ? params : []) as unknown[];
  const byName = params as Record<string, unknown>;
  return stmt.names.map((name) => {
    if (!(name in byName)) throw new Error(`missing SQL parameter @${name}`);
    return byName[name];
  });
}

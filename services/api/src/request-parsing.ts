import type { Context } from 'hono';
import type { z } from 'zod';
import { formatPath, type FieldError } from '@recon/domain';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Parses query parameters with a schema; errors name the parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  const r = schema.safeParse(c.req.query());
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: `query.${k}`, message: 'is not a parameter of this endpoint' }))
        : [{ path: `query.${formatPath(i.path)}`, message: i.message }],
    ),
  };
}

/** Deepest nesting a request body may have; a claim needs 4 levels. */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max` levels (checked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Reads a JSON body with a schema; errors name the field (`(body)` for a body that is not JSON). */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [{ path: '(body)', message: `is not JSON: ${(err as Error).message}` }] };
  }
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: formatPath([...i.path, k]), message: 'is not a field of this request' }))
        : [{ path: formatPath(i.path) || '(body)', message: i.message }],
    ),
  };
}

/** The optional `note` of a request without any other body (DELETE /claims/:id). */
export async function noteOf(c: Context): Promise<string | null> {
  try {
    const text = await c.req.text();
    if (text.trim() === '') return c.req.query('note') ?? null;
    const body = JSON.parse(text) as unknown;
    const note = body !== null && typeof body === 'object' && 'note' in body ? (body as { note: unknown }).note : undefined;
    return typeof note === 'string' ? note.slice(0, 2000) : (c.req.query('note') ?? null);
  } catch {
    return c.req.query('note') ?? null;
  }
}

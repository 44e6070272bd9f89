import type { Hook } from '@hono/zod-openapi';
import type { Context, Env } from 'hono';
import { apiError } from './api-error.js';
import type { z } from 'zod';
import { formatPath, type FieldError } from '@recon/domain';

/**
 * Field errors of a failed validation, named as the client wrote them: `query.limit`, `id`, `into`;
 * a name the schema does not know is "not a parameter of this endpoint" (query) or "not a field of
 * this request" (body).
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], target: string): FieldError[] {
  const prefix = target === 'query' ? 'query.' : target === 'param' ? 'param.' : '';
  const unknown = target === 'query' ? 'is not a parameter of this endpoint' : 'is not a field of this request';
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: `${prefix}${formatPath([...i.path, k])}`, message: unknown }))
      : [{ path: `${prefix}${formatPath(i.path)}` || '(body)', message: i.message }],
  );
}

/** Every route's answer to a request its schemas reject: `400 invalid_request` with the field errors. */
export const validationHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (result.success) return undefined;
  const what = result.target === 'query' ? 'bad query parameters' : result.target === 'json' ? 'bad request body' : `bad ${result.target}`;
  return apiError(c, 'invalid_request', what, fieldErrorsOf(result.error.issues, result.target));
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Parses query parameters with a schema; errors name the parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  return parseQueryValues(c.req.query(), schema);
}

/** Parses query values (already read, perhaps filtered) with a schema; errors name the parameter. */
export function parseQueryValues<S extends z.ZodType>(values: Record<string, string>, schema: S): Parsed<z.infer<S>> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: fieldErrorsOf(r.error.issues, 'query') };
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
  return { ok: false, errors: fieldErrorsOf(r.error.issues, 'json') };
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

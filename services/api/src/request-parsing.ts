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

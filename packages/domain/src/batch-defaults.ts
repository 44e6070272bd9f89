import type { FieldError } from './claim-schema.js';

/** The fields a batch's `defaults` may give every claim of the batch. */
export const DEFAULTABLE_FIELDS = ['source', 'via', 'incident', 'statedAt'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a batch's `defaults`: an object of the defaultable fields only. */
export function defaultsErrors(defaults: unknown): FieldError[] {
  if (!isRecord(defaults)) return [{ path: 'defaults', message: `must be an object with some of ${DEFAULTABLE_FIELDS.join(', ')}` }];
  const errors: FieldError[] = [];
  for (const k of Object.keys(defaults)) {
    if (!(DEFAULTABLE_FIELDS as readonly string[]).includes(k)) {
      errors.push({ path: `defaults.${k}`, message: `is not a field a batch can give its claims (only ${DEFAULTABLE_FIELDS.join(', ')})` });
    }
  }
  for (const k of ['source', 'incident'] as const) {
    if (defaults[k] !== undefined && !isRecord(defaults[k])) errors.push({ path: `defaults.${k}`, message: 'must be an object' });
  }
  return errors;
}

/**
 * One claim of a batch merged with the batch's defaults, before it is validated and its id
 * computed: a claim's own fields win; `source` and `incident` merge field by field (the claim's
 * fields over the defaults'); `via` and `statedAt` are taken whole. So a claim sent with defaults
 * has the id it has written out in full.
 */
export function withDefaults(defaults: Readonly<Record<string, unknown>>, claim: unknown): unknown {
  if (!isRecord(claim)) return claim;
  const out: Record<string, unknown> = { ...claim };
  for (const k of DEFAULTABLE_FIELDS) {
    const d = defaults[k];
    if (d === undefined) continue;
    const own = claim[k];
    if (own === undefined) out[k] = d;
    else if ((k === 'source' || k === 'incident') && isRecord(own) && isRecord(d)) out[k] = { ...d, ...own };
  }
  return out;
}

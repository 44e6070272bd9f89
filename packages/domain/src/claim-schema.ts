import { z } from 'zod';
import type { Count } from './count.js';
import { ISO_COUNTRIES } from './countries.js';
import { dayRange, epochDay, isDateOrDateTime, isPartialDate } from './dates.js';
import { CONTROL_CHARS } from './text.js';
import { ACTOR_KINDS, LIMITS, MAX_COUNT, OUTCOMES, TERMS, type ActorKind, type Outcome } from './vocab.js';

/** Free text: at most `max` characters, no control characters. */
const text = (max: number = LIMITS.maxString) =>
  z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { error: 'must not contain control characters' })
    // A lone surrogate is not text: it would be stored as invalid UTF-8 and compare unlike itself.
    .refine((s) => s.isWellFormed(), { error: 'must be well-formed Unicode (no lone surrogates)' });

/** A name: free text with something other than white space in it. */
const name = () => text().refine((s) => s.trim().length > 0, { error: 'must not be empty' });

const wholeNumber = () =>
  z
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be a whole number ≥ 0' })
    .max(MAX_COUNT, { error: `must be at most ${MAX_COUNT.toLocaleString('en')}` });

const partialDate = () =>
  z.string().refine(isPartialDate, { error: 'must be a calendar date YYYY-MM-DD or a month YYYY-MM' });

const dateOrDateTime = () =>
  z.string().refine(isDateOrDateTime, {
    error: 'must be a date YYYY-MM-DD or an ISO 8601 date-time with an offset (2024-08-01T10:00:00Z)',
  });

export const ActorKindSchema = z.enum(ACTOR_KINDS, {
  error: `must be one of ${ACTOR_KINDS.join(', ')}`,
});
export const OutcomeSchema = z.enum(OUTCOMES, { error: `must be one of ${OUTCOMES.join(', ')}` });
export const TermSchema = z.enum(TERMS, { error: `must be one of ${TERMS.join(', ')}` });

export const ActorRefSchema = z.strictObject({
  name: name().describe('The actor as the source names it ("Malian army", "JNIM"); canonicalised through the actor registry'),
  kind: ActorKindSchema.describe('What kind of actor it is'),
});

const COUNT_FORMS = ['exact', 'min', 'max', 'min,max', 'approx', 'term'];

export const CountSchema = z
  .strictObject({
    exact: wholeNumber().optional().describe('Exactly this many: the interval [n, n]'),
    min: wholeNumber().optional().describe('At least this many ("at least 20"): [n, open]; with max, a range'),
    max: wholeNumber().optional().describe('At most this many ("up to 30"): [0, n]; with min, a range'),
    approx: wholeNumber().optional().describe('About this many ("some 50"): a documented interval around n'),
    term: TermSchema.optional().describe('A word instead of a number ("several", "dozens", "heavy losses" = many, "unknown")'),
  })
  .superRefine((c, ctx) => {
    const keys = (['exact', 'min', 'max', 'approx', 'term'] as const).filter((k) => c[k] !== undefined);
    const form = keys.join(',');
    if (!COUNT_FORMS.includes(form)) {
      ctx.addIssue({
        code: 'custom',
        message:
          keys.length === 0
            ? 'must give one count form: {exact}, {min}, {max}, {min, max}, {approx} or {term}'
            : `must be exactly one count form ({exact}, {min}, {max}, {min, max}, {approx} or {term}), not {${keys.join(', ')}}`,
      });
    } else if (c.min !== undefined && c.max !== undefined && c.min > c.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be ≥ min (${c.min})` });
    }
  });

export const IncidentSchema = z.strictObject({
  key: name()
    .refine((s) => s === s.trim(), { error: 'must not start or end with white space' })
    .optional()
    .describe('A stable id you choose for the incident; claims with one key are one incident'),
  title: text().optional().describe('A short title'),
  country: z
    .string()
    .refine((s) => ISO_COUNTRIES.has(s), { error: 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. ML' })
    .describe('ISO 3166-1 alpha-2 code of the country, in capitals (ML)'),
  location: text().optional().describe('The place as written; spellings are folded by the gazetteer (Tinzaouaten, Tin Zaouatène)'),
  admin1: text().optional().describe('The first-level administrative region (Kidal)'),
  lat: z.number().min(-90, { error: 'must be between -90 and 90' }).max(90, { error: 'must be between -90 and 90' }).optional().describe('Latitude in decimal degrees (WGS 84)'),
  lon: z.number().min(-180, { error: 'must be between -180 and 180' }).max(180, { error: 'must be between -180 and 180' }).optional().describe('Longitude in decimal degrees (WGS 84)'),
  startDate: partialDate().describe('YYYY-MM-DD or YYYY-MM; not after tomorrow (UTC)'),
  endDate: partialDate().optional().describe('YYYY-MM-DD or YYYY-MM, not before startDate'),
});

export const SourceSchema = z.strictObject({
  url: text()
    .refine((s) => /^https?:\/\/\S+$/i.test(s) && URL.canParse(s), { error: 'must be an http(s) URL' })
    .optional()
    .describe('Where the statement was read: an http(s) URL'),
  publisher: text().optional().describe('Who published the source (AFP, RFI, the army\'s page)'),
  title: text().optional().describe('The title of the article or statement'),
  publishedAt: dateOrDateTime().optional().describe('When the source was published: YYYY-MM-DD or an ISO 8601 date-time'),
  excerpt: text(LIMITS.maxExcerpt).optional().describe('The words of the source that carry the claim'),
});

export const FigureSchema = z.strictObject({
  party: name().describe('Whose casualties, as reported ("Malian troops", "civilians"), or "unspecified"'),
  partyKind: ActorKindSchema.optional().describe('The kind of the party, for a name the registry does not know'),
  outcome: OutcomeSchema.describe('killed, wounded, captured, missing, killed_or_wounded or killed_or_captured ("neutralised")'),
  count: CountSchema.describe('Exactly one form: {"exact": n}, {"min": n}, {"max": n}, {"min": a, "max": b}, {"approx": n} or {"term": t}'),
  wording: text().optional().describe('The exact words, kept verbatim'),
});

export const ClaimSchema = z.strictObject({
  incident: IncidentSchema.describe('The incident the statement is about'),
  claimant: ActorRefSchema.describe('Who made the statement'),
  via: z
    .array(ActorRefSchema)
    .max(LIMITS.maxVia, { error: `must list at most ${LIMITS.maxVia} relays` })
    .optional()
    .describe('The relay chain, nearest to the claimant first (JNIM → SITE → AFP)'),
  statedAt: dateOrDateTime().describe('When the claimant made the statement: a date, or a date-time with an offset; not before incident.startDate'),
  source: SourceSchema.optional().describe('Where the statement was read'),
  figures: z
    .array(FigureSchema)
    .min(1, { error: 'must hold at least one figure' })
    .max(LIMITS.maxFigures, { error: `must hold at most ${LIMITS.maxFigures} figures` })
    .describe('At least one; at most one per (party, outcome)'),
});

type ParsedClaim = z.infer<typeof ClaimSchema>;
export type ActorRef = { name: string; kind: ActorKind };
export type Figure = Omit<ParsedClaim['figures'][number], 'count' | 'outcome'> & { outcome: Outcome; count: Count };
/** A valid claim, exactly as submitted (CONTRACT.md section 1). */
export type Claim = Omit<ParsedClaim, 'figures'> & { figures: Figure[] };
export type IncidentInput = Claim['incident'];
export type Source = NonNullable<Claim['source']>;

/** One reason a submission was rejected: the field path and what is wrong with it. */
export interface FieldError {
  path: string;
  message: string;
}

export type Validation = { ok: true; claim: Claim } | { ok: false; errors: FieldError[] };

/** `['figures', 0, 'count']` → `figures[0].count`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out.length === 0 ? String(p) : `.${String(p)}`;
  }
  return out.length === 0 ? '(root)' : out;
}

/** Whether the submitted value has something at `path` (zod does not say whether a field was absent). */
function present(input: unknown, path: readonly PropertyKey[]): boolean {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, p)) return false;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v !== undefined;
}

const COUNT_KEYS = new Set(['exact', 'min', 'max', 'approx', 'term']);
const COUNT_EXAMPLE = 'an object such as {"exact": 50}, {"approx": 50} or {"min": 50}';

/** The message for a key that is not a field where it stands: a count form is named as one. */
function unknownKeyMessage(path: readonly PropertyKey[], key: string): string {
  if (!COUNT_KEYS.has(key)) return 'is not a field of a claim';
  const at = path.length === 0 ? 'a figure' : formatPath(path);
  return `is a count form: put it inside the figure's count, e.g. "count": {"${key}": …} (not directly in ${at})`;
}

function zodErrors(input: unknown, error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key]), message: unknownKeyMessage(issue.path, key) });
    } else if (issue.code === 'invalid_type' && issue.path.at(-1) === 'count' && present(input, issue.path)) {
      // "count": "about 50" — say what a count looks like.
      out.push({ path: formatPath(issue.path), message: `count must be ${COUNT_EXAMPLE}` });
    } else if (issue.code === 'invalid_type' && !present(input, issue.path)) {
      out.push({ path: formatPath(issue.path), message: 'is required' });
    } else {
      out.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return out;
}

/**
 * Validates one submitted claim: its shape (every count form and limit), then the rules across
 * fields. `partyKey` maps a party name to its canonical actor, so that "FAMa" and "Malian troops"
 * in one claim count as one party; without it, names are compared as written.
 */
export interface ValidateOptions {
  /**
   * The last epoch day a date may fall on (today in UTC plus one day, from the caller's clock): a
   * statedAt, source.publishedAt or incident date after it is rejected. Absent: no such check.
   */
  latestDay?: number;
}

/** The latest day a claim's dates may name: today (UTC) plus one day, for a clock in milliseconds. */
export const latestDayFor = (nowMs: number): number => Math.floor(nowMs / 86_400_000) + 1;

export function validateClaim(
  input: unknown,
  partyKey: (name: string, at?: { country: string; day: number }) => string = (n) => n,
  options: ValidateOptions = {},
): Validation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '(root)', message: 'must be a JSON object (one claim)' }] };
  }
  const parsed = ClaimSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(input, parsed.error) };
  const claim = parsed.data as Claim;
  const errors: FieldError[] = [];
  const { incident } = claim;
  if (incident.endDate !== undefined && dayRange(incident.endDate).last < dayRange(incident.startDate).first) {
    errors.push({ path: 'incident.endDate', message: `must not be before incident.startDate (${incident.startDate})` });
  }
  if (epochDay(claim.statedAt) < dayRange(incident.startDate).first) {
    errors.push({ path: 'statedAt', message: `must not be before incident.startDate (${incident.startDate})` });
  }
  if (options.latestDay !== undefined) {
    const latest = options.latestDay;
    const until = new Date(latest * 86_400_000).toISOString().slice(0, 10);
    const future = (path: string, first: number) => {
      if (first > latest) errors.push({ path, message: `must not be in the future (after ${until}, today in UTC plus one day)` });
    };
    future('statedAt', epochDay(claim.statedAt));
    if (claim.source?.publishedAt !== undefined) future('source.publishedAt', epochDay(claim.source.publishedAt));
    future('incident.startDate', dayRange(incident.startDate).first);
    if (incident.endDate !== undefined) future('incident.endDate', dayRange(incident.endDate).first);
  }
  const seen = new Map<string, number>();
  const at = { country: incident.country, day: dayRange(incident.startDate).first };
  claim.figures.forEach((f, i) => {
    const k = `${partyKey(f.party, at)}\u0000${f.outcome}`;
    const first = seen.get(k);
    if (first !== undefined) {
      errors.push({
        path: `figures[${i}]`,
        message: `repeats party "${f.party}" with outcome ${f.outcome} (already given in figures[${first}]); give one figure per party and outcome`,
      });
    } else seen.set(k, i);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, claim };
}

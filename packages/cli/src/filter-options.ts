/** The incident filters that `recon incidents` and `recon export` share: options, parsing and help lines. */
import type { IncidentFilter } from './api-client.js';
import { flagOption, patternOption, stringOption, type ParsedArgs } from './cli-args.js';

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const COUNTRY = /^[A-Za-z]{2}$/;

export type FilterOptions = Omit<IncidentFilter, 'limit' | 'offset'>;

export const FILTER_OPTIONS = {
  country: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  q: { type: 'string' },
  disputed: { type: 'boolean' },
  'needs-review': { type: 'boolean' },
} as const;

export const FILTER_USAGE = `  --country CC    only this country (ISO 3166-1 alpha-2, e.g. ML)
  --from DATE     only incidents from this date (YYYY-MM-DD or YYYY-MM)
  --to DATE       only incidents up to this date
  --q TEXT        only incidents whose key, title or location contains TEXT
  --disputed      only incidents with at least one disputed cell
  --needs-review  only incidents marked for review (a claim that fits several incidents)`;

/** Only the filters that were given: the API's defaults apply to the rest. */
export function filterOptions(args: ParsedArgs): FilterOptions {
  return Object.fromEntries(
    Object.entries({
      country: patternOption(args, 'country', COUNTRY, 'a two-letter country code such as ML')?.toUpperCase(),
      from: patternOption(args, 'from', DATE, 'a date YYYY-MM-DD or YYYY-MM'),
      to: patternOption(args, 'to', DATE, 'a date YYYY-MM-DD or YYYY-MM'),
      q: stringOption(args, 'q'),
      disputed: flagOption(args, 'disputed') || undefined,
      needsReview: flagOption(args, 'needs-review') || undefined,
    }).filter(([, v]) => v !== undefined),
  ) as FilterOptions;
}

/** How counts and ranges read in text output. */
import { boundsText, rangeText, type Count, type Range } from '@recon/domain';

/** A count as it was stated: `exact 50`, `≥ 20`, `≤ 5`, `12–20`, `≈ 500`, `term scores`. */
export function formatCount(count: Count): string {
  if ('exact' in count) return `exact ${count.exact}`;
  if ('approx' in count) return `≈ ${count.approx}`;
  if ('term' in count) return `term ${count.term}`;
  if ('min' in count && 'max' in count) return `${count.min}–${count.max}`;
  if ('min' in count) return `≥ ${count.min}`;
  if ('max' in count) return `≤ ${count.max}`;
  return JSON.stringify(count);
}

/** A range: `20–84`, `84` when low equals high, `50+` when open, `unquantified` when null. */
export function formatRange(range: Range | null | undefined): string {
  return rangeText(range ?? null);
}

/** Bounds that may be missing (a claimant's unquantified sum) as a range. */
export const formatBounds = boundsText;


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

/** The count forms a draft or claim may carry, read loosely (the contract's schema types each form as optional). */
export interface LooseCount {
  exact?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  approx?: number | undefined;
  term?: string | undefined;
}

/** A count in words, as an analyst would say it: `exactly 12`, `at least 20`, `up to 5`, `12 to 20`, `about 500`, `dozens`. */
export function countWords(count: Count | LooseCount): string {
  const c = count as LooseCount;
  if (c.exact !== undefined) return `exactly ${c.exact}`;
  if (c.approx !== undefined) return `about ${c.approx}`;
  if (c.term !== undefined) return c.term.replace(/_/g, ' ');
  if (c.min !== undefined && c.max !== undefined) return `${c.min} to ${c.max}`;
  if (c.min !== undefined) return `at least ${c.min}`;
  if (c.max !== undefined) return `up to ${c.max}`;
  return JSON.stringify(count);
}

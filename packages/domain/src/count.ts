import type { Term } from './vocab.js';

/** A count as a claimant stated it: exactly one form (CONTRACT.md section 1). */
export type Count =
  | { exact: number }
  | { min: number }
  | { max: number }
  | { min: number; max: number }
  | { approx: number }
  | { term: Term };

/**
 * The interval the reconciler uses for a count. `high === null` means open ("at least `low`").
 * Unquantified counts (`many`, `unknown`) have no bounds at all.
 */
export type Interval =
  | { quantified: true; low: number; high: number | null }
  | { quantified: false; low: null; high: null };

const TERM_INTERVALS: Record<Term, [number, number | null] | null> = {
  a_few: [2, 5],
  several: [3, 9],
  dozens: [24, null],
  scores: [40, null],
  hundreds: [200, null],
  thousands: [2000, null],
  many: null,
  unknown: null,
};

const UNQUANTIFIED: Interval = { quantified: false, low: null, high: null };

export function intervalOf(count: Count): Interval {
  if ('exact' in count) return { quantified: true, low: count.exact, high: count.exact };
  if ('approx' in count) {
    // Integer arithmetic, exact for every safe integer: in floating point 1.1 * 388940 is
    // 427834.00000000006, and ceil would give 427835. With n = 10q + r: 0.9n = 9q + 0.9r, 1.1n = 11q + 1.1r.
    const n = count.approx;
    const q = Math.floor(n / 10);
    const r = n - 10 * q;
    return { quantified: true, low: 9 * q + Math.floor((9 * r) / 10), high: 11 * q + Math.ceil((11 * r) / 10) };
  }
  if ('term' in count) {
    const t = TERM_INTERVALS[count.term];
    return t ? { quantified: true, low: t[0], high: t[1] } : UNQUANTIFIED;
  }
  const min = 'min' in count ? count.min : undefined;
  const max = 'max' in count ? count.max : undefined;
  if (min !== undefined) return { quantified: true, low: min, high: max ?? null };
  return { quantified: true, low: 0, high: max ?? 0 };
}

/** A range of figures; `highOpen` when the largest figure is itself an open "at least". */
export interface Range {
  low: number;
  high: number;
  highOpen: boolean;
}

type Bounded = { low: number; high: number | null };

/**
 * The range over quantified intervals (CONTRACT.md section 4): `low` is the smallest lower bound,
 * `high` the largest of (upper bound, or lower bound where the upper is open); `highOpen` when an
 * open interval reaches that largest figure. `null` for no intervals.
 */
export function rangeOf(intervals: readonly Bounded[]): Range | null {
  if (intervals.length === 0) return null;
  let low = Infinity;
  let high = -Infinity;
  let highOpen = false;
  for (const i of intervals) {
    if (i.low < low) low = i.low;
    const top = i.high ?? i.low;
    const open = i.high === null;
    if (top > high) {
      high = top;
      highOpen = open;
    } else if (top === high && open) {
      highOpen = true;
    }
  }
  return { low, high, highOpen };
}

/** The common part of all intervals, or `null` when they share no point. */
export function intersectionOf(intervals: readonly Bounded[]): { low: number; high: number | null } | null {
  if (intervals.length === 0) return null;
  let low = -Infinity;
  let high: number | null = null;
  for (const i of intervals) {
    if (i.low > low) low = i.low;
    if (i.high !== null && (high === null || i.high < high)) high = i.high;
  }
  if (high !== null && low > high) return null;
  return { low, high };
}

/** Interval sum: bounds add, and the sum is open when any term is. */
export function sumOf(intervals: readonly Bounded[]): { low: number; high: number | null } {
  let low = 0;
  let high: number | null = 0;
  for (const i of intervals) {
    low += i.low;
    high = high === null || i.high === null ? null : high + i.high;
  }
  return { low, high };
}

/** A count's forms as a schema reads them (each optional), for text about counts from either side of the API. */
export interface CountFields {
  exact?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  approx?: number | undefined;
  term?: string | undefined;
}

/** A count as the claimant stated it, in words: `50`, `at least 12`, `up to 5`, `12–20`, `about 500`, `dozens`. */
export function countText(count: Count | CountFields): string {
  const c = count as CountFields;
  if (c.exact !== undefined) return String(c.exact);
  if (c.approx !== undefined) return `about ${c.approx}`;
  if (c.term !== undefined) return c.term.replace(/_/g, ' ');
  if (c.min !== undefined && c.max !== undefined) return `${c.min}–${c.max}`;
  if (c.min !== undefined) return `at least ${c.min}`;
  if (c.max !== undefined) return `up to ${c.max}`;
  return JSON.stringify(count);
}

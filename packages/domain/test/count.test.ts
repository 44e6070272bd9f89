import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { intersectionOf, intervalOf, MAX_COUNT, rangeOf, sumOf, TERMS, type Count, type Interval } from '../src/index.js';

type Bounded = { low: number; high: number | null };

const q = (low: number, high: number | null): Interval => ({ quantified: true, low, high });
const UNQUANTIFIED: Interval = { quantified: false, low: null, high: null };

/** An interval as the reconciler sees it: closed [low, high] or open [low, ∞). */
const boundedArb: fc.Arbitrary<Bounded> = fc.oneof(
  fc.tuple(fc.nat(200), fc.nat(200)).map(([a, b]) => ({ low: Math.min(a, b), high: Math.max(a, b) })),
  fc.nat(200).map((low) => ({ low, high: null })),
);

const contains = (i: Bounded, x: number): boolean => x >= i.low && (i.high === null || x <= i.high);

describe('intervalOf: the table of CONTRACT.md section 1', () => {
  it.each<[string, Count, Interval]>([
    ['exact 14', { exact: 14 }, q(14, 14)],
    ['exact 0 (a denial)', { exact: 0 }, q(0, 0)],
    ['min 91 ("more than 90")', { min: 91 }, q(91, null)],
    ['min 0', { min: 0 }, q(0, null)],
    ['max 30 ("up to 30")', { max: 30 }, q(0, 30)],
    ['max 0', { max: 0 }, q(0, 0)],
    ['min 25, max 82 ("25–82")', { min: 25, max: 82 }, q(25, 82)],
    ['min 7, max 7', { min: 7, max: 7 }, q(7, 7)],
    ['approx 10', { approx: 10 }, q(9, 11)],
    ['approx 25', { approx: 25 }, q(22, 28)],
    ['approx 0', { approx: 0 }, q(0, 0)],
    ['approx 1', { approx: 1 }, q(0, 2)],
    ['approx 3', { approx: 3 }, q(2, 4)],
    ['term a_few', { term: 'a_few' }, q(2, 5)],
    ['term several', { term: 'several' }, q(3, 9)],
    ['term dozens', { term: 'dozens' }, q(24, null)],
    ['term scores', { term: 'scores' }, q(40, null)],
    ['term hundreds', { term: 'hundreds' }, q(200, null)],
    ['term thousands', { term: 'thousands' }, q(2000, null)],
    ['term many (unquantified)', { term: 'many' }, UNQUANTIFIED],
    ['term unknown (unquantified)', { term: 'unknown' }, UNQUANTIFIED],
  ])('%s', (_label, count, expected) => {
    expect(intervalOf(count)).toEqual(expected);
  });

  it('quantifies every term except many and unknown', () => {
    for (const t of TERMS) {
      expect(intervalOf({ term: t }).quantified, t).toBe(t !== 'many' && t !== 'unknown');
    }
  });

  // [floor(0.9n), ceil(1.1n)] is exact arithmetic: "about 100" is [90, 110].
  // Computed in binary floating point, 1.1 * 100 = 110.00000000000001 and ceil gives 111.
  it.each<[number, number, number]>([
    [50, 45, 55],
    [100, 90, 110],
    [200, 180, 220],
    [1000, 900, 1100],
  ])('approx %i → [%i, %i] (exact arithmetic, no floating-point rounding up)', (n, low, high) => {
    expect(intervalOf({ approx: n })).toEqual(q(low, high));
  });

  it('approx n is [floor(9n/10), ceil(11n/10)] for every n (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), (n) => {
        const expected = q(Math.floor((9 * n) / 10), Math.ceil((11 * n) / 10));
        expect(intervalOf({ approx: n })).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  // Validation accepts whole numbers up to MAX_COUNT, so the interval must be exact for all of them,
  // not only for plausible casualty counts: 11 * n loses precision in floating point above about 8e14.
  it('approx n is exact for every count validation accepts (property, BigInt reference)', () => {
    const big = fc.oneof(fc.constant(MAX_COUNT), fc.constant(999_999_999_999), fc.nat({ max: MAX_COUNT }));
    fc.assert(
      fc.property(big, (n) => {
        const i = intervalOf({ approx: n });
        expect(i.quantified).toBe(true);
        expect(String(i.low)).toBe(String((9n * BigInt(n)) / 10n));
        expect(String(i.high)).toBe(String((11n * BigInt(n) + 9n) / 10n));
      }),
      { numRuns: 200 },
    );
  });

  it('every quantified interval contains its stated figure and has low ≤ high (property)', () => {
    const countArb: fc.Arbitrary<Count> = fc.oneof(
      fc.nat(10_000).map((n) => ({ exact: n })),
      fc.nat(10_000).map((n) => ({ min: n })),
      fc.nat(10_000).map((n) => ({ max: n })),
      fc.tuple(fc.nat(10_000), fc.nat(10_000)).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
      fc.nat(10_000).map((n) => ({ approx: n })),
      fc.constantFrom(...TERMS).map((t) => ({ term: t })),
    );
    fc.assert(
      fc.property(countArb, (count) => {
        const i = intervalOf(count);
        if (!i.quantified) {
          expect(i).toEqual(UNQUANTIFIED);
          return;
        }
        expect(Number.isInteger(i.low)).toBe(true);
        expect(i.low).toBeGreaterThanOrEqual(0);
        if (i.high !== null) expect(i.high).toBeGreaterThanOrEqual(i.low);
        const stated = 'exact' in count ? count.exact : 'approx' in count ? count.approx : 'min' in count ? count.min : 'max' in count ? count.max : null;
        if (stated !== null) expect(contains(i, stated)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('rangeOf', () => {
  it('is null for no intervals', () => {
    expect(rangeOf([])).toBeNull();
  });

  it('is [n, n] for one exact figure', () => {
    expect(rangeOf([{ low: 12, high: 12 }])).toEqual({ low: 12, high: 12, highOpen: false });
  });

  it('takes the smallest low and the largest high (exact 50 + min 20 + min 1 → 1–50, closed)', () => {
    expect(rangeOf([{ low: 50, high: 50 }, { low: 20, high: null }, { low: 1, high: null }])).toEqual({ low: 1, high: 50, highOpen: false });
  });

  it('uses the lower bound of an open interval as its figure, and marks it open (exact 10 + min 20 → 10–20+)', () => {
    expect(rangeOf([{ low: 10, high: 10 }, { low: 20, high: null }])).toEqual({ low: 10, high: 20, highOpen: true });
  });

  it('is open when an open interval reaches the same largest figure as a closed one, in either order', () => {
    const expected = { low: 20, high: 20, highOpen: true };
    expect(rangeOf([{ low: 20, high: 20 }, { low: 20, high: null }])).toEqual(expected);
    expect(rangeOf([{ low: 20, high: null }, { low: 20, high: 20 }])).toEqual(expected);
  });

  it('is closed when a closed upper bound is above every open lower bound', () => {
    expect(rangeOf([{ low: 0, high: 30 }, { low: 25, high: null }])).toEqual({ low: 0, high: 30, highOpen: false });
  });

  it('is open for a single "at least"', () => {
    expect(rangeOf([{ low: 24, high: null }])).toEqual({ low: 24, high: 24, highOpen: true });
  });

  it('matches its definition and ignores order (property)', () => {
    fc.assert(
      fc.property(fc.array(boundedArb, { minLength: 1, maxLength: 8 }), (intervals) => {
        const r = rangeOf(intervals)!;
        const tops = intervals.map((i) => i.high ?? i.low);
        expect(r.low).toBe(Math.min(...intervals.map((i) => i.low)));
        expect(r.high).toBe(Math.max(...tops));
        expect(r.highOpen).toBe(intervals.some((i) => i.high === null && i.low === r.high));
        expect(r.low).toBeLessThanOrEqual(r.high);
        expect(rangeOf([...intervals].reverse())).toEqual(r);
      }),
      { numRuns: 500 },
    );
  });

  it('never narrows when an interval is added (property)', () => {
    fc.assert(
      fc.property(fc.array(boundedArb, { minLength: 1, maxLength: 6 }), boundedArb, (intervals, extra) => {
        const before = rangeOf(intervals)!;
        const after = rangeOf([...intervals, extra])!;
        expect(after.low).toBeLessThanOrEqual(before.low);
        expect(after.high).toBeGreaterThanOrEqual(before.high);
      }),
      { numRuns: 300 },
    );
  });
});

describe('intersectionOf', () => {
  it('is null for no intervals', () => {
    expect(intersectionOf([])).toBeNull();
  });

  it('is the common part of overlapping closed intervals', () => {
    expect(intersectionOf([{ low: 10, high: 20 }, { low: 15, high: 30 }])).toEqual({ low: 15, high: 20 });
  });

  it('is a single point for intervals that touch', () => {
    expect(intersectionOf([{ low: 1, high: 5 }, { low: 5, high: 9 }])).toEqual({ low: 5, high: 5 });
  });

  it('is null for disjoint intervals', () => {
    expect(intersectionOf([{ low: 2, high: 2 }, { low: 10, high: 10 }])).toBeNull();
    expect(intersectionOf([{ low: 0, high: 5 }, { low: 20, high: null }])).toBeNull();
  });

  it('stays open when every interval is open', () => {
    expect(intersectionOf([{ low: 20, high: null }, { low: 30, high: null }])).toEqual({ low: 30, high: null });
  });

  it('is closed by any closed interval', () => {
    expect(intersectionOf([{ low: 20, high: null }, { low: 10, high: 50 }])).toEqual({ low: 20, high: 50 });
  });

  it('contains exactly the points common to every interval (property)', () => {
    fc.assert(
      fc.property(fc.array(boundedArb, { minLength: 1, maxLength: 6 }), (intervals) => {
        const common = intersectionOf(intervals);
        for (let x = 0; x <= 205; x++) {
          const inAll = intervals.every((i) => contains(i, x));
          expect(common !== null && contains(common, x), `point ${x}`).toBe(inAll);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('sumOf', () => {
  it('is [0, 0] for nothing', () => {
    expect(sumOf([])).toEqual({ low: 0, high: 0 });
  });

  it('adds bounds', () => {
    expect(sumOf([{ low: 84, high: 84 }, { low: 9, high: 9 }])).toEqual({ low: 93, high: 93 });
    expect(sumOf([{ low: 2, high: 5 }, { low: 0, high: 30 }])).toEqual({ low: 2, high: 35 });
  });

  it('is open when any term is open', () => {
    expect(sumOf([{ low: 10, high: 10 }, { low: 20, high: null }])).toEqual({ low: 30, high: null });
    expect(sumOf([{ low: 20, high: null }, { low: 10, high: 10 }])).toEqual({ low: 30, high: null });
  });

  it('adds lows, adds highs unless one is open, and ignores order (property)', () => {
    fc.assert(
      fc.property(fc.array(boundedArb, { maxLength: 8 }), (intervals) => {
        const s = sumOf(intervals);
        expect(s.low).toBe(intervals.reduce((a, i) => a + i.low, 0));
        if (intervals.some((i) => i.high === null)) expect(s.high).toBeNull();
        else expect(s.high).toBe(intervals.reduce((a, i) => a + (i.high as number), 0));
        expect(sumOf([...intervals].reverse())).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { formatBounds, formatCount, formatRange } from '../src/count-text.js';

describe('formatCount', () => {
  it.each([
    [{ exact: 50 }, 'exact 50'],
    [{ exact: 0 }, 'exact 0'],
    [{ min: 20 }, '≥ 20'],
    [{ max: 5 }, '≤ 5'],
    [{ min: 12, max: 20 }, '12–20'],
    [{ approx: 500 }, '≈ 500'],
    [{ term: 'scores' }, 'term scores'],
    [{ term: 'a_few' }, 'term a_few'],
  ] as const)('%j reads %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });
});

describe('formatRange', () => {
  it('shows a span, a single figure, an open top and no figure', () => {
    expect(formatRange({ low: 20, high: 84, highOpen: false })).toBe('20–84');
    expect(formatRange({ low: 84, high: 84, highOpen: false })).toBe('84');
    expect(formatRange({ low: 50, high: 50, highOpen: true })).toBe('50+');
    expect(formatRange({ low: 20, high: 50, highOpen: true })).toBe('20–50+');
    expect(formatRange(null)).toBe('unquantified');
  });
});

describe('formatBounds', () => {
  it('reads a claimant sum, unquantified when it has no bounds', () => {
    expect(formatBounds(60, 134, false)).toBe('60–134');
    expect(formatBounds(null, null, false)).toBe('unquantified');
  });
});

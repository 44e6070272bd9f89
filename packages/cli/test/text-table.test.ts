import { describe, expect, it } from 'vitest';
import { textTable, truncate } from '../src/text-table.js';

describe('textTable', () => {
  it('pads columns to the widest cell and trims line ends', () => {
    expect(textTable([['A', 'BB'], ['ccc', 'd'], ['e']], { indent: '> ' })).toEqual(['> A    BB', '> ccc  d', '> e']);
  });

  it('measures accented text by characters and sanitizes cells onto one line', () => {
    const lines = textTable([['Ménaka', 'x'], ['a\x1b[31mb\nc', 'y']]);
    expect(lines).toEqual(['Ménaka  x', 'ab c    y']);
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('0123456789abc', 10)).toBe('012345678…');
    expect([...truncate('é'.repeat(80), 60)]).toHaveLength(60);
  });
});

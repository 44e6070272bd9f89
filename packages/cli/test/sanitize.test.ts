import { describe, expect, it } from 'vitest';
import { clean, cleanLine, toSafeJson } from '../src/sanitize.js';

describe('clean', () => {
  it('strips CSI colour sequences', () => {
    expect(clean('\x1b[31mred\x1b[0m text')).toBe('red text');
  });

  it('strips OSC sequences ended by BEL or ST', () => {
    expect(clean('a\x1b]0;title\x07b')).toBe('ab');
    expect(clean('a\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\b')).toBe('alinkb');
  });

  it('strips 8-bit CSI and other C1 controls', () => {
    expect(clean('x\x9b2Jy')).toBe('xy');
    expect(clean('x\x85y\x9cz')).toBe('xyz');
  });

  it('strips NUL, carriage return, backspace, DEL and lone escapes', () => {
    expect(clean('a\x00b\rc\x08d\x7fe\x1bcf\x1b')).toBe('abcdef');
  });

  it('keeps accents, non-Latin text, newlines and tabs', () => {
    const text = 'Tinzaouatène, Ménaka\n\tجماعة نصرة الإسلام — «≥ 20»';
    expect(clean(text)).toBe(text);
  });
});

describe('cleanLine', () => {
  it('folds newlines and tabs into spaces', () => {
    expect(cleanLine('one\ntwo\t\tthree')).toBe('one two three');
  });
});

describe('toSafeJson', () => {
  it('escapes control characters and parses back to the same value', () => {
    const value = { wording: 'a\x1b[31mb\x9bc\x7f', n: 1 };
    const json = toSafeJson(value);
    expect(json).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toContain('\n  "n": 1');
  });
});

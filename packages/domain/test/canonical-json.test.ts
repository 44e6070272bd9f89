import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, digestOf, sha256Hex } from '../src/index.js';
import { contractExampleClaim } from './helpers.js';

/** A copy of a JSON value with every object's keys in the order chosen by `order`. */
function reorderKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, order));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(order(Object.keys(obj)).map((k) => [k, reorderKeys(obj[k], order)]));
}

/** A deterministic shuffle driven by a seed (so fast-check can shrink it). */
function shuffleWith(seed: number): (keys: string[]) => string[] {
  return (keys) => {
    const a = [...keys];
    let s = seed >>> 0 || 1;
    for (let i = a.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
}

/** JSON values as JSON.parse could produce them (no undefined, no -0, finite numbers). */
const jsonValue = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const jsonObject = fc.dictionary(fc.string({ maxLength: 6 }), jsonValue, { maxKeys: 8 });

describe('canonicalJson', () => {
  it('sorts keys, recursively, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: 'x y' } })).toBe('{"a":{"c":"x y","d":[3,1,2]},"b":1}');
  });

  it('keeps array order, including arrays of objects', () => {
    expect(canonicalJson([{ z: 1, y: 2 }, 3, 'a'])).toBe('[{"y":2,"z":1},3,"a"]');
    expect(canonicalJson([3, 2, 1])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('sorts keys by code unit, not locale (capitals before lower case)', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, A: 4, _: 5 })).toBe('{"A":4,"B":2,"_":5,"a":3,"b":1}');
  });

  it('sorts keys by UTF-16 code unit, as RFC 8785 (JCS) does', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF5E by code unit
    // (and after it by code point).
    expect(canonicalJson({ '\uFF5E': 1, '\u{1F600}': 2 })).toBe('{"\u{1F600}":2,"\uFF5E":1}');
  });

  it('encodes scalars as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson('a "quoted"\nline')).toBe(JSON.stringify('a "quoted"\nline'));
    expect(canonicalJson('é')).toBe('"é"');
  });

  it('drops keys whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('encodes empty containers', () => {
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({ a: {}, b: [] })).toBe('{"a":{},"b":[]}');
  });

  it('is valid JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it('has its keys sorted at every level and no whitespace outside strings', () => {
    fc.assert(
      fc.property(jsonObject, (v) => {
        const text = canonicalJson(v);
        const check = (x: unknown): void => {
          if (Array.isArray(x)) return x.forEach(check);
          if (x === null || typeof x !== 'object') return;
          const keys = Object.keys(x);
          expect(keys).toEqual([...keys].sort());
          Object.values(x).forEach(check);
        };
        // JSON.parse keeps the text's key order for string keys (integer-like keys aside).
        const reparsed: unknown = JSON.parse(text);
        if (!JSON.stringify(reparsed).match(/"\d+":/)) check(reparsed);
        expect(text).toBe(canonicalJson(reparsed));
        // Outside of strings there is no white space.
        expect(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(/\s/);
      }),
      { numRuns: 300 },
    );
  });

  it('is invariant under key order (property)', () => {
    fc.assert(
      fc.property(jsonObject, fc.integer(), (v, seed) => {
        expect(canonicalJson(reorderKeys(v, shuffleWith(seed)))).toBe(canonicalJson(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('digestOf', () => {
  it('is the SHA-256 hex of the canonical JSON', () => {
    const v = { b: [1, 2], a: 'x' };
    expect(digestOf(v)).toBe(sha256Hex('{"a":"x","b":[1,2]}'));
    expect(digestOf(v)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches a known SHA-256 value', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is invariant under key order and whitespace of the submitted JSON text', () => {
    const claim = contractExampleClaim();
    const compact = JSON.stringify(claim);
    const pretty = JSON.stringify(reorderKeys(claim, (k) => [...k].reverse()), null, 2);
    const tabbed = JSON.stringify(reorderKeys(claim, shuffleWith(7)), null, '\t');
    const id = digestOf(JSON.parse(compact));
    expect(digestOf(JSON.parse(pretty))).toBe(id);
    expect(digestOf(JSON.parse(tabbed))).toBe(id);
    expect(digestOf(JSON.parse(`\n  ${compact.replace(/,/g, ' ,\n ')}  \r\n`))).toBe(id);
  });

  it('gives the same digest for random objects with shuffled keys and any indentation (property)', () => {
    fc.assert(
      fc.property(jsonObject, fc.integer(), fc.constantFrom(0, 1, 2, '\t', ' \n'), (v, seed, indent) => {
        const text = JSON.stringify(reorderKeys(v, shuffleWith(seed)), null, indent as string | number);
        expect(digestOf(JSON.parse(text))).toBe(digestOf(v));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a different digest for different content', () => {
    const claim = contractExampleClaim();
    const changed = contractExampleClaim();
    (changed.figures as Array<{ count: unknown }>)[0]!.count = { exact: 85 };
    expect(digestOf(changed)).not.toBe(digestOf(claim));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: '1' }));
    expect(digestOf({ a: [1, 2] })).not.toBe(digestOf({ a: [2, 1] }));
    expect(digestOf({ a: null })).not.toBe(digestOf({}));
    expect(digestOf({ 'a,b': 1 })).not.toBe(digestOf({ a: 1, b: 1 }));
  });

  it('gives different digests exactly when the canonical JSON differs (property)', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (a, b) => {
        expect(digestOf(a) === digestOf(b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 300 },
    );
  });
});

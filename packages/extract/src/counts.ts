import { MAX_COUNT, type Count } from '@recon/domain';
import type { Words } from './compiled-lexicon.js';
import type { Token } from './tokens.js';

/** A count read from the text: its contract form, where it stands, and what kind of words said it. */
export interface CountMatch {
  count: Count;
  start: number;
  /** The index after its last token. */
  end: number;
  /** Said with a number (digits or words), not a term. */
  numeric: boolean;
  /** The number itself, for matching a headline with the body. */
  value: number | null;
}

const DIGITS_GROUPED = /^\d{1,3}(?:[,. \u00A0\u202F\u2009]\d{3})+$/;

/** A number in digits or words at token `i`: "1,200", "1 200", "fourteen", "vingt-et-un", "quatre-vingt-dix". */
export function readNumber(tokens: readonly Token[], i: number, w: Words): { value: number; end: number } | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'num') {
    const value = DIGITS_GROUPED.test(t.text) ? Number(t.text.replace(/\D/g, '')) : Number(t.text.replace(',', '.'));
    // "2 million", "2.5 million", "1,5 million"
    const m = tokens[i + 1] && w.multipliers.get(tokens[i + 1]!.norm);
    if (m && m >= 1000) return { value: Math.round(value * m), end: i + 2 };
    if (!Number.isInteger(value)) return null;
    return { value, end: i + 1 };
  }
  let total = 0;
  let current = 0;
  let end = i;
  let seen = false;
  let previous = '';
  for (let k = i; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.kind !== 'word') break;
    const parts = tok.norm.split('-');
    if (!parts.every((p) => w.numbers.has(p) || w.multipliers.has(p) || (w.numberJoiners.has(p) && parts.length > 1))) {
      // "one hundred and five": a joiner between number words.
      if (seen && w.numberJoiners.has(tok.norm) && tokens[k + 1] && w.numbers.has(tokens[k + 1]!.norm.split('-')[0]!)) continue;
      break;
    }
    for (const p of parts) {
      const n = w.numbers.get(p);
      const mult = w.multipliers.get(p);
      if (n !== undefined) {
        // French "quatre-vingt(s)": four twenties.
        if (n === 20 && previous === 'quatre') current += 80 - 4;
        else current += n;
      } else if (mult !== undefined) {
        if (mult === 100) current = (current || 1) * 100;
        else {
          total += (current || 1) * mult;
          current = 0;
        }
      }
      previous = p;
    }
    seen = true;
    end = k + 1;
  }
  if (!seen) return null;
  // "un", "une", "one" alone are not read here: the caller decides whether an article counts one.
  const value = total + current;
  if (end === i + 1 && value === 1) return null;
  return { value, end };
}

const clamp = (n: number) => Math.min(Math.max(n, 0), MAX_COUNT);

/** "a dozen", "une quarantaine de": a noun of a number, exact or about. */
function readNumberNoun(tokens: readonly Token[], i: number, w: Words): { value: number; approx: boolean; end: number } | null {
  let k = i;
  let factor = 1;
  const n = readNumber(tokens, k, w);
  if (n) {
    factor = n.value;
    k = n.end;
  } else if (tokens[k] && (w.singular.has(tokens[k]!.norm) || tokens[k]!.norm === 'half')) {
    if (tokens[k]!.norm === 'half') {
      factor = 0.5;
      if (tokens[k + 1]?.norm === 'a') k++;
    }
    k++;
  }
  const noun = tokens[k]?.norm.replace(/s$/, '');
  if (noun === undefined) return null;
  const exact = w.exactNouns.get(noun) ?? w.exactNouns.get(`${noun}s`);
  const approx = w.approxNouns.get(noun) ?? w.approxNouns.get(`${noun}s`);
  const value = exact ?? approx;
  if (value === undefined || k === i && factor === 1 && !tokens[k]) return null;
  if (k === i && exact === undefined) return null;
  let end = k + 1;
  if (tokens[end] && (tokens[end]!.norm === 'of' || tokens[end]!.norm === 'de' || tokens[end]!.norm === "d'" || tokens[end]!.norm === 'd')) end++;
  return { value: Math.round(value * factor), approx: approx !== undefined, end };
}

/** A number or a number noun. */
function readAmount(tokens: readonly Token[], i: number, w: Words): { value: number; approx: boolean; end: number } | null {
  const noun = readNumberNoun(tokens, i, w);
  if (noun) return noun;
  const n = readNumber(tokens, i, w);
  if (!n) return null;
  // "deux (02)": the number again in digits, as communiqués write it.
  const echo = tokens[n.end]?.text === '(' && tokens[n.end + 1]?.kind === 'num' && Number(tokens[n.end + 1]!.text) === n.value && tokens[n.end + 2]?.text === ')';
  return { value: n.value, approx: false, end: echo ? n.end + 3 : n.end };
}

/**
 * A count at token `i`, in every form of the contract: "at least 14" → {min: 14}, "more than 90" →
 * {min: 91}, "between 10 and 30" → {min: 10, max: 30}, "some 500" → {approx: 500}, "dozens of" →
 * {term: dozens}, "an unknown number of" → {term: unknown}. A lone article ("a soldier") is not read
 * here.
 */
export function readCount(tokens: readonly Token[], i: number, w: Words): CountMatch | null {
  const t = tokens[i];
  if (!t) return null;
  const unknown = w.unknown.at(tokens, i);
  if (unknown) return { count: { term: 'unknown' }, start: i, end: unknown.end, numeric: false, value: null };

  if (t.norm === w.between[0]) {
    const a = readAmount(tokens, i + 1, w);
    if (a && tokens[a.end]?.norm === w.between[1]) {
      const b = readAmount(tokens, a.end + 1, w);
      // "between 30 and 10" says the same range as "between 10 and 30".
      if (b) return { count: { min: clamp(Math.min(a.value, b.value)), max: clamp(Math.max(a.value, b.value)) }, start: i, end: b.end, numeric: true, value: Math.max(a.value, b.value) };
    }
  }

  const bound = w.bounds.at(tokens, i);
  if (bound) {
    const a = readAmount(tokens, bound.end, w);
    if (a) {
      const v = a.value;
      const count: Count =
        bound.value === 'min' ? { min: clamp(v) }
        : bound.value === 'above' ? { min: clamp(v + 1) }
        : bound.value === 'max' ? { max: clamp(v) }
        : bound.value === 'below' ? { max: clamp(Math.max(v - 1, 0)) }
        : { approx: clamp(v) };
      return { count, start: i, end: a.end, numeric: true, value: v };
    }
  }

  const term = w.terms.at(tokens, i);
  if (term) {
    // "several hundred", "dozens of" — a term, unless a number follows ("some 500" is a bound above).
    return { count: { term: term.value }, start: i, end: term.end, numeric: false, value: null };
  }

  const a = readAmount(tokens, i, w);
  if (!a) return null;
  // "10 to 30", "10-30", "10 or 12": a range.
  const joiner = tokens[a.end];
  if (joiner && w.rangeJoiners.has(joiner.norm)) {
    const b = readAmount(tokens, a.end + 1, w);
    if (b && b.value > a.value) return { count: { min: clamp(a.value), max: clamp(b.value) }, start: i, end: b.end, numeric: true, value: b.value };
  }
  return { count: a.approx ? { approx: clamp(a.value) } : { exact: clamp(a.value) }, start: i, end: a.end, numeric: true, value: a.value };
}

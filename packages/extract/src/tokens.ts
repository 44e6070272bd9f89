import type { Language } from './types.js';

/** A word, number or mark of the text, with its place in it (UTF-16 offsets). */
export interface Token {
  text: string;
  /** Lower case, accents and curly apostrophes folded: what lexicons match against. */
  norm: string;
  start: number;
  end: number;
  kind: 'word' | 'num' | 'punct';
  /** Starts with a capital letter. */
  cap: boolean;
  /** As the registry folds names (`fold` of @recon/domain): "" for a mark. */
  fold: string;
}

/** A sentence (or a headline line) and the paragraph it stands in. */
export interface Sentence {
  index: number;
  tokens: Token[];
  start: number;
  end: number;
  paragraph: number;
  /** A line without a final stop (a title or headline): its figures are usually repeated below. */
  headline: boolean;
}

/**
 * The folded form of tokens `from` to `to` (exclusive), equal to `fold` of the text they span: marks
 * separate words, and words written together ("l'" + "armée", "group" + "’s") are joined.
 */
export function foldSpan(tokens: readonly Token[], from: number, to: number): string {
  let out = '';
  let gap = false;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.fold === '') {
      gap = true;
      continue;
    }
    if (out !== '' && (gap || t.start > tokens[k - 1]!.end)) out += ' ';
    out += t.fold;
    gap = false;
  }
  return out;
}

const ASCII = /^[\x20-\x7E]*$/;

export function normWord(s: string): string {
  // Most words of English are ASCII: no accents to take off.
  if (ASCII.test(s)) return s.toLowerCase().replace(/`/g, "'");
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’`ʼ]/g, "'");
}

// Digits with thousands groups ("1,200", "1 200", "1.200" with any space), words with inner hyphens
// and apostrophes, or any other single mark.
const TOKEN_RE = /\d{1,3}(?:(?:,|\.|[ \u00A0\u202F\u2009])\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|\S/gu;
const FRENCH_ELISION = /^(l|d|qu|n|s|j|c|m|t|jusqu|lorsqu|puisqu|presqu)(['’])(?=[\p{L}])/iu;
/** "précise-t-il", "affirme-t-elle", "disent-ils": the verb and its pronoun. */
const FRENCH_INVERSION = /-(?:t-)?(il|elle|ils|elles|on)$/iu;
const ENGLISH_POSSESSIVE = /(['’]s)$/iu;

function token(text: string, start: number): Token {
  const first = text[0] ?? '';
  const kind: Token['kind'] = /\d/.test(first) ? 'num' : /[\p{L}\p{M}]/u.test(first) ? 'word' : 'punct';
  const norm = normWord(text);
  const folded = norm.replace(/'/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return { text, norm, start, end: start + text.length, kind, cap: kind === 'word' && first !== first.toLowerCase(), fold: folded };
}

/** The text's tokens. French elisions ("l'armée") and English possessives ("group's") are split off. */
export function tokenize(text: string, language: Language): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const at = m.index;
    const elision = language === 'fr' ? FRENCH_ELISION.exec(raw) : null;
    if (elision) {
      const cut = elision[0].length;
      const article = token(raw.slice(0, cut), at);
      out.push({ ...article, norm: article.norm.replace(/'$/, '') }, token(raw.slice(cut), at + cut));
      continue;
    }
    const inverted = language === 'fr' ? FRENCH_INVERSION.exec(raw) : null;
    if (inverted && !['a', 'ont', 'est', 'sont', 'avait', 'avaient'].includes(normWord(raw.slice(0, inverted.index)))) {
      const cut = inverted.index;
      const pronoun = token(raw.slice(cut), at + cut);
      out.push(token(raw.slice(0, cut), at), { ...pronoun, norm: inverted[1]!.toLowerCase() });
      continue;
    }
    const possessive = language === 'en' && raw.length > 2 ? ENGLISH_POSSESSIVE.exec(raw) : null;
    if (possessive) {
      const cut = raw.length - 2;
      out.push(token(raw.slice(0, cut), at), token(raw.slice(cut), at + cut));
      continue;
    }
    out.push(token(raw, at));
  }
  return out;
}

const STOPS = new Set(['.', '!', '?']);
const CLOSERS = new Set(['"', '”', '»', "'", ')', '’']);
/** Words a stop follows without ending a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'lt', 'col', 'capt', 'cpt', 'maj', 'sgt', 'st', 'no', 'vs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u', 's', 'n', 'm', 'mme', 'mlle', 'me', 'art', 'p', 'cf', 'etc', 'ex',
]);

/**
 * The most tokens of a sentence (the development set's longest has 74): a text without stops is cut
 * into runs of this many, so that reading a sentence, which looks back over it from each word, stays
 * cheap however long the text.
 */
const MAX_SENTENCE_TOKENS = 200;

/**
 * Sentences: split at a stop followed by a capital, a quote or a digit, and at every line break (a
 * headline or a paragraph). A blank line, or a line break after a stop, starts a paragraph.
 */
export function sentences(text: string, tokens: Token[]): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let current: Token[] = [];
  const flush = (headline: boolean) => {
    if (current.length === 0) return;
    const first = current[0]!;
    const last = current.at(-1)!;
    out.push({ index: out.length, tokens: current, start: first.start, end: last.end, paragraph, headline });
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = current.at(-1);
    if (prev) {
      const gap = text.slice(prev.end, t.start);
      if (gap.includes('\n')) {
        const lastWord = [...current].reverse().find((x) => !CLOSERS.has(x.text));
        const ended = lastWord !== undefined && (STOPS.has(lastWord.text) || lastWord.text === ':');
        flush(!ended && current.length <= 30);
        if (/\n\s*\n/.test(gap) || ended) paragraph++;
      }
    }
    current.push(t);
    if (current.length >= MAX_SENTENCE_TOKENS) flush(false);
    else if (STOPS.has(t.text)) {
      // Take closing quotes and brackets with the stop.
      while (i + 1 < tokens.length && CLOSERS.has(tokens[i + 1]!.text) && tokens[i + 1]!.start === current.at(-1)!.end) current.push(tokens[++i]!);
      const next = tokens[i + 1];
      const before = current.at(-2);
      const abbreviation = t.text === '.' && before !== undefined && before.kind === 'word' && (ABBREVIATIONS.has(before.norm) || (before.text.length === 1 && before.cap));
      if (next && !abbreviation && (next.cap || next.kind === 'num' || /["“«‘]/.test(next.text)) && next.start > current.at(-1)!.end) flush(false);
    }
  }
  flush(current.length <= 30 && !STOPS.has(current.at(-1)?.text ?? '.'));
  return out;
}

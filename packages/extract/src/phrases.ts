import { normWord, type Token } from './tokens.js';

/** A phrase as the folded words it matches: "jusqu'à" → ["jusqu'a"]; "at least" → ["at", "least"]. */
export type Phrase = string[];

export function phrase(s: string): Phrase {
  return normWord(s)
    .replace(/\b(l|d|qu|n|s|j|c|m|t|jusqu|lorsqu|puisqu|presqu)'/g, '$1 ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** A list of phrases with a value each, matched longest first. */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, Array<{ words: Phrase; value: V }>>();

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [s, value] of entries) {
      const words = phrase(s);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, value });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(words[0]!, list);
    }
  }

  static of(words: Iterable<string>): PhraseTable<true> {
    return new PhraseTable([...words].map((w) => [w, true] as const));
  }

  /** The longest phrase starting at token `i`: its value and the index after it. */
  at(tokens: readonly Token[], i: number): { value: V; end: number } | null {
    const t = tokens[i];
    if (!t) return null;
    const list = this.byFirst.get(t.norm);
    if (!list) return null;
    for (const { words, value } of list) {
      if (i + words.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < words.length; k++) {
        if (tokens[i + k]!.norm !== words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return { value, end: i + words.length };
    }
    return null;
  }

  /** The longest phrase ending just before token `end` (exclusive): its value and its first index. */
  endingAt(tokens: readonly Token[], end: number): { value: V; start: number } | null {
    let best: { value: V; start: number } | null = null;
    for (let start = end - 1; start >= Math.max(0, end - 8); start--) {
      const m = this.at(tokens, start);
      if (m && m.end === end) best = { value: m.value, start };
    }
    return best;
  }

  has(tokens: readonly Token[], i: number): boolean {
    return this.at(tokens, i) !== null;
  }
}

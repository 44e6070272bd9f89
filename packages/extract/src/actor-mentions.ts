import { fold, type Actor, type ActorContext, type ActorRegistry } from '@recon/domain';
import { foldSpan, type Token } from './tokens.js';

/** Actors a name stands for without saying which ("terrorists", "civilians"): a named one is preferred. */
export const GENERIC_ACTORS = new Set(['unidentified-militants', 'civilians', 'unspecified']);

/** A registry name found in the text: tokens `start` to `end` (exclusive). */
export interface Mention {
  start: number;
  end: number;
  actor: Actor;
  /** The words as written. */
  text: string;
}

const MAX_WORDS = 12;

/**
 * Finds the registry's names in a run of tokens, longest first. Only tokens that begin some alias
 * are tried, so a long article costs a few lookups per word.
 */
export class ActorMentions {
  private readonly firstWords = new Set<string>();
  /** Every alias's first words ("al", "al qaida"), and the first letters of its spaceless form: a span that is neither cannot grow into a name. */
  private readonly prefixes = new Set<string>();
  private readonly tightPrefixes = new Set<string>();
  /** Aliases written in capitals ("UN", "SITE", "AP"): in lower case they are other words ("un", "site"). */
  private readonly acronyms = new Set<string>();

  constructor(
    private readonly registry: ActorRegistry,
    private readonly at: ActorContext | undefined,
    /** Words of the language that are never a name on their own ("un", "a", "on"). */
    private readonly common: ReadonlySet<string> = new Set(),
  ) {
    for (const { alias } of registry.aliases()) {
      const words = fold(alias).split(' ');
      const first = words[0];
      if (first) this.firstWords.add(first);
      for (let n = 1; n <= words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
      const tight = words.join('');
      for (let n = 1; n <= tight.length; n++) this.tightPrefixes.add(tight.slice(0, n));
      if (/\p{L}/u.test(alias) && alias === alias.toUpperCase()) this.acronyms.add(fold(alias));
    }
  }

  private readonly cache = new Map<string, Actor | null>();

  lookup(name: string): Actor | undefined {
    const folded = fold(name);
    if (this.common.has(folded) && name !== name.toUpperCase()) return undefined;
    return this.lookupFolded(folded);
  }

  private lookupFolded(folded: string): Actor | undefined {
    let hit = this.cache.get(folded);
    if (hit === undefined) {
      hit = this.registry.lookupFolded(folded, this.at) ?? null;
      this.cache.set(folded, hit);
    }
    return hit ?? undefined;
  }

  /**
   * The longest name found at each token of a run of tokens, with no limit but the run's end: the same
   * sentence is searched many times (for every say-verb, figure and speaker in it), so each start is
   * looked up once.
   */
  private readonly found = new WeakMap<readonly Token[], { text: string; at: (Mention | null | undefined)[] }>();

  /** The longest registry name starting at token `i` (and ending before `limit`). */
  at_(text: string, tokens: readonly Token[], i: number, limit = tokens.length): Mention | null {
    let memo = this.found.get(tokens);
    if (!memo || memo.text !== text) {
      memo = { text, at: [] };
      this.found.set(tokens, memo);
    }
    let longest = memo.at[i];
    if (longest === undefined) {
      longest = this.search(text, tokens, i, tokens.length);
      memo.at[i] = longest;
    }
    // The longest name within a shorter run is the same one when it fits; none at all means none there.
    if (longest === null || longest.end <= limit) return longest;
    return this.search(text, tokens, i, limit);
  }

  private search(text: string, tokens: readonly Token[], i: number, limit: number): Mention | null {
    const t = tokens[i];
    if (!t || t.kind === 'punct') return null;
    const first = t.fold.split(' ')[0];
    if (!first || !this.firstWords.has(first)) return null;
    // The longest name: spans grow while they can still become one.
    let best: Mention | null = null;
    for (let end = i + 1; end <= Math.min(limit, i + MAX_WORDS); end++) {
      const folded = foldSpan(tokens, i, end);
      if (!this.prefixes.has(folded) && !this.tightPrefixes.has(folded.replace(/ /g, ''))) break;
      const last = tokens[end - 1]!;
      if (last.kind === 'punct' && (last.text !== ')' || !tokens.slice(i, end - 1).some((x) => x.text === '('))) continue;
      if (end === i + 1 && this.common.has(folded) && t.text !== t.text.toUpperCase()) continue;
      if (end === i + 1 && t.text === t.text.toLowerCase() && this.acronyms.has(folded)) continue;
      const actor = this.lookupFolded(folded);
      if (actor) best = { start: i, end, actor, text: text.slice(t.start, last.end) };
    }
    return best;
  }

  /** Every registry name in tokens `from` to `to` (exclusive), left to right, not overlapping. */
  all(text: string, tokens: readonly Token[], from: number, to: number): Mention[] {
    const out: Mention[] = [];
    for (let i = from; i < to; i++) {
      const m = this.at_(text, tokens, i, to);
      if (m) {
        out.push(m);
        i = m.end - 1;
      }
    }
    return out;
  }
}

import { fold, type Actor, type ActorContext, type ActorRegistry, type Gazetteer } from '@recon/domain';
import { ActorMentions, GENERIC_ACTORS, type Mention } from './actor-mentions.js';
import type { Words } from './compiled-lexicon.js';
import { foldSpan, sentences, tokenize, type Sentence, type Token } from './tokens.js';
import type { Language } from './types.js';

/** Lower-case words inside personal names ("Ali Ag Wadossene", "Mohamed el Mrabat"). */
const NAME_PARTICLES = new Set(['ag', 'al', 'el', 'ould', 'ben', 'bin', 'ibn', 'abou', 'abu', 'ou', 'dit', 'wa', 'ul']);
/** Generic heads of a descriptor ("an al Qaeda affiliate"): what remains says which group. */
const DESCRIPTOR_HEADS = new Set([
  'group', 'groups', 'branch', 'affiliate', 'faction', 'force', 'forces', 'organisation', 'organization', 'movement', 'coalition', 'alliance',
  'groupe', 'branche', 'mouvement', 'filiale', 'coalition', 'a', 'an', 'the', 'un', 'une', 'le', 'la', 'of', 'de', 'linked', 'lie', 'liee', 'affilie',
  'affiliated', 'allied', 'with', 'to', 'au', 'a', 'its', 'son', 'sa', 'local', 'sahel', 'regional',
]);

/** What the extractor knows of one article while reading it: its words, sentences and people. */
export class Article {
  readonly tokens: Token[];
  readonly sentences: Sentence[];
  readonly mentions: ActorMentions;
  /** Surnames and full names of people → the actor they belong to or speak for. */
  readonly persons = new Map<string, Actor>();
  /** The most words of a name in `persons`. */
  private longestPerson = 0;
  /** Descriptors set beside a name ("JNIM, an al Qaeda affiliate") → that actor. */
  readonly descriptors: Array<{ words: Set<string>; actor: Actor }> = [];

  constructor(
    readonly text: string,
    readonly language: Language,
    readonly w: Words,
    readonly registry: ActorRegistry,
    readonly gazetteer: Gazetteer,
    readonly country: string,
    readonly at: ActorContext | undefined,
    tokens?: Token[],
  ) {
    this.tokens = tokens ?? tokenize(text, language);
    this.sentences = sentences(text, this.tokens);
    this.mentions = new ActorMentions(registry, at, new Set([...w.functionWords, ...w.singular, 'on', 'a', 'an', 'the']));
    for (const s of this.sentences) this.learnPeople(s);
  }

  words(s: Sentence, from: number, to: number): string {
    const a = s.tokens[from];
    const b = s.tokens[to - 1];
    return a && b && to > from ? this.text.slice(a.start, b.end) : '';
  }

  /** A run of capitalised words (a personal name) starting at `i`: its end, or `i` for none. */
  nameEnd(s: Sentence, i: number): number {
    let k = i;
    const tokens = s.tokens;
    while (k < tokens.length) {
      const t = tokens[k]!;
      if (t.kind === 'word' && t.cap && !this.w.months.has(t.norm) && !this.w.weekdays.has(t.norm)) k++;
      else if (k > i && t.kind === 'word' && NAME_PARTICLES.has(t.norm) && tokens[k + 1]?.cap) k++;
      else break;
    }
    return k;
  }

  /** The actor a personal name belongs to, from what the article said of that person. */
  person(s: Sentence, from: number, to: number): Actor | undefined {
    // Only tails about as long as the longest name remembered (marks inside a tail fold away, hence
    // twice): a long phrase is not folded tail by tail.
    for (let k = Math.max(from, to - 2 * this.longestPerson); k < to; k++) {
      const hit = this.persons.get(foldSpan(s.tokens, k, to));
      if (hit) return hit;
    }
    return undefined;
  }

  private remember(s: Sentence, from: number, to: number, actor: Actor): void {
    if (to <= from) return;
    // Every tail of the name: "Abdelmalek Droukdel" is also "Droukdel".
    for (let k = from; k < to; k++) {
      const name = foldSpan(s.tokens, k, to);
      if (this.w.heads.has(s.tokens, k) || this.w.nationalities.has(s.tokens[k]!.norm)) continue;
      if (name.length >= 3 && !this.w.functionWords.has(name) && !this.persons.has(name)) {
        this.persons.set(name, actor);
        this.longestPerson = Math.max(this.longestPerson, to - k);
      }
    }
  }

  /**
   * People and descriptors, before any figure is read: "AQIM commander Ali Ag Wadossene",
   * "the leader of AQIM, Algerian Abdelmalek Droukdel", "Abou Zeid and Belmokhtar were leaders of
   * AQIM", "French journalist Ghislaine Dupont", "JNIM, an al Qaeda affiliate".
   */
  private learnPeople(s: Sentence): void {
    const tokens = s.tokens;
    const found = this.mentions.all(this.text, tokens, 0, tokens.length);
    for (const m of found) {
      // ACTOR [role] [Nationality] Name, or ACTOR, [the role of …,] Name
      let k = skipParenthesis(tokens, m.end);
      while (tokens[k] && (tokens[k]!.text === ')' || tokens[k]!.text === ',')) k++;
      while (tokens[k] && this.w.heads.at(tokens, k)?.value === 'role') k = this.w.heads.at(tokens, k)!.end;
      while (tokens[k] && this.w.nationalities.has(tokens[k]!.norm.replace(/s$/, '')) && tokens[k]!.cap) k++;
      const end = this.nameEnd(s, k);
      if (end > k && !this.mentions.at_(this.text, tokens, k, end)) this.remember(s, k, end, m.actor);
      // ACTOR, a/an DESCRIPTOR (up to the next comma)
      let d = m.end;
      while (tokens[d]?.text === ')' || tokens[d]?.text === '(' || (tokens[d] && tokens[d]!.kind !== 'punct' && d < m.end + 3 && tokens[d - 1]?.text === '(')) d++;
      if (tokens[d]?.text === ',' && tokens[d + 1] && this.w.singular.has(tokens[d + 1]!.norm) && GENERIC_ACTORS.has(m.actor.id) === false) {
        // An apposition: "JNIM, an al Qaeda affiliate," — closed by a comma, a stop or a bracket, with no verb in it.
        const words = new Set<string>();
        let closed = false;
        for (let j = d + 2; j < tokens.length && j < d + 10; j++) {
          const t = tokens[j]!;
          if (t.kind === 'punct') {
            closed = [',', '.', ')', ';', '—'].includes(t.text);
            break;
          }
          if (this.w.sayVerbs.has(tokens, j) || this.w.claimVerbs.has(t.norm) || this.w.auxiliaries.has(t.norm) || this.w.active.has(tokens, j) || t.kind === 'num') break;
          for (const part of fold(t.text).split(' ')) if (!DESCRIPTOR_HEADS.has(part)) words.add(part);
        }
        if (!closed) continue;
        if (words.size > 0) this.descriptors.push({ words, actor: m.actor });
      }
    }
    // Name(s) (was|were) … (leader|commander|…) of ACTOR; Name, … (cadre|leader) in/of ACTOR
    for (let i = 0; i < tokens.length; i++) {
      const end = this.nameEnd(s, i);
      if (end === i) continue;
      if (i === 0 && (this.w.functionWords.has(tokens[0]!.norm) || this.w.determiners.has(tokens, 0))) continue;
      if (this.mentions.at_(this.text, tokens, i, end)) {
        i = end - 1;
        continue;
      }
      const names: Array<[number, number]> = [[i, end]];
      let k = end;
      // "Abou Zeid and Belmokhtar"
      while (tokens[k] && (tokens[k]!.norm === 'and' || tokens[k]!.norm === 'et') && this.nameEnd(s, k + 1) > k + 1) {
        names.push([k + 1, this.nameEnd(s, k + 1)]);
        k = this.nameEnd(s, k + 1);
      }
      for (let j = k; j < Math.min(tokens.length, k + 16); j++) {
        // "Moussa Ag Elkhalil, porte-parole du FLA": an official speaks for the body named after the title.
        const official = j <= k + 1 ? this.w.officials.at(tokens, j) : null;
        const head = this.w.heads.at(tokens, j) ?? (official ? { end: official.end, value: 'role' as const } : null);
        if (head?.value === 'role' || head?.value === 'civilians') {
          const after = tokens[head.end];
          const linked = after && ['of', 'in', 'de', 'du', 'des', 'au', 'within', 'for', 'at', 'with'].includes(after.norm);
          if (linked) {
            for (let q = head.end + 1; q < Math.min(tokens.length, head.end + 5); q++) {
              const m = this.mentions.at_(this.text, tokens, q);
              if (m && !GENERIC_ACTORS.has(m.actor.id)) {
                for (const [a, b] of names) this.remember(s, a, b, m.actor);
                break;
              }
            }
          }
        }
        if (tokens[j]!.text === '.' || tokens[j]!.text === ';') break;
      }
      // "French journalist Ghislaine Dupont", "French prisoner Serge Lazarevic": a civilian's title before the name.
      const before = tokens[i - 1];
      if (before && this.w.heads.at(tokens, i - 1)?.value === 'civilians') {
        const civilians = this.registry.lookup('civilians', this.at);
        if (civilians) this.remember(s, i, end, civilians);
      }
      i = end - 1;
    }
  }

  /** An actor a descriptor phrase stands for ("an al Qaeda group" → JNIM, from "JNIM, an al Qaeda affiliate"). */
  describe(words: string): Actor | undefined {
    const parts = fold(words).split(' ').filter((p) => p.length > 0 && !DESCRIPTOR_HEADS.has(p));
    if (parts.length === 0) return undefined;
    for (const d of this.descriptors) if (parts.every((p) => d.words.has(p))) return d.actor;
    return undefined;
  }

  /** A place of the gazetteer in a run of tokens: the first known one. */
  place(s: Sentence, from = 0, to = s.tokens.length): { name: string; country: string } | null {
    const tokens = s.tokens;
    for (let i = from; i < to; i++) {
      if (!tokens[i]!.cap) continue;
      for (let end = Math.min(to, i + 4); end > i; end--) {
        if (tokens[end - 1]!.kind !== 'word') continue;
        const words = this.words(s, i, end);
        for (const country of [this.country, 'ML', 'BF', 'NE', 'DZ', 'MR', 'TD']) {
          const p = this.gazetteer.resolve(country, words);
          if (p.known) return { name: words, country };
        }
      }
    }
    return null;
  }
}

/** After a short bracket at `k` ("(AQIM)"), or `k` itself. */
export function skipParenthesis(tokens: readonly Token[], k: number): number {
  if (tokens[k]?.text !== '(') return k;
  for (let j = k + 1; j < Math.min(tokens.length, k + 6); j++) if (tokens[j]!.text === ')') return j + 1;
  return k;
}

export { GENERIC_ACTORS, type Mention };

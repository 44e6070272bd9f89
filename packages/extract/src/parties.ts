import type { Actor, ActorKind } from '@recon/domain';
import { GENERIC_ACTORS, skipParenthesis, type Article } from './article.js';
import { readCount } from './counts.js';
import type { PartyClass } from './lexicon/lexicon.js';
import type { Sentence, Token } from './tokens.js';

/** Whose casualties a figure counts. `self`: the claimant's own ("five martyrs", "its forces"). */
export interface Party {
  name: string;
  kind?: ActorKind;
  self?: boolean;
  /** "Côté ennemi :": the claimant's enemy, decided once the claimant is known. */
  enemy?: boolean;
  /** "others": the parties of the figure before. */
  others?: boolean;
  /** Known to the registry (or a generic class it knows). */
  known: boolean;
}

/** English adjectives of the countries whose armies Sahel news names. */
const ADJECTIVES: Record<string, string> = {
  ML: 'Malian', BF: 'Burkinabe', NE: 'Nigerien', FR: 'French', TD: 'Chadian', DZ: 'Algerian', MR: 'Mauritanian', CI: 'Ivorian', TG: 'Togolese',
  BJ: 'Beninese', SN: 'Senegalese', RU: 'Russian', NG: 'Nigerian', GH: 'Ghanaian', GN: 'Guinean', US: 'American', DE: 'German', GB: 'British',
};

const OF = new Set(['of', 'de', 'd', 'des', 'du', "d'entre", 'entre', 'among', 'parmi']);
const QUOTE_MARKS = new Set(['"', '“', '”', '«', '»']);
const TRANSPARENT = new Set(["'s", '’s', "'", '’', '-']);

const fromActor = (actor: Actor, name: string): Party => ({ name, known: true, ...(actor.known ? {} : { kind: actor.kind }) });

/** The army of a country, as the registry names it if it can. */
export function armyOf(article: Article, country: string): Party {
  const adjective = ADJECTIVES[country] ?? country;
  const name = `${adjective} soldiers`;
  const actor = article.mentions.lookup(name);
  if (actor) return fromActor(actor, name);
  return { name, kind: country === article.country ? 'state_forces' : 'foreign_forces', known: false };
}

/** The government of a country, as the registry names it if it can. */
export function governmentOf(article: Article, country: string): { name: string; actor?: Actor } {
  const name = `${ADJECTIVES[country] ?? country} government`;
  const actor = article.mentions.lookup(name);
  return actor ? { name, actor } : { name };
}

/**
 * Where a noun phrase that begins at `start` ends: registry names are taken whole ("Al Qaeda in the
 * Islamic Maghreb"), and it stops at a verb, an outcome, a preposition or another count.
 */
export function phraseEnd(article: Article, s: Sentence, start: number, limit = 12): number {
  const { w } = article;
  const tokens = s.tokens;
  let k = start;
  // "one of the group's leaders", "trois d'entre eux"
  while (tokens[k] && OF.has(tokens[k]!.norm) && k === start) k++;
  while (k < tokens.length && k - start < limit) {
    const m = article.mentions.at_(article.text, tokens, k);
    if (m) {
      k = m.end;
      continue;
    }
    const t = tokens[k]!;
    if (t.text === '(') {
      const after = skipParenthesis(tokens, k);
      if (after === k) break;
      k = after;
      continue;
    }
    if (QUOTE_MARKS.has(t.text)) {
      k++;
      continue;
    }
    if (t.kind === 'punct' && !TRANSPARENT.has(t.text)) {
      if (t.text === ',' && continuesParties(article, s, k + 1) && !isApposition(article, s, k)) {
        k++;
        continue;
      }
      break;
    }
    if (k > start && w.and.has(tokens, k)) {
      const next = w.and.at(tokens, k)!.end;
      if (continuesParties(article, s, next)) {
        k = next;
        continue;
      }
      break;
    }
    if (k > start && OF.has(t.norm)) {
      k++;
      // "de la Mission", "of the army"
      while (k < tokens.length && w.determiners.has(tokens, k) && !readCount(tokens, k, w)) k = w.determiners.at(tokens, k)!.end;
      continue;
    }
    if (w.stopWords.has(t.norm) || w.auxiliaries.has(t.norm) || w.passive.has(tokens, k) || w.sayVerbs.has(tokens, k) || w.claimVerbs.has(t.norm)) break;
    if (w.nouns.has(tokens, k) && !w.heads.has(tokens, k)) break;
    if (k > start && readCount(tokens, k, w)) break;
    k++;
  }
  return k;
}

/**
 * Whether the comma at `k` opens an apposition rather than a list: "plusieurs VDP, les supplétifs
 * civils de l'armée, ont été faits prisonniers" (closed by a comma before the verb, with no count).
 */
function isApposition(article: Article, s: Sentence, k: number): boolean {
  const { w } = article;
  const tokens = s.tokens;
  for (let q = k + 1; q < Math.min(tokens.length, k + 13); q++) {
    if (tokens[q]!.text === ',') return w.auxiliaries.has(tokens[q + 1]?.norm ?? '') || w.passive.has(tokens, q + 1);
    // "Au moins 47 personnes, civils et militaires confondus, ont été tuées": an apposition may join.
    if (readCount(tokens, q, w)) return false;
    if (tokens[q]!.kind === 'punct' && tokens[q]!.text !== "'" && tokens[q]!.text !== '’') return false;
  }
  return false;
}

/** Whether a party (not a count) follows at `k`: "… Malian troops and Wagner mercenaries". */
function continuesParties(article: Article, s: Sentence, k: number): boolean {
  const tokens = s.tokens;
  let j = k;
  while (tokens[j] && article.w.determiners.has(tokens, j) && !readCount(tokens, j, article.w)) j = article.w.determiners.at(tokens, j)!.end;
  if (readCount(tokens, j, article.w)) return false;
  if (article.mentions.at_(article.text, tokens, j)) return true;
  for (let q = j; q < Math.min(tokens.length, j + 3); q++) {
    // "… mercenaires russes » et capturé cinq militaires": a verb and its own count, not more people.
    if (q > j && readCount(tokens, q, article.w)) return false;
    if (article.w.active.has(tokens, q) || article.w.passive.has(tokens, q)) return false;
    const h = article.w.heads.at(tokens, q);
    if (h && h.value !== 'others' && h.value !== 'role') return true;
    if (tokens[q]!.kind === 'punct') return false;
  }
  return false;
}

export interface ResolvedParties {
  parties: Party[];
  /** Several parties joined ("Malian troops and Wagner mercenaries"). */
  coordinated: boolean;
  /** The head noun's class, when a lexicon head decided. */
  cls?: PartyClass;
}

/** The parties a noun phrase (tokens `a` to `b`) names, or null when it names no people. */
export function resolveParties(article: Article, s: Sentence, a: number, b: number, lastGroup: Actor | undefined): ResolvedParties | null {
  const { w } = article;
  const tokens = s.tokens;
  b = Math.min(b, tokens.length);
  while (a < b && tokens[a] && OF.has(tokens[a]!.norm)) a++;
  if (a >= b) return null;
  if (w.possessives.has(tokens[a]!.norm)) return { parties: [{ name: '', self: true, known: true }], coordinated: false, cls: 'self' };
  // Split at "and" / "," into conjuncts; each must name people.
  const cuts: Array<[number, number]> = [];
  const names = article.mentions.all(article.text, tokens, a, b);
  let from = a;
  for (let k = a; k < b; k++) {
    const inside = names.find((m) => m.start <= k && k < m.end);
    if (inside) {
      k = inside.end - 1;
      continue;
    }
    const and = w.and.at(tokens, k);
    if (and && k > from) {
      cuts.push([from, k]);
      from = and.end;
      k = and.end - 1;
    }
  }
  cuts.push([from, b]);
  const parties: Party[] = [];
  let cls: PartyClass | undefined;
  for (const [x, y] of cuts) {
    const one = resolveOne(article, s, x, y, lastGroup);
    if (one) {
      cls ??= one.cls;
      if (!parties.some((p) => p.name === one.party.name)) parties.push(one.party);
    }
  }
  if (parties.length === 0) return null;
  return { parties, coordinated: parties.length > 1, ...(cls ? { cls } : {}) };
}

function resolveOne(article: Article, s: Sentence, a: number, b: number, lastGroup: Actor | undefined): { party: Party; cls?: PartyClass } | null {
  const { w } = article;
  const tokens = s.tokens;
  // "the group's leaders": the armed group last named.
  for (let k = a; k < b; k++) {
    if (w.groupAnaphora.has(tokens, k) && lastGroup) return { party: fromActor(lastGroup, lastGroup.name) };
  }
  while (a < b && w.determiners.has(tokens, a) && !w.heads.has(tokens, a)) {
    // "nos partenaires russes": a party the registry names is theirs, not the speaker's own.
    if (w.possessives.has(tokens[a]!.norm) && !article.mentions.all(article.text, tokens, a + 1, b).some((m) => !GENERIC_ACTORS.has(m.actor.id))) {
      return { party: { name: '', self: true, known: true }, cls: 'self' };
    }
    a = w.determiners.at(tokens, a)!.end;
  }
  if (a >= b) return null;
  // Registry names: a named actor over a generic one, then the longest.
  const mentions = article.mentions.all(article.text, tokens, a, b);
  const named = mentions.filter((m) => !GENERIC_ACTORS.has(m.actor.id));
  const best = (named.length > 0 ? named : mentions).sort((x, y) => y.end - y.start - (x.end - x.start))[0];
  const head = lastHead(article, tokens, a, b);
  if (best && head?.value !== 'self') return { party: fromActor(best.actor, best.text), ...(head ? { cls: head.value } : {}) };
  // A singular of a registry name: "French soldier" → "French soldiers"; "soldat malien" → "soldats maliens".
  const words = article.words(s, a, b);
  for (const plural of [`${words}s`, words.split(' ').map((x) => `${x}s`).join(' ')]) {
    const actor = article.mentions.lookup(plural);
    if (actor && !GENERIC_ACTORS.has(actor.id)) return { party: fromActor(actor, plural) };
  }
  // A person the article placed in a group.
  const person = article.person(s, a, b);
  if (person) return { party: fromActor(person, person.name), cls: 'role' };
  const described = article.describe(words);
  if (described) return { party: fromActor(described, described.name) };
  if (!head) return null;
  switch (head.value) {
    case 'soldiers': {
      const nationality = nationalityIn(article, tokens, a, b);
      return { party: armyOf(article, nationality ?? article.country), cls: 'soldiers' };
    }
    case 'civilians':
      return { party: { name: 'civilians', known: true }, cls: 'civilians' };
    case 'militants':
      return { party: { name: 'militants', known: true }, cls: 'militants' };
    case 'peacekeepers':
      return { party: { name: 'UN peacekeepers', known: true }, cls: 'peacekeepers' };
    case 'people':
      return { party: { name: 'unspecified', known: true }, cls: 'people' };
    case 'others':
      return { party: { name: '', others: true, known: true }, cls: 'others' };
    case 'self':
      return { party: { name: '', self: true, known: true }, cls: 'self' };
    case 'role': {
      // "a leader of …": the group named after it, else nobody we can name.
      for (let k = head.end; k < Math.min(tokens.length, head.end + 8); k++) {
        const m = article.mentions.at_(article.text, tokens, k);
        if (m) return { party: fromActor(m.actor, m.text), cls: 'role' };
        if (w.groupAnaphora.has(tokens, k) && lastGroup) return { party: fromActor(lastGroup, lastGroup.name), cls: 'role' };
        // "associates of Droukdel": the person's group.
        const end = article.nameEnd(s, k);
        if (end > k) {
          const actor = article.person(s, k, end);
          if (actor) return { party: fromActor(actor, actor.name), cls: 'role' };
        }
      }
      return null;
    }
  }
}

function lastHead(article: Article, tokens: readonly Token[], a: number, b: number) {
  let found: { value: PartyClass; end: number } | null = null;
  for (let k = a; k < b; k++) {
    const h = article.w.heads.at(tokens, k);
    if (h && h.end <= b) {
      found = h;
      k = h.end - 1;
    }
  }
  return found;
}

function nationalityIn(article: Article, tokens: readonly Token[], a: number, b: number): string | undefined {
  for (let k = a; k < b; k++) {
    const c = article.w.nationalities.get(tokens[k]!.norm);
    if (c) return c;
  }
  return undefined;
}

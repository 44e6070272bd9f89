import { fold, type Actor, type ActorKind } from '@recon/domain';
import { GENERIC_ACTORS, type Article } from './article.js';
import { armyOf, governmentOf } from './parties.js';
import { readCount } from './counts.js';
import type { Sentence } from './tokens.js';
import { dateMentions } from './when.js';

/** Who made or relayed a statement. */
export interface Speaker {
  name: string;
  kind: ActorKind;
  /** An unnamed source ("a security source"). */
  anonymous: boolean;
  /** Known to the registry. */
  known: boolean;
}

/** Who a sentence says made its statement, through whom, and when. */
export interface Attribution {
  /** null with `carry`: a pronoun or "the statement" — the last claimant goes on. */
  claimant: Speaker | null;
  carry: boolean;
  via: Speaker[];
  statedAt: string | null;
  /** The words that attribute (token indices in the sentence). */
  start: number;
  end: number;
  /** The statement is said to be an earlier one ("prior information", "un premier bilan"). */
  earlier: boolean;
  /**
   * Every speaker the sentence names, with their words, when it names more than one ("plus de 50
   * militaires, selon des sources sécuritaires, quand le JNIM en revendiquait plus d'une centaine"):
   * each figure is the nearest one's.
   */
  speakers?: Array<{ claimant: Speaker; start: number; end: number }>;
  /** With `carry`: whom the carrying words name themselves ("the official"), for when no one was named before. */
  self?: Speaker;
}

const RELAY_KINDS = new Set<ActorKind>(['media', 'monitor', 'ngo', 'un']);
const QUOTES = new Set(['"', '“', '”', '«', '»', "''", '``']);
/** Words after a say-verb that show its subject stands before it ("…, claimed to have", "…, said that"). */
const COMPLEMENTS = new Set(['to', 'that', 'responsibility', 'in', 'on', 'it', 'its', 'their', 'they', 'que', 'qu', 'avoir', 'dans', 'lors']);
/** Words between a subject and its verb ("France also claimed", "Wagner did, however, claim"). */
const ADVERBS = new Set(['y', 'd', 'abord', 'deja', 'first', 'initially', 'already', 'then', 'did', 'does', 'however', 'meanwhile', 'further', 'would', 'could', 'previously', 'officially', 'publicly', 'later', 'earlier', 'quickly', 'separately', 'pour', 'part', 'sa', 'son', 'de', 'lui', 'quant', 'aussi', 'pourtant', 'cependant', 'toutefois', 'ensuite', 'enfin', 'lui-meme', 'elle-meme']);
const LINKS = new Set(['from', 'of', 'at', 'in', 'within', 'for', 'with', 'de', 'du', 'des', 'au', 'aupres', 'chez']);

export const speakerOf = (actor: Actor, name: string): Speaker => ({ name, kind: actor.kind, anonymous: false, known: actor.known });

/** Heads of bodies that speak though the registry does not know them. */
const INSTITUTIONS: Array<{ words: string[]; kind: ActorKind }> = [
  ...['autorites', 'authorities', 'ministere', 'ministry', 'mairie', 'prefecture', 'gouvernorat', 'municipalite', 'municipality', 'conseil'].map((w) => ({ words: [w], kind: 'government' as const })),
  ...['hopital', 'hospital', 'direction', 'directorate', 'clinique', 'clinic', 'croix-rouge', 'cicr', 'icrc'].map((w) => ({ words: [w], kind: 'other' as const })),
  { words: ['centre', 'de', 'sante'], kind: 'other' },
  { words: ['centre', 'hospitalier'], kind: 'other' },
  { words: ['red', 'cross'], kind: 'other' },
];

/** "Local" and the like, beside "authorities": officials no one names. */
const UNNAMED_AUTHORITIES = new Set(['locales', 'locale', 'local', 'regionales', 'regional', 'communales', 'coutumieres', 'administratives', 'sanitaires', 'administrative']);

/** Words that describe a group already named ("le groupe lié à Al-Qaïda", "the jihadist group"). */
const DESCRIBING = new Set(['lie', 'liee', 'lies', 'affilie', 'affiliee', 'proche', 'djihadiste', 'jihadiste', 'islamiste', 'terroriste', 'rebelle', 'linked', 'affiliated', 'allied', 'jihadist', 'islamist', 'militant', 'rebel', 'armed', 'arme']);

/** Kinds of body that speak for themselves: a pronoun after a sentence about one of them is theirs. */
const SPEAKING_KINDS = new Set<ActorKind>(['state_forces', 'government', 'armed_group', 'rebel_group', 'un', 'ngo', 'monitor', 'militia', 'foreign_forces']);

/** The body a sentence is about, when it opens the sentence as its subject ("L'état-major n'a réagi que lundi"). */
export function subjectOf(article: Article, sentence: Sentence): Speaker | null {
  const tokens = datelineCut(sentence.tokens);
  const s: Sentence = { ...sentence, tokens };
  for (let k = 1; k < Math.min(tokens.length, 10); k++) {
    if (tokens[k]!.kind === 'punct' && !['(', ')', "'s", '’s', '-', "'", '’'].includes(tokens[k]!.text)) return null;
    if (!article.w.auxiliaries.has(tokens[k]!.norm)) continue;
    const who = resolveSpeaker(article, s, 0, k);
    return who && !who.anonymous && SPEAKING_KINDS.has(who.kind) ? who : null;
  }
  return null;
}

/** The speaker a noun phrase names (tokens `a` to `b`), or null when it names no one we can tell. */
export function resolveSpeaker(article: Article, s: Sentence, a: number, b: number): Speaker | null {
  const { w } = article;
  const tokens = s.tokens;
  // "un conseiller joint par téléphone", "a local official reached by phone": the name, not how it was reached.
  b = contactCut(s, a, b);
  while (a < b && (tokens[a]!.kind === 'punct' || QUOTES.has(tokens[a]!.text))) a++;
  while (b > a && ((tokens[b - 1]!.kind === 'punct' && tokens[b - 1]!.text !== ')') || w.auxiliaries.has(tokens[b - 1]!.norm) || ADVERBS.has(tokens[b - 1]!.norm))) b--;
  if (a >= b) return null;
  const whole = article.words(s, a, b);
  const direct = article.mentions.lookup(whole);
  if (direct && !GENERIC_ACTORS.has(direct.id)) return speakerOf(direct, whole);
  // "la Mission des Nations unies au Mali (Minusma)", "L'état-major général des armées (EMGA)": the
  // acronym when the registry knows it, else the name before it.
  if (tokens[b - 1]!.text === ')') {
    let open = b - 2;
    while (open > a && tokens[open]!.text !== '(' && b - open < 8) open--;
    if (open > a && tokens[open]!.text === '(') {
      const inner = article.mentions.lookup(article.words(s, open + 1, b - 1));
      if (inner && !GENERIC_ACTORS.has(inner.id)) return speakerOf(inner, article.words(s, open + 1, b - 1));
      const before = resolveSpeaker(article, s, a, open);
      if (before) return before;
    }
  }
  // "the army", "l'armée", "the authorities", "Niger's Defense Ministry": the country's (the incident's unless named).
  const namedCountry = [...Array(Math.min(b - a, 3)).keys()].map((x) => (tokens[a + x]!.cap ? w.nationalities.get(tokens[a + x]!.norm) : undefined)).find((c) => c !== undefined);
  const country = namedCountry ?? article.country;
  for (let k = a; k < b; k++) {
    const army = w.army.at(tokens, k);
    if (army && army.end === b && k <= a + 3) return speakerFromParty(article, armyOf(article, country).name, 'state_forces');
    const government = w.government.at(tokens, k);
    if (government && government.end === b && k <= a + 3) {
      const g = governmentOf(article, country);
      return g.actor ? speakerOf(g.actor, g.name) : { name: g.name, kind: 'government', anonymous: false, known: false };
    }
  }
  let k = a;
  while (k < b && w.determiners.has(tokens, k)) k = w.determiners.at(tokens, k)!.end;
  // A country as a speaker: "France claimed", "Mali announced" — its government.
  if (b - k === 1 && tokens[k]!.cap) {
    const country = w.nationalities.get(tokens[k]!.norm);
    if (country) {
      const g = governmentOf(article, country);
      return g.actor ? speakerOf(g.actor, g.name) : { name: g.name, kind: 'government', anonymous: false, known: false };
    }
  }
  // "les autorités locales", "l'hôpital de district de Ouallam", "la direction régionale de la santé
  // publique (DRSP) de Tillabéri": a body the registry does not know, by the words that name it.
  const institution = INSTITUTIONS.find((x) => x.words.every((word, n) => tokens[k + n]?.norm === word));
  // "hospital sources", "sources hospitalières": sources, not the hospital.
  const sourcesNear = [1, 2].some((n) => k + n < b && w.anonymous.has(tokens, k + n));
  if (institution && b - k <= 12 && !sourcesNear) {
    const name = article.words(s, a, b).replace(/\s*\([^)]*\)/g, '');
    // "les autorités locales", "local authorities": officials no one names.
    if (UNNAMED_AUTHORITIES.has(tokens[k + 1]?.norm ?? '') || UNNAMED_AUTHORITIES.has(tokens[k - 1]?.norm ?? '')) return { name, kind: 'anonymous', anonymous: true, known: false };
    return { name, kind: institution.kind, anonymous: false, known: false };
  }
  // "the army spokesman", "a spokesman for JNIM", "le ministre de la Défense", "the governor of Mopti": the body they speak for.
  // Heads stand at the front of the phrase: "a security source", "le porte-parole de l'armée", not "l'attaque … militaire".
  const front = Math.min(b, k + 4);
  for (let j = k; j < front; j++) {
    const office = w.officials.at(tokens, j);
    if (!office) continue;
    const body = (j > k ? resolveSpeaker(article, s, k, j) : null) ?? (office.end < b ? resolveSpeaker(article, s, office.end, b) : null);
    if (body && !body.anonymous) return body;
    if (['minister', 'governor', 'prefect', 'mayor', 'president', 'prime', 'ministre', 'gouverneur', 'prefet', 'maire', 'president', 'premier', 'haut-commissaire'].includes(tokens[j]!.norm)) {
      const g = governmentOf(article, article.country);
      return g.actor ? speakerOf(g.actor, g.name) : { name: g.name, kind: 'government', anonymous: false, known: false };
    }
    break;
  }
  // "a source from the army", "an official of Operation Serval", "commanders of the army": the body they speak for.
  for (let j = k; j < front; j++) {
    const anonymous = w.anonymous.at(tokens, j);
    const document = w.documents.at(tokens, j);
    const head = anonymous ?? document;
    if (!head) continue;
    for (let q = head.end; q < Math.min(b, head.end + 2); q++) {
      if (!LINKS.has(tokens[q]!.norm) && tokens[q]!.norm !== "'s" && tokens[q]!.norm !== 'entre') continue;
      const inner = resolveSpeaker(article, s, q + 1, b);
      // "a source from the army" speaks for the army; "une source hospitalière au CHR de Fada" stays a
      // source (a hospital the registry does not know is where it works, not what it speaks for).
      if (inner && !inner.anonymous && (inner.known || !anonymous)) return inner;
      break;
    }
    const nationality = [...Array(j - k).keys()].map((x) => w.nationalities.get(tokens[k + x]!.norm)).find((c) => c !== undefined);
    if (anonymous && ['officials', 'authorities', 'responsables', 'autorites'].includes(tokens[j]!.norm) && nationality && !w.anonymous.has(tokens, j + 1)) {
      const g = governmentOf(article, nationality);
      return g.actor ? speakerOf(g.actor, g.name) : { name: g.name, kind: 'government', anonymous: false, known: false };
    }
    if (document) {
      // "information shared on condition of anonymity by commanders of the army", "un bilan communiqué par un élu"
      for (let q = head.end; q < b; q++) {
        if (!['by', 'par', 'from'].includes(tokens[q]!.norm)) continue;
        const agent = resolveSpeaker(article, s, q + 1, b);
        if (agent) return agent;
      }
    }
    if (anonymous) {
      // "the NGO Acled", "l'ONG Human Rights Watch": the named one.
      const named = article.mentions.all(article.text, tokens, anonymous.end, Math.min(b, anonymous.end + 2)).filter((m) => !GENERIC_ACTORS.has(m.actor.id) && m.start === anonymous.end);
      if (named.length > 0) return speakerOf(named[0]!.actor, named[0]!.text);
      // The name without its relay: "une source sécuritaire jointe par l'AFP" → "source sécuritaire".
      let e = b;
      for (let q = j; q < b; q++) {
        if (w.relays.has(tokens, q) || ['who', 'qui', 'that', 'which'].includes(tokens[q]!.norm) || tokens[q]!.text === ',') {
          e = q;
          break;
        }
      }
      return { name: article.words(s, k, Math.max(e, j + 1)), kind: 'anonymous', anonymous: true, known: false };
    }
    // "an army report", "a JNIM statement": the maker before the document's name.
    const maker = j > k ? resolveSpeaker(article, s, k, j) : null;
    if (maker) return maker;
    return null;
  }
  const mentions = article.mentions.all(article.text, tokens, a, b);
  const named = mentions.filter((m) => !GENERIC_ACTORS.has(m.actor.id));
  // "the Mission des Nations unies au Mali (Minusma)": the name in brackets names the whole.
  const bracketed = named.find((m) => tokens[m.start - 1]?.text === '(' && m.start - 1 > a);
  const best = bracketed ?? named.sort((x, y) => y.end - y.start - (x.end - x.start))[0];
  if (best) return speakerOf(best.actor, best.text);
  const person = article.person(s, k, b);
  if (person) return speakerOf(person, person.name);
  const described = article.describe(article.words(s, k, b));
  if (described) return speakerOf(described, described.name);
  for (let j = k; j < front; j++) {
    if (w.media.has(tokens[j]!.norm)) return { name: article.words(s, k, b), kind: 'media', anonymous: false, known: false };
  }
  for (let j = k; j < b; j++) {
    if (w.army.has(tokens, j)) return speakerFromParty(article, armyOf(article, article.country).name, 'state_forces');
  }
  if (mentions.length > 0) return speakerOf(mentions[0]!.actor, mentions[0]!.text);
  return null;
}

export function speakerFromParty(article: Article, name: string, kind: ActorKind): Speaker {
  const actor = article.mentions.lookup(name);
  if (actor) return speakerOf(actor, name.replace(/ soldiers$/, ' army'));
  return { name: name.replace(/ soldiers$/, ' army'), kind, anonymous: false, known: false };
}

/** Where the clause of the word at `k` begins: after the last comma, colon, quote or "that". */
function clauseStart(article: Article, s: Sentence, k: number): number {
  const tokens = s.tokens;
  for (let j = k - 1; j >= 0; j--) {
    const t = tokens[j]!;
    // "L'état-major général des armées (EMGA) a rendu public", "une source au centre hospitalier
    // régional (CHR) de Fada N'Gourma indique": past a short parenthesis.
    if (t.text === ')') {
      let open = j - 1;
      while (open > 0 && open > j - 7 && tokens[open]!.text !== '(' && tokens[open]!.kind !== 'punct') open--;
      if (tokens[open]?.text === '(' && open > 0) {
        j = open;
        continue;
      }
    }
    if (t.text === ',' || t.text === ';' || t.text === ':' || QUOTES.has(t.text) || t.text === '—' || t.text === '(' || t.text === ')') return j + 1;
    if (['that', 'que', 'qu', 'and', 'et', 'while', 'but', 'mais', 'alors', 'as', 'when', 'lorsque', 'quand', 'after', 'apres'].includes(t.norm)) return j + 1;
  }
  return 0;
}

/** The say-verbs of a sentence: "said", "claimed responsibility", "a revendiqué". */
function sayVerbs(article: Article, s: Sentence): Array<{ start: number; end: number; passive: boolean }> {
  const { w } = article;
  const tokens = s.tokens;
  const out: Array<{ start: number; end: number; passive: boolean }> = [];
  for (let k = 0; k < tokens.length; k++) {
    const say = w.sayVerbs.at(tokens, k);
    let end = say?.end ?? -1;
    if (!say && w.claimVerbs.has(tokens[k]!.norm)) {
      const next = tokens[k + 1];
      if (!next || next.kind === 'punct' || w.claimComplements.has(next.norm) || w.weekdays.has(next.norm)) end = k + 1;
    }
    if (end < 0) continue;
    let by = end;
    while (tokens[by] && (w.weekdays.has(tokens[by]!.norm) || ['on', 'le', 'soir', 'matin', 'night', 'morning', 'evening', 'also', 'egalement'].includes(tokens[by]!.norm))) by++;
    const passive = ['by', 'par'].includes(tokens[by]?.norm ?? '') && k > 0 && (w.auxiliaries.has(tokens[k - 1]!.norm) || tokens[k - 1]!.text === ',' || w.documents.has(tokens, k - 1));
    out.push({ start: k, end: passive ? by : end, passive });
    k = end - 1;
  }
  return out;
}

/** The relays a sentence names: media and monitors after "told", "cited by", "emailed to", … */
function relays(article: Article, s: Sentence, from: number, to: number, except: Set<string>): Array<{ at: number; speaker: Speaker }> {
  const { w } = article;
  const tokens = s.tokens;
  const out: Array<{ at: number; speaker: Speaker }> = [];
  for (let k = from; k < to; k++) {
    const relay = w.relays.at(tokens, k);
    if (!relay) continue;
    for (let q = relay.end; q < Math.min(to, relay.end + 6); q++) {
      if (tokens[q]!.kind === 'punct' && tokens[q]!.text !== '(' && tokens[q]!.text !== ')') break;
      const m = article.mentions.at_(article.text, tokens, q);
      if (m && RELAY_KINDS.has(m.actor.kind) && !except.has(m.actor.id)) {
        out.push({ at: q, speaker: speakerOf(m.actor, m.text) });
        except.add(m.actor.id);
        k = m.end - 1;
        break;
      }
    }
  }
  return out;
}

/** The extent of a phrase after "according to": up to the next comma (or the sentence's end). */
/** Words that tell how a source was reached ("un conseiller joint par téléphone", "a resident reached by phone"): not its name. */
const CONTACT = new Set(['joint', 'jointe', 'joints', 'jointes', 'contacte', 'contactee', 'contactes', 'contactees', 'interroge', 'interrogee', 'interroges', 'interrogees', 'reached', 'contacted', 'interviewed', 'speaking', 'reache']);

/** The end of a source's name in tokens `a` to `b`: before the words of how it was reached. */
function contactCut(s: Sentence, a: number, b: number): number {
  for (let k = a + 1; k < b; k++) if (CONTACT.has(s.tokens[k]!.norm)) return k;
  return b;
}

function phraseAfter(s: Sentence, k: number): number {
  let j = k;
  let depth = 0;
  while (j < s.tokens.length) {
    const t = s.tokens[j]!.text;
    if (t === '(') depth++;
    if (t === ')') depth--;
    if (depth <= 0 && (t === ',' || t === ';' || t === '.' || t === ':' || t === '—')) break;
    j++;
  }
  return j;
}

/**
 * A sentence without its dateline ("BAMAKO, March 3 (Reuters) -", "OUAGADOUGOU, 12 avril (AFP) -"): the
 * agency there is the publisher, not a speaker. The tokens after it keep their places (the rest are
 * replaced by marks), so indices stay those of the sentence.
 */
export function datelineCut(tokens: Sentence['tokens']): Sentence['tokens'] {
  const first = tokens[0];
  if (!first || first.kind !== 'word' || first.text !== first.text.toUpperCase() || first.text.length < 3) return tokens;
  for (let k = 1; k < Math.min(tokens.length, 14); k++) {
    if (['-', '—', '–'].includes(tokens[k]!.text) && (tokens[k - 1]!.text === ')' || k < 4)) {
      return tokens.map((t, j) => (j <= k ? { ...t, text: '|', norm: '|', kind: 'punct' as const, cap: false, fold: '' } : t));
    }
  }
  return tokens;
}

/** Who this sentence itself says made its statement (its own attribution), or null. */
export function attributionOf(article: Article, sentence: Sentence, published: string | null, publisherId: string | null): Attribution | null {
  const { w } = article;
  const s: Sentence = { ...sentence, tokens: datelineCut(sentence.tokens) };
  const tokens = s.tokens;
  let claimant: Speaker | null = null;
  let carry = false;
  let start = -1;
  let end = -1;
  let earlier = false;
  const via: Array<{ at: number; speaker: Speaker }> = [];
  const regions: Array<[number, number]> = [];
  const speakers: NonNullable<Attribution['speakers']> = [];
  let carrierSpeaker: Speaker | null = null;


  /** The subject before a say-verb ("The army said", "Un élu de la commune, joint par …, affirme"). */
  function subjectBefore(verb: { start: number; end: number }, who: Speaker | null, carry: boolean): { who: Speaker | null; region: [number, number]; carry: boolean } {
    let region: [number, number];
    let a = clauseStart(article, s, verb.start);
    // "L'armée, elle, n'avait reconnu que cinq morts": the subject before its resumptive pronoun.
    let bare = verb.start;
    while (bare > a && w.auxiliaries.has(tokens[bare - 1]!.norm)) bare--;
    if (bare === a && tokens[a - 1]?.text === ',' && w.carriers.has(tokens, a - 2) && tokens[a - 3]?.text === ',') {
      const before = clauseStart(article, s, a - 3);
      if (before < a - 3 && resolveSpeaker(article, s, before, a - 3)) a = before;
    }
    // "Un élu de la commune, joint par Studio Tamani, affirme": past an apposition to the subject.
    if (a === verb.start && tokens[a - 1]?.text === ',') {
      const before = clauseStart(article, s, a - 1);
      if (before < a - 1 && resolveSpeaker(article, s, before, a - 1)) a = before;
      else {
        const earlier = clauseStart(article, s, before - 1);
        if (earlier < before - 1 && resolveSpeaker(article, s, earlier, before - 1)) a = earlier;
      }
    }
    // "On Thursday evening it raised the toll": the pronoun just before the verb.
    let v = verb.start;
    while (v > a && (w.auxiliaries.has(tokens[v - 1]!.norm) || ADVERBS.has(tokens[v - 1]!.norm))) v--;
    const leading = w.carriers.at(tokens, a);
    // "Le groupe lié à Al-Qaïda y affirme", "the group, linked to al Qaeda, said": the group, described.
    const described = leading !== null && v - leading.end <= 6 && tokens.slice(leading.end, v).some((t) => DESCRIBING.has(t.norm));
    const carried = (leading !== null && leading.end >= verb.start - 1) || described || (v > a && w.carriers.endingAt(tokens, v) !== null);
    const joined = ['and', 'et'].includes(tokens[a - 1]?.norm ?? '') && (a === verb.start);
    if (carried) {
      carry = true;
      region = [a, verb.end];
      // "The official said", "le porte-parole a indiqué" with no one named before: whom the words name.
      carrierSpeaker ??= leading && !described ? resolveSpeaker(article, s, a, v) : null;
    } else if (joined && (claimant || carry)) {
      // "le groupe affirme … et assure que …": the same subject.
      region = [a, verb.end];
    } else if (tokens.slice(a, verb.start).some((t) => t.kind === 'num')) {
      // "… report 61 wounded civilians admitted": a count is no speaker's name.
      region = [a, verb.end];
    } else {
      who = resolveSpeaker(article, s, Math.min(a, verb.start), verb.start);
      // "The jihadists of JNIM, who are affiliated with al-Qaeda, claimed": the nearest name before, not a relay's.
      if (!who) {
        const named = article.mentions
          .all(article.text, tokens, 0, verb.start)
          .filter((m) => !GENERIC_ACTORS.has(m.actor.id) && !['by', 'par', 'to', 'a', 'told', 'via'].includes(tokens[m.start - 1]?.norm ?? '') && !w.relays.has(tokens, m.start - 1) && !w.relays.has(tokens, m.start - 2));
        const last = named.at(-1);
        if (last) who = speakerOf(last.actor, last.text);
      }
      region = [who ? Math.min(a, verb.start) : a, verb.end];
    }
    return { who, region, carry };
  }

  const verbs = sayVerbs(article, s);
  for (const verb of verbs) {
    let who: Speaker | null = null;
    let region: [number, number];
    const before = tokens[verb.start - 1];
    if (verb.passive) {
      const b = phraseAfter(s, verb.end + 1);
      who = resolveSpeaker(article, s, verb.end + 1, b);
      region = [verb.start, b];
    } else if (!before || QUOTES.has(before.text) || (before.text === ',' && !COMPLEMENTS.has(tokens[verb.end]?.norm ?? '') && !readCount(tokens, verb.end, w) && !w.claimVerbs.has(tokens[verb.start]!.norm) && !['told', 'tells'].includes(tokens[verb.start]!.norm))) {
      // Inverted: `," said an official from …` / `, a indiqué l'armée`
      let from = verb.end;
      const relay = w.relays.at(tokens, from);
      if (relay) {
        // "à l'AFP" is a relay phrase of its own; "to Reuters", "à Radio Omega" are a word and a name.
        if (article.mentions.all(article.text, tokens, verb.end, relay.end).some((m) => RELAY_KINDS.has(m.actor.kind))) from = relay.end;
        let q = relay.end;
        while (q < tokens.length && q < relay.end + 3 && !article.mentions.at_(article.text, tokens, q)) q++;
        const m = article.mentions.at_(article.text, tokens, q);
        if (m && RELAY_KINDS.has(m.actor.kind)) from = m.end;
        // "à Radio Omega une source hospitalière": a medium the registry does not know.
        else if (tokens[relay.end]?.cap && article.nameEnd(s, relay.end) > relay.end && article.nameEnd(s, relay.end) < phraseAfter(s, relay.end)) from = article.nameEnd(s, relay.end);
      }
      const b = phraseAfter(s, from);
      const carrier = w.carriers.at(tokens, from);
      region = [verb.start, b];
      if (carrier && carrier.end >= b - 1) carry = true;
      else who = resolveSpeaker(article, s, from, b);
      // ", said Souleymane Dembélé, the army spokesman": the apposition says whom he speaks for.
      if (!who && tokens[b]?.text === ',' && article.nameEnd(s, verb.end) >= b - 1) {
        const c = phraseAfter(s, b + 1);
        who = resolveSpeaker(article, s, b + 1, c);
        if (who) region = [verb.start, c];
      }
      // `Un premier bilan, communiqué par un élu, faisait état de …`: not inverted after all.
      if (!who && !carry && before?.text === ',') ({ who, region, carry } = subjectBefore(verb, who, carry));
    } else ({ who, region, carry } = subjectBefore(verb, who, carry));
    if (who) speakers.push({ claimant: who, start: region[0], end: region[1] });
    if (who && !claimant) {
      claimant = who;
      regions.push(region);
    } else if (carry) regions.push(region);
  }

  for (let k = 0; k < tokens.length; k++) {
    const according = w.accordingTo.at(tokens, k);
    if (!according) continue;
    const b = phraseAfter(s, according.end);
    regions.push([k, b]);
    // "selon la même source": the last claimant goes on.
    const carrier = w.carriers.at(tokens, according.end);
    if (carrier && carrier.end >= b - 1) {
      if (!claimant) carry = true;
      k = b;
      continue;
    }
    if (w.earlier.has(tokens, according.end) || tokens.slice(according.end, b).some((_, j) => w.earlier.has(tokens, according.end + j))) earlier = true;
    // "de source sécuritaire", "from security sources": an unnamed source.
    const who = tokens[according.end - 1]?.norm === 'source' || tokens[according.end - 1]?.norm === 'sources'
      ? { name: article.words(s, according.end - 1, b), kind: 'anonymous' as const, anonymous: true, known: false }
      : resolveSpeaker(article, s, according.end, b);
    if (who) {
      if (!claimant) claimant = who;
      else if (!who.anonymous && RELAY_KINDS.has(who.kind)) via.push({ at: k, speaker: who });
      if (claimant === who || who.anonymous || !RELAY_KINDS.has(who.kind)) speakers.push({ claimant: who, start: k, end: b });
    }
    k = b;
  }

  if (!claimant && !carry) return null;
  for (const [a, b] of regions) {
    start = start < 0 ? a : Math.min(start, a);
    end = Math.max(end, b);
  }
  const except = new Set<string>();
  if (claimant) except.add(fold(claimant.name));
  if (publisherId) except.add(publisherId);
  const claimantActor = claimant ? article.mentions.lookup(claimant.name) : undefined;
  if (claimantActor) except.add(claimantActor.id);
  for (const v of via) {
    const id = article.mentions.lookup(v.speaker.name)?.id;
    if (id) except.add(id);
  }
  via.push(...relays(article, s, 0, tokens.length, except));
  via.sort((x, y) => x.at - y.at);
  // The date of the statement: one said in the attributing words ("announced on Tuesday", "a report released on Thursday").
  let statedAt: string | null = null;
  for (const d of dateMentions(s, w, published)) {
    if (d.day && regions.some(([a, b]) => d.start >= a - 1 && d.start <= b + 2)) {
      statedAt = d.day;
      break;
    }
  }
  if (!earlier) for (let k = 0; k < tokens.length; k++) if (w.earlier.has(tokens, k) && regions.some(([a, b]) => k >= a && k <= b)) earlier = true;
  const distinct = new Set(speakers.map((x) => fold(x.claimant.name)));
  return { claimant, carry: carry && !claimant, via: via.map((v) => v.speaker), statedAt, start, end, earlier, ...(distinct.size > 1 ? { speakers } : {}), ...(carrierSpeaker ? { self: carrierSpeaker } : {}) };
}

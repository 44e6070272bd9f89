import { epochDay, fold, latestDayFor, validateClaim, type Actor, type ActorContext, type ActorRegistry, type Gazetteer } from '@recon/domain';
import { Article, GENERIC_ACTORS } from './article.js';
import { dropRepeats, inheritElided, type Attributed } from './attributed.js';
import { attributionOf, subjectOf, type Attribution, type Speaker } from './attribution.js';
import { detectCountry } from './country.js';
import { draftClaims } from './draft-claims.js';
import { FigureReader } from './figures.js';
import { incidentOf } from './incident-of.js';
import { detectLanguage } from './language.js';
import { wordsOf } from './lexicon/lexicons.js';
import { armyOf, type Party } from './parties.js';
import { quotations } from './quotes.js';
import { speakerLabels } from './speaker-labels.js';
import { tokenize } from './tokens.js';
import type { DraftClaim, Extraction, ExtractRequest } from './types.js';

export interface ExtractorDeps {
  registry: ActorRegistry;
  gazetteer: Gazetteer;
  /** Today (UTC, YYYY-MM-DD): the statement date when neither the text nor the request gives one. */
  today: string;
}

const LAST_CLAIMANT_REACH = 2;
/** How many sentences before a quotation its speaker may be named in. */
const QUOTE_INTRO_REACH = 3;
/** The most figures one extraction drafts: a text with more is a table or a list, better imported as CSV. */
export const MAX_FIGURES = 500;

/**
 * Draft claims from an article: every casualty figure it states, with its claimant, relays, party,
 * outcome, count and words. Pure: the same request and registry give the same drafts.
 */
export function extractClaims(req: ExtractRequest, deps: ExtractorDeps): Extraction {
  const language = req.language ?? detectLanguage(req.text);
  const w = wordsOf(language);
  const warnings: string[] = [];
  const published = req.publishedAt ?? req.source?.publishedAt?.slice(0, 10) ?? null;
  const tokens = tokenize(req.text, language);
  const country = req.incident?.country ?? detectCountry(tokens, w, deps.gazetteer) ?? null;
  if (!country) warnings.push('no country found in the text: the incident country is set to ML; correct it');
  const reference = published ?? deps.today;
  const at = { country: country ?? 'ML', day: epochDay(reference) };
  const article = new Article(req.text, language, w, deps.registry, deps.gazetteer, country ?? 'ML', at, tokens);
  const publisher = publisherOf(req, deps.registry, at);
  const publisherId = publisher ? (deps.registry.lookup(publisher.name, at)?.id ?? null) : null;
  const quotes = quotations(req.text);
  const labels = speakerLabels(article, publisher?.name ?? null);

  const figures: Attributed[] = [];
  const own = new Map<number, Attribution | null>();
  const ownOf = (index: number) => {
    if (!own.has(index)) own.set(index, attributionOf(article, article.sentences[index]!, published, publisherId));
    return own.get(index)!;
  };
  const sentenceAt = (offset: number) => article.sentences.find((s) => s.start <= offset && offset < s.end + 2);
  /**
   * Who says a quotation: the speaker named in its last or first sentence, else in one of the sentences
   * that introduce it ("L'état-major a rendu public un communiqué. Nous vous le proposons dans son
   * intégralité. « … »").
   */
  const quoteSpeakers = new Map<number, { speaker: Attribution | null; carried: boolean }>();
  const quoteSpeaker = (quote: [number, number]): { speaker: Attribution | null; carried: boolean } => {
    let found = quoteSpeakers.get(quote[0]);
    if (!found) {
      found = speakerOfQuote(quote);
      quoteSpeakers.set(quote[0], found);
    }
    return found;
  };
  const speakerOfQuote = (quote: [number, number]): { speaker: Attribution | null; carried: boolean } => {
    for (const edge of [quote[1] - 1, quote[0]]) {
      const other = sentenceAt(edge);
      const theirs = other ? ownOf(other.index) : null;
      if (theirs?.claimant) return { speaker: theirs, carried: false };
      if (theirs?.carry) return { speaker: null, carried: true };
    }
    const first = sentenceAt(quote[0]);
    for (let k = (first?.index ?? 0) - 1; first && k >= Math.max(0, first.index - QUOTE_INTRO_REACH); k--) {
      const intro = ownOf(k);
      if (intro?.claimant) return { speaker: intro, carried: false };
    }
    return { speaker: null, carried: false };
  };
  let last: { attribution: Attribution; index: number } | null = null;
  let lastGroup: Actor | undefined;

  for (const s of article.sentences) {
    if (figures.length >= MAX_FIGURES) {
      warnings.push(`the text states more than ${MAX_FIGURES} figures: only the first ${MAX_FIGURES} were drafted (a table of figures is better imported as CSV)`);
      break;
    }
    const mine = ownOf(s.index);
    const found = new FigureReader(article, s, lastGroup, figures.at(-1)?.party ?? null).read();
    for (const f of found) {
      const offset = s.tokens[f.start]!.start;
      const quote = quotes.find(([a, b]) => a <= offset && offset < b);
      let attribution: Attribution | null = null;
      let voice: Attributed['voice'] = 'own';
      if (mine?.claimant) attribution = mine.speakers ? nearestSpeaker(mine, f) : mine;
      if (!attribution && quote) {
        const { speaker, carried } = quoteSpeaker(quote);
        if (speaker) [attribution, voice] = [speaker, 'quoted'];
        else if (carried && last) [attribution, voice] = [last.attribution, 'carried'];
      }
      // "Moussa Ag Elkhalil : Nous avons perdu trois hommes": the label's speaker, in the first person.
      const label = !attribution ? labels.find((l) => !l.section && l.start <= offset && offset < l.end) : undefined;
      if (label?.speaker) [attribution, voice] = [spokenBy(label.speaker), 'quoted'];
      if (!attribution && !label && last && s.index - last.index <= LAST_CLAIMANT_REACH && (mine?.carry || quote)) {
        attribution = last.attribution;
        voice = 'carried';
      }
      if (!attribution && mine?.carry && mine.self) attribution = { ...mine, claimant: mine.self, carry: false };
      // A communiqué printed under its heading ("COMMUNIQUÉ OF THE MINISTRY OF NATIONAL DEFENCE"): its maker's.
      const section = !attribution ? labels.find((l) => l.section && l.start <= offset && offset < l.end) : undefined;
      if (section?.speaker) [attribution, voice] = [spokenBy(section.speaker), 'quoted'];
      const claimant: Speaker = attribution?.claimant ?? publisher ?? { name: 'unknown publisher', kind: 'media', anonymous: false, known: false };
      if (!attribution) voice = 'publisher';
      const party = f.party.self || f.party.enemy ? sideOf(f.party, claimant, voice, article, deps.registry, at) : f.party;
      const said = attribution && attribution.start >= 0 ? sentenceSpan(article, attribution, voice === 'own' ? s.index : null) : null;
      figures.push({
        ...f,
        party,
        claimant,
        claimantKey: speakerKey(claimant, deps.registry, at),
        partyKey: deps.registry.partyKey(party.name, at),
        via: attribution?.via ?? [],
        statedAt: attribution?.statedAt ?? null,
        headline: s.headline,
        said: voice === 'own' ? said : null,
        voice,
        earlierStatement: attribution?.earlier ?? false,
        words: article.words(s, f.start, f.end),
      });
    }
    if (mine?.claimant) last = { attribution: mine, index: s.index };
    else if (mine?.carry && last) last = { attribution: last.attribution, index: s.index };
    else if (found.length > 0 && figures.at(-1)?.voice !== 'publisher' && last) last = { attribution: last.attribution, index: s.index };
    else if (!mine) {
      // "L'état-major n'a réagi que lundi. Dans un texte lu à l'ORTM, il reconnaît …": a body that is the
      // subject of a sentence is whom the next one's pronoun speaks for.
      const subject = subjectOf(article, s);
      if (subject) last = { attribution: spokenBy(subject), index: s.index };
    }
    for (const m of article.mentions.all(article.text, s.tokens, 0, s.tokens.length)) {
      if ((m.actor.kind === 'armed_group' || m.actor.kind === 'rebel_group') && !GENERIC_ACTORS.has(m.actor.id)) lastGroup = m.actor;
    }
  }

  inheritElided(figures, deps.registry, at);
  const kept = dropRepeats(figures);
  const incident = incidentOf(req, article, kept, ownOf, published, deps.today, country ?? 'ML');
  const drafts = draftClaims(req, article, kept, incident, published, deps.today);
  const first = drafts.reduce<string | null>((min, d) => (min === null || d.claim.statedAt < min ? d.claim.statedAt.slice(0, 10) : min), null);
  // A statement cannot come before its incident: the incident starts no later than the first statement.
  if (first && req.incident?.startDate === undefined && first < incident.startDate) incident.startDate = first;
  const latestDay = latestDayFor(Date.parse(`${deps.today}T00:00:00Z`));
  const claims: DraftClaim[] = [];
  for (const d of drafts) {
    d.claim.incident = incident;
    const validation = validateClaim(d.claim, deps.registry.partyKey, { latestDay });
    if (validation.ok) claims.push(d);
    else warnings.push(`a draft from "${(d.claim.source?.excerpt ?? '').slice(0, 80)}" was left out: ${validation.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  return { language, incident, claims, warnings };
}

/** Of a sentence's several speakers, the one whose words are nearest the figure's (the first keeps the relays). */
function nearestSpeaker(a: Attribution, f: { start: number; end: number }): Attribution {
  const distance = (x: { start: number; end: number }) => (x.end <= f.start ? f.start - x.end : x.start >= f.end ? x.start - f.end : 0);
  const best = a.speakers!.reduce((m, x) => (distance(x) < distance(m) ? x : m));
  if (fold(best.claimant.name) === fold(a.claimant!.name)) return a;
  return { ...a, claimant: best.claimant, via: [], start: best.start, end: best.end, speakers: undefined };
}

/** An attribution to a speaker no words of the sentence name (a label, a heading, the subject of a sentence before). */
const spokenBy = (claimant: Speaker): Attribution => ({ claimant, carry: false, via: [], statedAt: null, start: -1, end: -1, earlier: false });

/**
 * Whose a figure of the claimant's own side ("martyrs", "dans ses rangs", "Côté ami :") or of its enemy
 * ("Côté ennemi :") is, once the claimant is known: an army's enemy is the terrorists it fights, an armed
 * group's the army of the country.
 */
function sideOf(side: Party, claimant: Speaker, voice: Attributed['voice'], article: Article, registry: ActorRegistry, at: ActorContext): Party {
  const unspecified = { name: 'unspecified', known: true };
  const armed = claimant.kind === 'armed_group' || claimant.kind === 'rebel_group';
  if (side.enemy) {
    if (voice === 'publisher' && !claimant.known) return unspecified;
    return armed ? armyOf(article, article.country) : { name: 'terrorists', known: true };
  }
  if ((claimant.anonymous && /secur|milit|army|armee|soldier|soldat/i.test(fold(claimant.name))) || claimant.kind === 'government') {
    return armyOf(article, governmentCountry(registry, claimant.name, at) ?? article.country);
  }
  if (voice === 'publisher' && claimant.known && claimant.kind !== 'media') return { name: claimant.name, known: true };
  if (claimant.anonymous || voice === 'publisher') return unspecified;
  return { name: claimant.name, known: claimant.known, ...(claimant.known ? {} : { kind: claimant.kind }) };
}

/** The country of a government the registry knows by its army's side ("Nigerien government" → NE). */
function governmentCountry(registry: ActorRegistry, name: string, at: ActorContext): string | null {
  const side = registry.lookup(name, at)?.side;
  const sides: Record<string, string> = { 'mali-state': 'ML', 'burkina-state': 'BF', 'niger-state': 'NE', france: 'FR' };
  return side ? (sides[side] ?? null) : null;
}

function publisherOf(req: ExtractRequest, registry: ActorRegistry, at: ActorContext): Speaker | null {
  const name = req.source?.publisher ?? (req.source?.url && URL.canParse(req.source.url) ? new URL(req.source.url).hostname.replace(/^www\./, '') : undefined);
  if (!name) return null;
  const actor = registry.lookup(name, at);
  return { name, kind: actor?.kind ?? 'media', anonymous: false, known: actor !== undefined };
}

function speakerKey(s: Speaker, registry: ActorRegistry, at: ActorContext): string {
  const actor = registry.lookup(s.name, at);
  if (actor) return actor.id;
  return s.anonymous ? `anonymous:${fold(s.name)}` : `name:${fold(s.name)}`;
}

/** The character span of an attribution in its sentence. */
function sentenceSpan(article: Article, a: Attribution, index: number | null): [number, number] | null {
  if (index === null) return null;
  const s = article.sentences[index]!;
  const from = s.tokens[a.start];
  const to = s.tokens[Math.min(a.end, s.tokens.length) - 1];
  return from && to ? [from.start, to.end] : null;
}


import {
  canonicalJson,
  epochDay,
  fold,
  latestDayFor,
  validateClaim,
  type Actor,
  type ActorRegistry,
  type Claim,
  type Gazetteer,
  type IncidentInput,
} from '@recon/domain';
import { Article, GENERIC_ACTORS } from './article.js';
import { attributionOf, datelineCut, type Attribution, type Speaker } from './attribution.js';
import { detectCountry } from './country.js';
import { FigureReader, type FigureMention } from './figures.js';
import { armyOf } from './parties.js';
import { detectLanguage } from './language.js';
import { wordsOf } from './lexicon/lexicons.js';
import { quotations } from './quotes.js';
import { tokenize } from './tokens.js';
import type { DraftClaim, Evidence, Extraction, ExtractRequest } from './types.js';
import { dateMentions } from './when.js';

export interface ExtractorDeps {
  registry: ActorRegistry;
  gazetteer: Gazetteer;
  /** Today (UTC, YYYY-MM-DD): the statement date when neither the text nor the request gives one. */
  today: string;
}

/** A figure with who said it. */
interface Attributed extends FigureMention {
  claimant: Speaker;
  claimantKey: string;
  partyKey: string;
  via: Speaker[];
  statedAt: string | null;
  headline: boolean;
  /** Where the attributing words are (character offsets), if any. */
  said: [number, number] | null;
  voice: 'own' | 'quoted' | 'carried' | 'publisher';
  earlierStatement: boolean;
  /** The figure's words. */
  words: string;
}

const MAX_WORDING = 500;
const MAX_EXCERPT = 10_000;
const LAST_CLAIMANT_REACH = 2;
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

  const figures: Attributed[] = [];
  const own = new Map<number, Attribution | null>();
  const ownOf = (index: number) => {
    if (!own.has(index)) own.set(index, attributionOf(article, article.sentences[index]!, published, publisherId));
    return own.get(index)!;
  };
  const sentenceAt = (offset: number) => article.sentences.find((s) => s.start <= offset && offset < s.end + 2);
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
      if (mine?.claimant) attribution = mine;
      if (!attribution && quote) {
        for (const edge of [quote[1] - 1, quote[0]]) {
          const other = sentenceAt(edge);
          const theirs = other ? ownOf(other.index) : null;
          if (theirs?.claimant) {
            attribution = theirs;
            voice = 'quoted';
            break;
          }
          if (theirs?.carry && last) {
            attribution = last.attribution;
            voice = 'carried';
            break;
          }
        }
      }
      if (!attribution && last && s.index - last.index <= LAST_CLAIMANT_REACH && (mine?.carry || quote)) {
        attribution = last.attribution;
        voice = 'carried';
      }
      const claimant: Speaker = attribution?.claimant ?? publisher ?? { name: 'unknown publisher', kind: 'media', anonymous: false, known: false };
      if (!attribution) voice = 'publisher';
      const party = f.party.self
        ? (claimant.anonymous && /secur|milit|army|armee|soldier|soldat/i.test(fold(claimant.name))) || claimant.kind === 'government'
          ? armyOf(article, governmentCountry(deps.registry, claimant.name, at) ?? article.country)
          : voice === 'publisher' && claimant.known && claimant.kind !== 'media'
          ? { name: claimant.name, known: true }
          : claimant.anonymous || voice === 'publisher'
          ? { name: 'unspecified', known: true }
          : { name: claimant.name, known: claimant.known, ...(claimant.known ? {} : { kind: claimant.kind }) }
        : f.party;
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
    for (const m of article.mentions.all(article.text, s.tokens, 0, s.tokens.length)) {
      if ((m.actor.kind === 'armed_group' || m.actor.kind === 'rebel_group') && !GENERIC_ACTORS.has(m.actor.id)) lastGroup = m.actor;
    }
  }

  inheritElided(figures, deps.registry, at);
  const kept = dropRepeats(figures);
  const incident = incidentOf(req, article, kept, ownOf, published, deps.today, country ?? 'ML');
  const drafts = draftClaims(req, article, kept, incident, published, deps);
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

/** The country of a government the registry knows by its army's side ("Nigerien government" → NE). */
function governmentCountry(registry: ActorRegistry, name: string, at: { country: string; day: number }): string | null {
  const side = registry.lookup(name, at)?.side;
  const sides: Record<string, string> = { 'mali-state': 'ML', 'burkina-state': 'BF', 'niger-state': 'NE', france: 'FR' };
  return side ? (sides[side] ?? null) : null;
}

function publisherOf(req: ExtractRequest, registry: ActorRegistry, at: { country: string; day: number }): Speaker | null {
  const name = req.source?.publisher ?? (req.source?.url && URL.canParse(req.source.url) ? new URL(req.source.url).hostname.replace(/^www\./, '') : undefined);
  if (!name) return null;
  const actor = registry.lookup(name, at);
  return { name, kind: actor?.kind ?? 'media', anonymous: false, known: actor !== undefined };
}

function speakerKey(s: Speaker, registry: ActorRegistry, at: { country: string; day: number }): string {
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

/**
 * "the authorities reported 22 dead": a count with no people named takes the people of the same
 * claimant's last figure of that outcome ("20 soldiers killed" the day before); in a sentence about a
 * toll, of anyone's.
 */
function inheritElided(figures: Attributed[], registry: ActorRegistry, at: { country: string; day: number }): void {
  // The last figure with people, by claimant and outcome and by outcome alone (one pass: an article may state thousands).
  const lastOfClaimant = new Map<string, Attributed>();
  const lastOfOutcome = new Map<string, Attributed>();
  for (const f of figures) {
    if ((f.elided || f.people) && f.partyKey === 'unspecified' && !f.headline) {
      const from = lastOfClaimant.get(`${f.claimantKey}|${f.outcome}`) ?? lastOfOutcome.get(f.outcome);
      if (from) {
        f.party = from.party;
        f.partyKey = registry.partyKey(from.party.name, at);
        f.warnings.push(`the text does not say whose: taken as ${from.party.name}, from the figure before ("${from.words}")`);
      }
    }
    if (f.partyKey !== 'unspecified') {
      lastOfClaimant.set(`${f.claimantKey}|${f.outcome}`, f);
      lastOfOutcome.set(f.outcome, f);
    }
  }
}

/**
 * Headlines repeat the body: a headline figure with the outcome and number (or party) of a body
 * figure is dropped. The same figure said twice by one claimant is kept once.
 */
function dropRepeats(figures: Attributed[]): Attributed[] {
  const body = figures.filter((f) => !f.headline);
  const out: Attributed[] = [];
  const seen = new Set<string>();
  for (const f of figures) {
    if (f.headline && body.some((b) => b.outcome === f.outcome && ((f.value !== null && b.value === f.value) || b.partyKey === f.partyKey))) continue;
    const key = `${f.claimantKey}|${f.partyKey}|${f.outcome}|${canonicalJson(f.count)}|${f.subset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** The incident every draft is filed under. `ownOf`: each sentence's own attribution, read once for the figures. */
function incidentOf(
  req: ExtractRequest,
  article: Article,
  figures: Attributed[],
  ownOf: (index: number) => Attribution | null,
  published: string | null,
  today: string,
  country: string,
): IncidentInput {
  const given = req.incident ?? {};
  let startDate = given.startDate;
  let location = given.location;
  const order = [...figures].sort((a, b) => Number(a.headline) - Number(b.headline));
  for (const f of order) {
    const s = article.sentences[f.sentence]!;
    if (!startDate) {
      const attribution = ownOf(s.index);
      for (const d of dateMentions(s, article.w, published)) {
        const inAttribution = attribution && d.start >= attribution.start - 1 && d.start <= attribution.end + 2 && attribution.statedAt === d.day;
        if (d.day && !inAttribution && (!published || d.day <= published)) {
          startDate = d.day;
          break;
        }
      }
    }
    // Not the dateline's city ("BAMAKO —", "GAO, Mali (Reuters) -"): that is where it was written.
    if (!location) location = article.place({ ...s, tokens: datelineCut(s.tokens) })?.name;
    if (startDate && location) break;
  }
  return {
    ...given,
    country,
    ...(location ? { location } : {}),
    startDate: startDate ?? published ?? today,
  } as IncidentInput;
}

function draftClaims(
  req: ExtractRequest,
  article: Article,
  figures: Attributed[],
  incident: IncidentInput,
  published: string | null,
  deps: ExtractorDeps,
): DraftClaim[] {
  // One claim per claimant and statement; a figure that would repeat a (party, outcome) starts another.
  // A statement's groups are looked through from the first without the figure's (party, outcome) (a
  // group never loses a figure), so an article of thousands of figures is not quadratic.
  const groups: Attributed[][] = [];
  const statements = new Map<string, { groups: Array<{ figures: Attributed[]; pairs: Set<string>; dates: Set<string> }>; firstWithout: Map<string, number> }>();
  for (const f of figures) {
    const key = JSON.stringify([f.claimantKey, f.earlier, f.earlierStatement]);
    const statement = statements.get(key) ?? { groups: [], firstWithout: new Map<string, number>() };
    statements.set(key, statement);
    const pair = JSON.stringify([f.partyKey, f.outcome]);
    let i = statement.firstWithout.get(pair) ?? 0;
    while (i < statement.groups.length && statement.groups[i]!.pairs.has(pair)) i++;
    statement.firstWithout.set(pair, i);
    let group;
    for (; i < statement.groups.length && !group; i++) {
      const g = statement.groups[i]!;
      if (!g.pairs.has(pair) && (f.statedAt === null || g.dates.size === 0 || (g.dates.size === 1 && g.dates.has(f.statedAt)))) group = g;
    }
    if (!group) {
      group = { figures: [], pairs: new Set<string>(), dates: new Set<string>() };
      statement.groups.push(group);
      groups.push(group.figures);
    }
    group.figures.push(f);
    group.pairs.add(pair);
    if (f.statedAt !== null) group.dates.add(f.statedAt);
  }
  const out: DraftClaim[] = [];
  for (const g of groups) {
    const head = g[0]!;
    const via = g.find((f) => f.via.length > 0)?.via ?? [];
    const explicit = g.find((f) => f.statedAt !== null)?.statedAt ?? null;
    const statedAt = explicit ?? published ?? deps.today;
    const claimWarnings: string[] = [];
    const evidence: Evidence[] = [];
    const sentences = [...new Set(g.map((f) => f.sentence))].sort((a, b) => a - b);
    const excerpt = sentences.map((i) => article.words(article.sentences[i]!, 0, article.sentences[i]!.tokens.length)).join(' … ');
    const claim: Claim = {
      incident,
      claimant: { name: head.claimant.name.slice(0, 500), kind: head.claimant.kind },
      ...(via.length > 0 ? { via: via.slice(0, 20).map((v) => ({ name: v.name.slice(0, 500), kind: v.kind })) } : {}),
      statedAt,
      source: { ...req.source, ...(published && !req.source?.publishedAt ? { publishedAt: published } : {}), excerpt: excerpt.slice(0, MAX_EXCERPT) },
      figures: g.map((f, i) => {
        const s = article.sentences[f.sentence]!;
        const from = s.tokens[f.start]!.start;
        const to = s.tokens[Math.min(f.end, s.tokens.length) - 1]!.end;
        const words = article.text.slice(from, to);
        evidence.push({ figure: i, start: from, end: to, text: words, role: 'figure' });
        if (f.said && !evidence.some((e) => e.role === 'claimant' && e.start === f.said![0])) {
          evidence.push({ figure: i, start: f.said[0], end: f.said[1], text: article.text.slice(f.said[0], f.said[1]), role: 'claimant' });
        }
        for (const x of f.warnings) claimWarnings.push(x);
        return {
          party: f.party.name.slice(0, 500),
          ...(f.party.known ? {} : { partyKind: f.party.kind ?? 'other' }),
          outcome: f.outcome,
          count: f.count,
          wording: words.replace(/\s+/g, ' ').slice(0, MAX_WORDING),
        };
      }),
    };
    let confidence = 0.9;
    if (head.voice === 'publisher') {
      confidence -= 0.25;
      claimWarnings.push(req.source?.publisher || req.source?.url ? 'no one is named as saying it: the publisher is the claimant' : 'no one is named as saying it and no publisher was given: set the claimant');
    }
    if (head.voice === 'carried') {
      confidence -= 0.1;
      claimWarnings.push(`attributed to ${head.claimant.name} from an earlier sentence (reported speech): check it`);
    }
    if (head.claimant.anonymous) claimWarnings.push('an unnamed source: check the claimant');
    else if (!head.claimant.known && head.voice !== 'publisher') {
      confidence -= 0.1;
      claimWarnings.push(`claimant "${head.claimant.name}" is not in the actor registry: check its kind`);
    }
    if (g.some((f) => !f.party.known)) confidence -= 0.15;
    if (g.some((f) => f.earlier || f.earlierStatement)) {
      confidence -= 0.1;
      claimWarnings.push('an earlier figure, revised since: set its statedAt before the revision');
    }
    if (g.some((f) => f.subset)) claimWarnings.push('a part of a figure stated beside it (e.g. "including 10"): check its incident and dates');
    if (explicit === null) claimWarnings.push(published ? 'statedAt is the publication date: the text does not say when it was said' : 'no publication date: statedAt is today; set it');
    for (const year of otherYears(article, sentences, published)) claimWarnings.push(`the text puts it in ${year}: perhaps another incident`);
    if ('term' in head.count || g.some((f) => 'term' in f.count)) confidence -= 0.05;
    out.push({ claim, evidence, confidence: Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100, warnings: [...new Set(claimWarnings)] });
  }
  return out;
}

/** Years other than the publication's that the figures' sentences name ("in 2013"). */
function otherYears(article: Article, sentences: number[], published: string | null): number[] {
  const years = new Set<number>();
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  for (const i of sentences) {
    for (const d of dateMentions(article.sentences[i]!, article.w, published)) {
      if (d.year !== null && d.year !== pubYear && d.day === null) years.add(d.year);
    }
  }
  return [...years];
}

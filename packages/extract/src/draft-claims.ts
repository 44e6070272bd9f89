import type { Claim, IncidentInput } from '@recon/domain';
import type { Article } from './article.js';
import type { Attributed } from './attributed.js';
import type { DraftClaim, Evidence, ExtractRequest } from './types.js';
import { dateMentions } from './when.js';

const MAX_WORDING = 500;
const MAX_EXCERPT = 10_000;

/**
 * The drafts: the figures grouped into claims (one per claimant and statement), each with its words in
 * the article, its confidence and what to check.
 */
export function draftClaims(
  req: ExtractRequest,
  article: Article,
  figures: Attributed[],
  incident: IncidentInput,
  published: string | null,
  today: string,
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
    const statedAt = explicit ?? published ?? today;
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

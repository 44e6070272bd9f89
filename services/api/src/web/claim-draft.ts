import type { ExtractBody, ExtractionAnswer } from '@recon/contract';
import { LIMITS, type Count } from '@recon/domain';

/**
 * The claim form's state: what the analyst typed, kept as typed (strings), so that a form sent back
 * with errors shows every value again. `batchOf` turns it into the body of `POST /claims` (the
 * article's source and incident once, as the batch's defaults); `fieldOf` names the form field an
 * API error path belongs to, so each error is shown beside its field.
 */

export const COUNT_FORMS = ['exact', 'min', 'max', 'range', 'approx', 'term'] as const;
export type CountForm = (typeof COUNT_FORMS)[number];

export interface FigureDraft {
  party: string;
  partyKind: string;
  outcome: string;
  form: CountForm;
  n: string;
  min: string;
  max: string;
  term: string;
  wording: string;
}

export interface RelayDraft {
  name: string;
  kind: string;
}

/** Words of the pasted article a drafted claim was read from (UTF-16 offsets into `FormDraft.article.text`). */
export interface EvidenceMark {
  /** The figure of the claim the words are about. */
  figure: number;
  start: number;
  end: number;
  role: 'figure' | 'claimant';
}

export interface ClaimDraft {
  claimantName: string;
  claimantKind: string;
  statedAt: string;
  /** This claim's own words in the source (empty: the article's excerpt). */
  excerpt: string;
  via: RelayDraft[];
  figures: FigureDraft[];
  /** For a claim drafted from a pasted article: its confidence and what to check, in words. */
  notes: string[];
  /** …and the words of the article it was read from. */
  marks: EvidenceMark[];
}

export const SOURCE_FIELDS = ['url', 'publisher', 'title', 'publishedAt', 'excerpt'] as const;
export const INCIDENT_FIELDS = ['key', 'title', 'country', 'location', 'admin1', 'lat', 'lon', 'startDate', 'endDate'] as const;

export interface FormDraft {
  source: Record<(typeof SOURCE_FIELDS)[number], string>;
  incident: Record<(typeof INCIDENT_FIELDS)[number], string>;
  /** An existing incident the analyst picked (its id), and the words they searched for one with. */
  pick: string;
  search: string;
  claims: ClaimDraft[];
  /** The article the claims were drafted from (empty text: none), and its language (en, fr). */
  article: { text: string; language: string };
}

/**
 * How much one form holds. Figures and relays per claim are the contract's own limits, so a claim drafted
 * from an article (which passes `POST /claims` as it is) always fits whole; claims per form are fewer
 * than a batch may hold, and an article with more drafts says so.
 */
export const MAX_CLAIMS = 200;
export const MAX_FIGURES = LIMITS.maxFigures;
export const MAX_RELAYS = LIMITS.maxVia;

export const emptyFigure = (): FigureDraft => ({ party: '', partyKind: '', outcome: 'killed', form: 'exact', n: '', min: '', max: '', term: 'many', wording: '' });
export const emptyClaim = (): ClaimDraft => ({ claimantName: '', claimantKind: '', statedAt: '', excerpt: '', via: [], figures: [emptyFigure()], notes: [], marks: [] });

export function emptyDraft(): FormDraft {
  return {
    source: { url: '', publisher: '', title: '', publishedAt: '', excerpt: '' },
    incident: { key: '', title: '', country: '', location: '', admin1: '', lat: '', lon: '', startDate: '', endDate: '' },
    pick: '',
    search: '',
    claims: [emptyClaim()],
    article: { text: '', language: '' },
  };
}

/** Indexes present in the form for a prefix such as `c0.f` (`c0.f0.party`, `c0.f3.outcome` → 0, 3). */
function indexes(form: URLSearchParams, pattern: RegExp, max: number): number[] {
  const found = new Set<number>();
  for (const k of form.keys()) {
    const m = pattern.exec(k);
    if (m && Number(m[1]) < max) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

const esc = (s: string): string => s.replace(/\./g, '\\.');

/** The draft a posted form holds. */
export function draftOf(form: URLSearchParams): FormDraft {
  const get = (k: string): string => (form.get(k) ?? '').trim();
  const draft = emptyDraft();
  for (const f of SOURCE_FIELDS) draft.source[f] = get(`source.${f}`);
  for (const f of INCIDENT_FIELDS) draft.incident[f] = get(`incident.${f}`);
  draft.pick = get('incident.pick');
  draft.search = get('incident.search');
  const article = articleText(form.get('article.text') ?? '');
  draft.article = { text: article, language: /^(en|fr)$/.test(get('article.language')) ? get('article.language') : '' };
  draft.claims = indexes(form, /^c(\d+)\./, MAX_CLAIMS).map((i): ClaimDraft => {
    const p = `c${i}`;
    return {
      claimantName: get(`${p}.claimant.name`),
      claimantKind: get(`${p}.claimant.kind`),
      statedAt: get(`${p}.statedAt`),
      excerpt: get(`${p}.excerpt`),
      via: indexes(form, new RegExp(`^${esc(p)}\\.via(\\d+)\\.`), MAX_RELAYS).map((j) => ({ name: get(`${p}.via${j}.name`), kind: get(`${p}.via${j}.kind`) })),
      figures: indexes(form, new RegExp(`^${esc(p)}\\.f(\\d+)\\.`), MAX_FIGURES).map((j): FigureDraft => {
        const q = `${p}.f${j}`;
        const formName = get(`${q}.form`);
        return {
          party: get(`${q}.party`),
          partyKind: get(`${q}.partyKind`),
          outcome: get(`${q}.outcome`),
          form: (COUNT_FORMS as readonly string[]).includes(formName) ? (formName as CountForm) : 'exact',
          n: get(`${q}.n`),
          min: get(`${q}.min`),
          max: get(`${q}.max`),
          term: get(`${q}.term`),
          wording: get(`${q}.wording`),
        };
      }),
      notes: form.getAll(`${p}.note`).map((n) => n.trim()).filter((n) => n !== ''),
      marks: marksOf(form.get(`${p}.marks`) ?? '', article.length),
    };
  });
  if (draft.claims.length === 0) draft.claims.push(emptyClaim());
  return draft;
}

/** A whole number as typed, or the text itself (so that the API names the field and says why). */
const num = (s: string): number | string => (/^\d{1,16}$/.test(s.replace(/[\s,_]/g, '')) ? Number(s.replace(/[\s,_]/g, '')) : s);

export function countOf(f: FigureDraft): Count | Record<string, unknown> {
  switch (f.form) {
    case 'exact':
      return { exact: num(f.n) };
    case 'min':
      return { min: num(f.n) };
    case 'max':
      return { max: num(f.n) };
    case 'approx':
      return { approx: num(f.n) };
    case 'range':
      return { min: num(f.min), max: num(f.max) };
    case 'term':
      return { term: f.term };
  }
}

/** Only the fields the analyst filled. */
function filled<K extends string>(rec: Record<K, string>, numeric: readonly string[] = []): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rec) as [K, string][]) {
    if (v === '') continue;
    out[k] = numeric.includes(k) && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return out;
}

/** The kind the registry gives a name, for actors whose kind the analyst left to it. */
export type KindOf = (name: string) => string | undefined;

const actorRef = (name: string, kind: string, kindOf: KindOf): Record<string, string> => {
  const k = kind || (name ? kindOf(name) : undefined);
  return { name, ...(k ? { kind: k } : {}) };
};

/** The body of `POST /claims` for this draft: the source and incident once, as defaults. */
export function batchOf(draft: FormDraft, picked: Record<string, unknown> | null, kindOf: KindOf): { defaults: Record<string, unknown>; claims: Record<string, unknown>[] } {
  const source = filled(draft.source);
  const incident = picked ?? filled(draft.incident, ['lat', 'lon']);
  const defaults: Record<string, unknown> = { incident };
  if (Object.keys(source).length > 0) defaults.source = source;
  const claims = draft.claims.map((c) => {
    const claim: Record<string, unknown> = {
      claimant: actorRef(c.claimantName, c.claimantKind, kindOf),
      statedAt: c.statedAt || draft.source.publishedAt,
      figures: c.figures.map((f) => ({
        party: f.party,
        ...(f.partyKind ? { partyKind: f.partyKind } : {}),
        outcome: f.outcome,
        count: countOf(f),
        ...(f.wording ? { wording: f.wording } : {}),
      })),
    };
    const via = c.via.filter((r) => r.name !== '').map((r) => actorRef(r.name, r.kind, kindOf));
    if (via.length > 0) claim.via = via;
    // The claim's own excerpt wins over the article's (the batch merges source field by field).
    if (c.excerpt !== '') claim.source = { excerpt: c.excerpt };
    return claim;
  });
  return { defaults, claims };
}

/**
 * The form field an error of claim `i` is about: `incident.country` and `source.url` are shared,
 * `claimant.name` → `c0.claimant.name`, `via[1].kind` → `c0.via1.kind`, `figures[2].count.exact` →
 * `c0.f2.count`, `figures[2].party` → `c0.f2.party`; anything else belongs to the claim (`c0`).
 */
export function fieldOf(i: number, path: string): string {
  if (path.startsWith('incident.') || path === 'incident') return path === 'incident' ? 'incident.country' : path.split('.').slice(0, 2).join('.');
  if (path.startsWith('source.')) return path.split('.').slice(0, 2).join('.');
  const fig = /^figures\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (fig) return fig[2] ? `c${i}.f${fig[1]}.${fig[2]}` : `c${i}.f${fig[1]}.party`;
  const via = /^via\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (via) return `c${i}.via${via[1]}.${via[2] ?? 'name'}`;
  if (path.startsWith('claimant')) return `c${i}.claimant.${path.split('.')[1] ?? 'name'}`;
  if (path === 'statedAt') return `c${i}.statedAt`;
  return `c${i}`;
}

// Drafts from a pasted article (`POST /extract`): what the analyst gave, the request, and the drafts
// as the form's claims, each with the words of the article it was read from.

/** An article's line breaks as the server keeps them: a browser sends a textarea's (and a hidden field's) as CRLF. */
export const articleText = (s: string): string => s.replace(/\r\n?/g, '\n');

/** The marks a form carried back (JSON in a hidden field), keeping only well-formed ones inside the article. */
export function marksOf(json: string, length: number): EvidenceMark[] {
  if (json === '' || length === 0) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const int = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  return raw
    .filter((m): m is EvidenceMark => {
      if (m === null || typeof m !== 'object') return false;
      const { figure, start, end, role } = m as Record<string, unknown>;
      return int(figure) && int(start) && int(end) && start < end && end <= length && (role === 'figure' || role === 'claimant');
    })
    .map(({ figure, start, end, role }) => ({ figure, start, end, role }));
}

/** The "paste an article" form's fields, as typed. */
export interface ArticleInput {
  text: string;
  publishedAt: string;
  publisher: string;
  country: string;
  key: string;
  startDate: string;
  language: string;
}

export const ARTICLE_FIELDS = ['publishedAt', 'publisher', 'country', 'key', 'startDate', 'language'] as const;

export const emptyArticleInput = (): ArticleInput => ({ text: '', publishedAt: '', publisher: '', country: '', key: '', startDate: '', language: '' });

export function articleInputOf(form: URLSearchParams): ArticleInput {
  const input = emptyArticleInput();
  input.text = articleText(form.get('extract.text') ?? '');
  for (const f of ARTICLE_FIELDS) input[f] = (form.get(`extract.${f}`) ?? '').trim();
  return input;
}

/** The body of `POST /extract`: the article, and only the fields the analyst filled. */
export function extractBodyOf(input: ArticleInput): ExtractBody {
  const body: ExtractBody = { text: input.text };
  if (input.language !== '') body.language = input.language as ExtractBody['language'];
  if (input.publishedAt !== '') body.publishedAt = input.publishedAt;
  if (input.publisher !== '') body.source = { publisher: input.publisher };
  const incident: Record<string, string> = {};
  if (input.country !== '') incident.country = input.country;
  if (input.key !== '') incident.key = input.key;
  if (input.startDate !== '') incident.startDate = input.startDate;
  if (Object.keys(incident).length > 0) body.incident = incident;
  return body;
}

/** The article form's field an error of `POST /extract` is about (`incident.country` → `extract.country`). */
export function articleFieldOf(path: string): string {
  const field = { text: 'text', publishedAt: 'publishedAt', language: 'language', 'source.publisher': 'publisher', 'incident.country': 'country', 'incident.key': 'key', 'incident.startDate': 'startDate' }[path];
  return field ? `extract.${field}` : 'extract.text';
}

/** The count picker's fields for a count (the inverse of `countOf`). */
export function countFieldsOf(count: Partial<Record<'exact' | 'min' | 'max' | 'approx', number>> & { term?: string }): Pick<FigureDraft, 'form' | 'n' | 'min' | 'max' | 'term'> {
  const blank = { n: '', min: '', max: '', term: 'many' };
  if (count.exact !== undefined) return { ...blank, form: 'exact', n: String(count.exact) };
  if (count.approx !== undefined) return { ...blank, form: 'approx', n: String(count.approx) };
  if (count.term !== undefined) return { ...blank, form: 'term', term: count.term };
  if (count.min !== undefined && count.max !== undefined) return { ...blank, form: 'range', min: String(count.min), max: String(count.max) };
  if (count.min !== undefined) return { ...blank, form: 'min', n: String(count.min) };
  if (count.max !== undefined) return { ...blank, form: 'max', n: String(count.max) };
  return { ...blank, form: 'exact' };
}

const strings = (rec: Record<string, unknown> | undefined, fields: readonly string[]): Record<string, string> =>
  Object.fromEntries(fields.map((f) => [f, rec?.[f] === undefined || rec[f] === null ? '' : String(rec[f])]));

/**
 * The form for an extraction: the article's source (the publisher and date typed, the rest from the
 * drafts), the incident every draft is filed under, one claim per draft (at most MAX_CLAIMS, each
 * with its notes and the marks of its words) and the article itself.
 */
export function draftOfExtraction(extraction: ExtractionAnswer, input: ArticleInput): FormDraft {
  const draft = emptyDraft();
  const firstSource = extraction.claims[0]?.claim.source as Record<string, unknown> | undefined;
  const source = strings(firstSource, SOURCE_FIELDS);
  draft.source = {
    url: source.url!,
    title: source.title!,
    publisher: input.publisher || source.publisher!,
    publishedAt: input.publishedAt || source.publishedAt!,
    excerpt: '',
  };
  draft.incident = strings(extraction.incident as Record<string, unknown>, INCIDENT_FIELDS) as FormDraft['incident'];
  draft.article = { text: input.text, language: extraction.language };
  draft.claims = extraction.claims.slice(0, MAX_CLAIMS).map((d): ClaimDraft => {
    const c = d.claim;
    return {
      claimantName: c.claimant.name,
      claimantKind: c.claimant.kind,
      statedAt: c.statedAt,
      excerpt: c.source?.excerpt ?? '',
      via: (c.via ?? []).slice(0, MAX_RELAYS).map((r) => ({ name: r.name, kind: r.kind })),
      figures: c.figures.slice(0, MAX_FIGURES).map((f) => ({
        party: f.party,
        partyKind: f.partyKind ?? '',
        outcome: f.outcome,
        ...countFieldsOf(f.count),
        wording: f.wording ?? '',
      })),
      notes: [`Drafted from the article with confidence ${Math.round(d.confidence * 100)}%: check it against the marked words.`, ...d.warnings.map((w) => `Check: ${w}`)],
      marks: marksOf(JSON.stringify(d.evidence.filter((e) => e.figure < MAX_FIGURES)), input.text.length),
    };
  });
  if (draft.claims.length === 0) draft.claims.push(emptyClaim());
  return draft;
}

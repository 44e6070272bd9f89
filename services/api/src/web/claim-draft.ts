import type { Count } from '@recon/domain';

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

export interface ClaimDraft {
  claimantName: string;
  claimantKind: string;
  statedAt: string;
  /** This claim's own words in the source (empty: the article's excerpt). */
  excerpt: string;
  via: RelayDraft[];
  figures: FigureDraft[];
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
}

export const MAX_CLAIMS = 50;
export const MAX_FIGURES = 20;
export const MAX_RELAYS = 5;

export const emptyFigure = (): FigureDraft => ({ party: '', partyKind: '', outcome: 'killed', form: 'exact', n: '', min: '', max: '', term: 'many', wording: '' });
export const emptyClaim = (): ClaimDraft => ({ claimantName: '', claimantKind: '', statedAt: '', excerpt: '', via: [], figures: [emptyFigure()] });

export function emptyDraft(): FormDraft {
  return {
    source: { url: '', publisher: '', title: '', publishedAt: '', excerpt: '' },
    incident: { key: '', title: '', country: '', location: '', admin1: '', lat: '', lon: '', startDate: '', endDate: '' },
    pick: '',
    search: '',
    claims: [emptyClaim()],
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

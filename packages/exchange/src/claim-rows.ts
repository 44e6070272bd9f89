import { intervalOf, type Claim, type Count, type ResolvedClaim } from '@recon/domain';

/**
 * A claim as rows for spreadsheets and R/pandas: one row per figure, with the claim's own fields
 * repeated (incident as the claim described it, claimant, relays, source), the figure's canonical
 * party, its interval, its perspective, whether it is current or superseded in the incident's latest
 * report, and whether the claim was retracted. `claimsOfRows` turns such rows back into the exact
 * claims (same ids), so an export can be edited and imported again.
 */
export const CLAIM_COLUMNS = [
  'incident_id',
  'incident_key',
  'incident_title',
  'country',
  'admin1',
  'location',
  'lat',
  'lon',
  'start_date',
  'end_date',
  'claim_id',
  'claimant',
  'claimant_kind',
  'claimant_id',
  'via',
  'via_kinds',
  'via_ids',
  'stated_at',
  'figure',
  'party_as_reported',
  'party_kind',
  'party_id',
  'party',
  'outcome',
  'count_form',
  'count',
  'low',
  'high',
  'high_open',
  'wording',
  'perspective',
  'state',
  'retracted',
  'source_publisher',
  'source_url',
  'source_title',
  'source_published_at',
  'source_excerpt',
  'shape',
] as const;

export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];
export type Cell = string | number | boolean | null;
export type ClaimRow = Record<ClaimColumn, Cell>;

/** A figure's standing in the incident's latest report. */
export type FigureState = 'current' | 'superseded' | 'not_reported';

export const COUNT_FORMS = ['exact', 'min', 'max', 'range', 'approx', 'term'] as const;
export type CountForm = (typeof COUNT_FORMS)[number];

/** Separates the relays of a via chain in one cell: nearest the claimant first. */
export const VIA_SEPARATOR = ' > ';

/**
 * The relays' names in one cell: joined by ` > `, unless a name would not split back into itself
 * (a name holding ` > `); then the names as a JSON array, and the `shape` cell says `via=json`.
 */
function viaNamesCell(names: readonly string[]): { text: string; json: boolean } {
  const joined = names.join(VIA_SEPARATOR);
  const splits = joined.split(VIA_SEPARATOR);
  const exact = splits.length === names.length && splits.every((n, i) => n === names[i]);
  return exact ? { text: joined, json: false } : { text: JSON.stringify(names), json: true };
}

export function countCells(count: Count): { form: CountForm; text: string } {
  if ('exact' in count) return { form: 'exact', text: String(count.exact) };
  if ('approx' in count) return { form: 'approx', text: String(count.approx) };
  if ('term' in count) return { form: 'term', text: count.term };
  if ('min' in count && 'max' in count) return { form: 'range', text: `${count.min}-${count.max}` };
  if ('min' in count) return { form: 'min', text: String(count.min) };
  return { form: 'max', text: String(count.max) };
}

/**
 * What the cells alone cannot say: fields a claim has but that are empty (`via: []`, `source: {}`),
 * and relays' names written as JSON (`via=json`). Usually empty.
 */
function shapeOf(claim: Claim, viaJson: boolean): string {
  const marks: string[] = [];
  if (claim.via && claim.via.length === 0) marks.push('via=[]');
  if (viaJson) marks.push('via=json');
  if (claim.source && Object.keys(claim.source).length === 0) marks.push('source={}');
  return marks.join(';');
}

export interface ClaimRowsInput {
  /** The claim as stored (validated). */
  claim: Claim;
  id: string;
  resolved: ResolvedClaim;
  /** The live incident it is in now. */
  incidentId: string;
  retracted: boolean;
  stateOf: (partyId: string, outcome: string) => FigureState;
  /** The relays' canonical actor ids, in order (absent: the `via_ids` cell stays empty). */
  viaIds?: readonly string[];
}

export function claimRowsOf({ claim, id, resolved, incidentId, retracted, stateOf, viaIds }: ClaimRowsInput): ClaimRow[] {
  const i = claim.incident;
  const via = claim.via ?? [];
  const s = claim.source;
  const viaNames = viaNamesCell(via.map((v) => v.name));
  const shape = shapeOf(claim, via.length > 0 && viaNames.json) || null;
  return claim.figures.map((f, n): ClaimRow => {
    const r = resolved.figures[n]!;
    const interval = intervalOf(f.count);
    const count = countCells(f.count);
    return {
      incident_id: incidentId,
      incident_key: i.key ?? null,
      incident_title: i.title ?? null,
      country: i.country,
      admin1: i.admin1 ?? null,
      location: i.location ?? null,
      lat: i.lat ?? null,
      lon: i.lon ?? null,
      start_date: i.startDate,
      end_date: i.endDate ?? null,
      claim_id: id,
      claimant: claim.claimant.name,
      claimant_kind: claim.claimant.kind,
      claimant_id: resolved.claimant.id,
      via: via.length > 0 ? viaNames.text : null,
      via_kinds: via.length > 0 ? via.map((v) => v.kind).join(VIA_SEPARATOR) : null,
      via_ids: via.length > 0 && viaIds && viaIds.length === via.length ? viaIds.join(VIA_SEPARATOR) : null,
      stated_at: claim.statedAt,
      figure: n + 1,
      party_as_reported: f.party,
      party_kind: f.partyKind ?? null,
      party_id: r.party.id,
      party: r.party.name,
      outcome: f.outcome,
      count_form: count.form,
      count: count.text,
      low: interval.low,
      high: interval.quantified ? interval.high : null,
      high_open: interval.quantified && interval.high === null,
      wording: f.wording ?? null,
      perspective: r.perspective,
      state: stateOf(r.party.id, f.outcome),
      retracted,
      source_publisher: s?.publisher ?? null,
      source_url: s?.url ?? null,
      source_title: s?.title ?? null,
      source_published_at: s?.publishedAt ?? null,
      source_excerpt: s?.excerpt ?? null,
      shape,
    };
  });
}

/** A claims row as NDJSON gives it: the same columns, with the relays as arrays rather than joined. */
export type ClaimJsonRow = Omit<ClaimRow, 'via' | 'via_kinds' | 'via_ids'> & {
  via: string[] | null;
  via_kinds: string[] | null;
  via_ids: string[] | null;
};

/** The rows of `claimRowsOf` for NDJSON: `via`, `via_kinds` and `via_ids` as arrays (null without relays). */
export function claimJsonRowsOf(input: ClaimRowsInput): ClaimJsonRow[] {
  const via = input.claim.via ?? [];
  const { viaIds } = input;
  const lists = {
    via: via.length > 0 ? via.map((v) => v.name) : null,
    via_kinds: via.length > 0 ? via.map((v) => v.kind as string) : null,
    via_ids: via.length > 0 && viaIds && viaIds.length === via.length ? [...viaIds] : null,
  };
  // Arrays need no JSON mark in the shape cell: only `via=[]` and `source={}` remain.
  const shape = shapeOf(input.claim, false) || null;
  return claimRowsOf(input).map((row) => ({ ...row, ...lists, shape }));
}

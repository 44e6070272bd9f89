import { fold, fieldsOf, type Derivation, type IncidentFields, type IncidentOverrides } from '@recon/domain';
import type { incidents } from '../schema.js';

export type IncidentRow = typeof incidents.$inferSelect;

/** The incidents columns under IncidentRow's names, for the statements that skip drizzle's mapping. */
export const INCIDENT_COLUMNS = `id, key, country, place_id AS "placeId", place_name AS "placeName", location, admin1, title, lat, lon,
  start_date AS "startDate", end_date AS "endDate", first_day AS "firstDay", last_day AS "lastDay", search_text AS "searchText",
  needs_review AS "needsReview", candidates, anchor, match_country AS "matchCountry", match_place_id AS "matchPlaceId",
  match_first AS "matchFirst", match_last AS "matchLast", derivation, overrides, review_decision AS "reviewDecision",
  merged_into AS "mergedInto", retired_by AS "retiredBy", claim_seq AS "claimSeq", reported_seq AS "reportedSeq",
  latest_version AS "latestVersion", created_at AS "createdAt", updated_at AS "updatedAt"`;

export type RawIncident = Omit<IncidentRow, 'needsReview' | 'candidates' | 'anchor'> & { needsReview: number; candidates: string; anchor: number };

export const incidentRowOf = (raw: RawIncident): IncidentRow => ({
  ...raw,
  needsReview: raw.needsReview !== 0,
  anchor: raw.anchor !== 0,
  candidates: JSON.parse(raw.candidates) as string[],
});

export const derivationOf = (row: Pick<IncidentRow, 'derivation'>): Derivation => JSON.parse(row.derivation) as Derivation;
export const overridesOf = (row: Pick<IncidentRow, 'overrides'>): IncidentOverrides => JSON.parse(row.overrides) as IncidentOverrides;

type SearchFields = Pick<IncidentFields, 'key' | 'title' | 'location' | 'placeName' | 'admin1'>;
/** What `q` matches: key, title and place names, folded. */
export const searchTextOf = (r: SearchFields): string =>
  [r.key, r.title, r.location, r.placeName, r.admin1].filter((v): v is string => v !== null).map(fold).join(' | ');

/**
 * The columns that incident resolution writes, named for a prepared statement's parameters: the
 * incident's fields as the domain derives them, plus what the row stores beside them.
 */
export type ResolvedColumns = Omit<IncidentFields, 'setByHand'> & {
  id: string;
  searchText: string;
  needsReview: number;
  candidates: string;
  anchor: number;
  derivation: string;
  overrides: string;
};

/** An incident's columns from its derivation, overrides and review state. */
export function columnsOf(
  id: string,
  d: Derivation,
  overrides: IncidentOverrides,
  state: { anchor: boolean; needsReview: boolean; candidates: readonly string[] },
): ResolvedColumns {
  const { setByHand: _setByHand, ...f } = fieldsOf(d, overrides);
  return {
    id,
    ...f,
    searchText: searchTextOf(f),
    needsReview: state.needsReview ? 1 : 0,
    candidates: JSON.stringify(state.candidates),
    anchor: state.anchor ? 1 : 0,
    derivation: JSON.stringify(d),
    overrides: JSON.stringify(overrides),
  };
}

/** Whether the columns differ from what the row holds (so the incident's report must be rebuilt). */
export function columnsDiffer(row: IncidentRow, c: ResolvedColumns): boolean {
  return (
    row.key !== c.key ||
    row.country !== c.country ||
    row.placeId !== c.placeId ||
    row.placeName !== c.placeName ||
    row.location !== c.location ||
    row.admin1 !== c.admin1 ||
    row.title !== c.title ||
    row.lat !== c.lat ||
    row.lon !== c.lon ||
    row.startDate !== c.startDate ||
    row.endDate !== c.endDate ||
    row.needsReview !== (c.needsReview === 1) ||
    JSON.stringify(row.candidates) !== c.candidates ||
    row.anchor !== (c.anchor === 1) ||
    row.overrides !== c.overrides ||
    row.mergedInto !== null
  );
}

import { sha256Hex } from '../canonical-json.js';
import type { Claim } from '../claim-schema.js';
import { instantKey, spanOf } from '../dates.js';
import type { Place } from '../gazetteer.js';
import { fold } from '../text.js';

/** Days either side within which a keyless claim's dates must come to an incident's (CONTRACT.md 3). */
export const MATCH_TOLERANCE_DAYS = 2;
/**
 * The longest an automatic (keyless) incident may grow by linking claims: attacks every other day
 * at one town over a month stay separate incidents instead of chaining into one.
 */
export const MAX_AUTO_SPAN_DAYS = 7;
/**
 * A keyless claim whose own dates cover more than this many days ("2024-03" to "2024-06") describes
 * a period, not an incident: it is never matched automatically and opens an incident of its own.
 */
export const MAX_MATCH_SPAN_DAYS = 62;

/** Incident ids are short digests of what fixes them: a key, a place and day, a claim. */
export const incidentIdFor = (seed: string): string => `inc-${sha256Hex(seed).slice(0, 16)}`;
/** The incident of a key. */
export const keyedIncidentId = (key: string): string => incidentIdFor(`key:${key}`);
/** The incident of a claim that can match nothing else. */
export const ownIncidentId = (claimId: string): string => incidentIdFor(`claim:${claimId}`);

/**
 * What incident resolution needs to know of one claim: its incident block, its canonical place,
 * its day span and its place in the fixed order in which claims fill an incident's gaps.
 */
export interface IncidentFacts {
  id: string;
  /** `statedAt` as a sortable instant, then the claim id: the order in which claims fill gaps. */
  order: string;
  key: string | null;
  country: string;
  placeId: string | null;
  placeName: string | null;
  /** The gazetteer's admin1 for the place, used when the claim gives none. */
  placeAdmin1: string | null;
  location: string | null;
  admin1: string | null;
  title: string | null;
  lat: number | null;
  lon: number | null;
  startDate: string;
  endDate: string | null;
  /** Epoch days covered by startDate..endDate. */
  first: number;
  last: number;
  /** Same key, country, place and dates: claims that describe the incident identically. */
  signature: string;
}

export const orderKeyOf = (statedAt: string, claimId: string): string => `${instantKey(statedAt)}\u0000${claimId}`;

/** The incident facts of a valid claim, with its location's canonical place (or null without one). */
export function incidentFactsOf(id: string, claim: Claim, place: Place | null): IncidentFacts {
  const inc = claim.incident;
  const span = spanOf(inc.startDate, inc.endDate);
  const where = place?.id ?? (inc.location === undefined ? '' : fold(inc.location));
  return {
    id,
    order: orderKeyOf(claim.statedAt, id),
    key: inc.key ?? null,
    country: inc.country,
    placeId: place?.id ?? null,
    placeName: place?.name ?? null,
    placeAdmin1: place?.admin1 ?? null,
    location: inc.location ?? null,
    admin1: inc.admin1 ?? null,
    title: inc.title ?? null,
    lat: inc.lat ?? null,
    lon: inc.lon ?? null,
    startDate: inc.startDate,
    endDate: inc.endDate ?? null,
    first: span.first,
    last: span.last,
    signature: sha256Hex(JSON.stringify([inc.key ?? null, inc.country, where, inc.startDate, inc.endDate ?? null])).slice(0, 24),
  };
}

/** A keyless claim that may be matched by place and dates: it has a place and a span short enough. */
export function isMatchable(f: Pick<IncidentFacts, 'key' | 'placeId' | 'first' | 'last'>): boolean {
  return f.key === null && f.placeId !== null && f.last - f.first + 1 <= MAX_MATCH_SPAN_DAYS;
}

/** Whether two day spans come within the matching tolerance of each other. */
export const near = (a: { first: number; last: number }, b: { first: number; last: number }): boolean =>
  a.first <= b.last + MATCH_TOLERANCE_DAYS && b.first <= a.last + MATCH_TOLERANCE_DAYS;

import { dayRange } from '../dates.js';
import { keyedIncidentId, MAX_MATCH_SPAN_DAYS, type IncidentFacts } from './incident-facts.js';

/** A value and the order key of the claim that gave it: the earliest claim (statedAt, id) wins. */
export interface Held<T> {
  v: T;
  k: string;
}

export interface HeldPlace {
  country: string;
  placeId: string;
  placeName: string | null;
  placeAdmin1: string | null;
}

/**
 * What an incident's members say of it, kept so that adding a member is a constant-time merge:
 * each field holds the value of the earliest claim (by statedAt, then claim id) that gives one, the
 * dates hold the union of the members' spans. Folding the same members in any order gives the same
 * derivation. `core*` covers only the members that fix the incident (its key's claims, claims put
 * there by hand): an incident is matched by its core place and dates, so that claims joining it by
 * place and dates never widen what it matches.
 */
export interface Derivation {
  country: Held<string> | null;
  place: Held<HeldPlace> | null;
  location: Held<string> | null;
  admin1: Held<string> | null;
  title: Held<string> | null;
  lat: Held<number> | null;
  lon: Held<number> | null;
  /** The earliest start: day, the date as written, order key (ties: the earlier claim). */
  start: { v: string; first: number; k: string } | null;
  /** The latest end: day, the date as written (endDate, else startDate), order key. */
  end: { v: string; last: number; k: string } | null;
  /** The key whose incident this is, when a member's key names it. */
  homeKey: Held<string> | null;
  corePlace: Held<HeldPlace> | null;
  coreFirst: number | null;
  coreLast: number | null;
}

export const emptyDerivation = (): Derivation => ({
  country: null,
  place: null,
  location: null,
  admin1: null,
  title: null,
  lat: null,
  lon: null,
  start: null,
  end: null,
  homeKey: null,
  corePlace: null,
  coreFirst: null,
  coreLast: null,
});

function earliest<T>(held: Held<T> | null, v: T | null, k: string): Held<T> | null {
  if (v === null) return held;
  return held === null || k < held.k ? { v, k } : held;
}

/**
 * Adds one member to an incident's derivation: a new object, or `d` itself when the member changes
 * nothing (most members of an incident do not). `core`: the member fixes the incident (see Derivation).
 */
export function addMember(d: Derivation, f: IncidentFacts, incidentId: string, core: boolean): Derivation {
  const k = f.order;
  const place: HeldPlace | null =
    f.placeId === null ? null : { country: f.country, placeId: f.placeId, placeName: f.placeName, placeAdmin1: f.placeAdmin1 };
  const next: Derivation = {
    country: earliest(d.country, f.country, k),
    place: earliest(d.place, place, k),
    location: earliest(d.location, f.location, k),
    admin1: earliest(d.admin1, f.admin1 ?? f.placeAdmin1, k),
    title: earliest(d.title, f.title, k),
    lat: earliest(d.lat, f.lat, k),
    lon: earliest(d.lon, f.lon, k),
    start:
      d.start === null || f.first < d.start.first || (f.first === d.start.first && k < d.start.k)
        ? { v: f.startDate, first: f.first, k }
        : d.start,
    end: d.end === null || f.last > d.end.last || (f.last === d.end.last && k < d.end.k) ? { v: f.endDate ?? f.startDate, last: f.last, k } : d.end,
    homeKey: f.key !== null && keyedIncidentId(f.key) === incidentId ? earliest(d.homeKey, f.key, k) : d.homeKey,
    corePlace: core ? earliest(d.corePlace, place, k) : d.corePlace,
    coreFirst: core ? Math.min(d.coreFirst ?? f.first, f.first) : d.coreFirst,
    coreLast: core ? Math.max(d.coreLast ?? f.last, f.last) : d.coreLast,
  };
  for (const key of Object.keys(next) as (keyof Derivation)[]) if (next[key] !== d[key]) return next;
  return d;
}

/** Folds members into a derivation; `isCore` says which of them fix the incident. */
export function deriveIncident(incidentId: string, members: readonly IncidentFacts[], isCore: (f: IncidentFacts) => boolean = () => true): Derivation {
  let d = emptyDerivation();
  for (const f of members) d = addMember(d, f, incidentId, isCore(f));
  return d;
}

/** Fields an analyst may set by hand; each one overrides the value derived from the claims. */
export interface IncidentOverrides {
  key?: string;
  title?: string;
  /** The location as the analyst wrote it, with its canonical place. */
  location?: { location: string; place: HeldPlace | null };
  admin1?: string;
  lat?: number;
  lon?: number;
  startDate?: string;
  endDate?: string;
}
export const OVERRIDABLE_FIELDS = ['key', 'title', 'location', 'admin1', 'lat', 'lon', 'startDate', 'endDate'] as const;
export type OverridableField = (typeof OVERRIDABLE_FIELDS)[number];

/** An incident's fields as shown and matched. */
export interface IncidentFields {
  key: string | null;
  country: string;
  placeId: string | null;
  placeName: string | null;
  location: string | null;
  admin1: string | null;
  title: string | null;
  lat: number | null;
  lon: number | null;
  startDate: string;
  endDate: string | null;
  /** The shown span in epoch days. */
  firstDay: number;
  lastDay: number;
  /** Where and when the incident is matched by keyless claims (null place: never matched). */
  matchCountry: string | null;
  matchPlaceId: string | null;
  matchFirst: number;
  matchLast: number;
  /** The fields whose value an analyst set by hand. */
  setByHand: OverridableField[];
}

/** `end` is on or after `start`: its last day is not before start's first day. */
export const endNotBeforeStart = (start: string, end: string): boolean => dayRange(end).last >= dayRange(start).first;

/**
 * An incident's fields from its derivation and an analyst's overrides. Dates are the union of the
 * members' spans (endDate null when the start date alone covers it); endDate is never before
 * startDate.
 */
export function fieldsOf(d: Derivation, overrides: IncidentOverrides = {}): IncidentFields {
  if (d.start === null || d.end === null || d.country === null) throw new Error('an incident needs at least one claim');
  const place = overrides.location ? overrides.location.place : (d.place?.v ?? null);
  const startDate = overrides.startDate ?? d.start.v;
  let endDate: string | null = overrides.endDate ?? (d.end.last === dayRange(d.start.v).last ? null : d.end.v);
  if (endDate !== null && !endNotBeforeStart(startDate, endDate)) endDate = null;
  const span = { first: dayRange(startDate).first, last: Math.max(dayRange(startDate).last, endDate === null ? -Infinity : dayRange(endDate).last) };
  // Where and when keyless claims match it: its core claims' place and days (claims that joined by
  // place and dates never widen it), or what an analyst set by hand. An incident longer than
  // MAX_MATCH_SPAN_DAYS is a period, not an event, and matches nothing.
  const matchFirst = overrides.startDate !== undefined ? span.first : (d.coreFirst ?? span.first);
  const matchLast = Math.max(matchFirst, overrides.endDate !== undefined && endDate !== null ? span.last : (d.coreLast ?? span.last));
  const matchable = matchLast - matchFirst + 1 <= MAX_MATCH_SPAN_DAYS;
  const matchPlace = !matchable ? null : overrides.location ? overrides.location.place : (d.corePlace?.v ?? null);
  return {
    key: overrides.key ?? d.homeKey?.v ?? null,
    country: d.country.v,
    placeId: place?.placeId ?? null,
    placeName: place?.placeName ?? null,
    location: overrides.location?.location ?? d.location?.v ?? null,
    admin1: overrides.admin1 ?? d.admin1?.v ?? place?.placeAdmin1 ?? null,
    title: overrides.title ?? d.title?.v ?? null,
    lat: overrides.lat ?? d.lat?.v ?? null,
    lon: overrides.lon ?? d.lon?.v ?? null,
    startDate,
    endDate,
    firstDay: span.first,
    lastDay: span.last,
    matchCountry: matchPlace?.country ?? null,
    matchPlaceId: matchPlace?.placeId ?? null,
    matchFirst,
    matchLast,
    setByHand: OVERRIDABLE_FIELDS.filter((f) => overrides[f] !== undefined),
  };
}

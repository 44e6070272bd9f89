import {
  dayRange,
  endNotBeforeStart,
  incidentIdFor,
  keyedIncidentId,
  OVERRIDABLE_FIELDS,
  type CurationAction,
  type CurationEffects,
  type IncidentOverrides,
  type OverridableField,
  type ReviewDecision,
} from '@recon/domain';
import { column, get, run, value, type Work } from '../sql/work.js';
import type { AuditEvent, AuditLog } from './audit-log.js';
import { CurationError } from './curation-error.js';
import type { IncidentQueries } from './incident-queries.js';
import { windowOf, type IncidentResolver, type MatchWindow } from './incident-resolver.js';
import { derivationOf, overridesOf, type IncidentRow } from './incident-rows.js';

/** Who acts, when, and why. */
export interface CurationContext {
  actor: string;
  now: string;
  note: string | null;
}

/** What an action did: `changed` false when the same request had already been carried out. */
export interface CurationResult {
  changed: boolean;
  event: AuditEvent | null;
  /** The incident the action leaves the claims in (the merge target, the new split incident, …). */
  incidentId: string;
  /** Incidents whose reports must be rebuilt. */
  touched: string[];
}

/** A field edit: a value sets it by hand, null gives it back to the claims. */
export type IncidentPatch = Partial<{
  key: string | null;
  title: string | null;
  location: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  startDate: string | null;
  endDate: string | null;
}>;

/** The canonical place of a location as written, in a country (the gazetteer), or null. */
export type PlaceOf = (country: string, location: string) => NonNullable<IncidentOverrides['location']>['place'];

interface Snapshot {
  id: string;
  key: string | null;
  title: string | null;
  location: string | null;
  startDate: string;
  endDate: string | null;
  needsReview: boolean;
  overrides: IncidentOverrides;
  claimIds: string[];
}

const Q = {
  claimIds: 'SELECT id FROM claims WHERE incident_id = ? ORDER BY id',
  claim: 'SELECT incident_id AS "incidentId", pinned_to AS "pinnedTo" FROM claims WHERE id = ?',
  pin: 'UPDATE claims SET pinned_to = ?, pool = 0 WHERE id = ?',
  claimSpan: 'SELECT country, place_id AS "placeId", first_day AS first, last_day AS last FROM claims WHERE id = ?',
  keyRoute: 'SELECT incident_id FROM key_routes WHERE key = ?',
  setKeyRoute: 'INSERT INTO key_routes (key, incident_id) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET incident_id = excluded.incident_id',
  keyHolder: 'SELECT id FROM incidents WHERE key = ?',
  setReview: 'UPDATE incidents SET review_decision = ? WHERE id = ?',
};

/**
 * Curation by people (CONTRACT.md 7): merge, split, move, edit and review, each in one transaction
 * with its audit event. Every action pins the claims of the incidents it touches to where it leaves
 * them, so that later claims never undo it, and records those pins as the event's effects.
 */
export class Curator {
  constructor(
    private readonly resolver: IncidentResolver,
    private readonly queries: IncidentQueries,
    private readonly audit: AuditLog,
  ) {}

  /** Merges incident `fromId` into `intoId`: its claims move, its id and key answer with the other. */
  *merge(fromId: string, intoId: string, ctx: CurationContext): Work<CurationResult> {
    const pinned: MatchWindow[] = [];
    const from = yield* this.queries.lookupIncident(fromId);
    const into = yield* this.live(intoId, 'into');
    if (!from) throw new CurationError('not_found', `no incident has the id or key ${fromId}`);
    if (from.row.id === into.id) {
      if (from.resolvedFrom !== null) return this.unchanged(into.id);
      throw new CurationError('invalid', 'an incident cannot be merged into itself', [{ path: 'into', message: 'must be another incident' }]);
    }
    const a = from.row;
    const before = [yield* this.snapshot(a), yield* this.snapshot(into)];
    const areas = [areaOf(a), areaOf(into)];
    const claimIds = [...before[0]!.claimIds, ...before[1]!.claimIds];
    const touched = new Set<string>();
    const effects: CurationEffects = { pins: claimIds.map((claimId) => ({ claimId, incidentId: into.id })), retire: [{ id: a.id, into: into.id }] };
    yield* this.applyPins(pinned, effects.pins!);
    yield* this.resolver.retire(a.id, into.id, 'curation', ctx.now);
    if (a.key !== null) {
      yield* run(Q.setKeyRoute, [a.key, into.id]);
      effects.keyRoutes = [{ key: a.key, incidentId: into.id }];
    }
    yield* this.resolver.recompute(into.id, ctx.now, touched, { anchor: true });
    yield* this.regroup(pinned, [...areas, areaOf(yield* this.row(into.id))], ctx.now, touched);
    return yield* this.record('merge', ctx, [a.id, into.id], before[0]!.claimIds, before, [yield* this.snapshot(yield* this.row(into.id))], effects, into.id, touched);
  }

  /** Splits claims out of an incident into a new one (with a key and title if given). */
  *split(sourceId: string, claimIds: readonly string[], incident: { key?: string; title?: string }, ctx: CurationContext): Work<CurationResult> {
    const pinned: MatchWindow[] = [];
    const source = yield* this.live(sourceId, 'id');
    const wanted = [...new Set(claimIds)].sort();
    if (wanted.length === 0) throw new CurationError('invalid', 'name at least one claim to split out', [{ path: 'claimIds', message: 'must list at least one claim id' }]);
    const newId = incident.key !== undefined ? keyedIncidentId(incident.key) : incidentIdFor(`split:${source.id}:${wanted.join(',')}`);
    if ((yield* this.resolver.incident(newId))?.mergedInto === null && (yield* this.allPinnedTo(wanted, newId))) return this.unchanged(newId);
    const members = yield* column<string>(Q.claimIds, [source.id]);
    const foreign = wanted.filter((c) => !members.includes(c));
    if (foreign.length > 0) {
      throw new CurationError('invalid', `claims ${foreign.join(', ')} are not in incident ${source.id}`, foreign.map((c) => ({ path: 'claimIds', message: `${c} is not a claim of ${source.id}` })));
    }
    if (foreign.length === 0 && wanted.length === members.length) {
      throw new CurationError('invalid', 'a split must leave at least one claim behind; to change the incident itself, edit it', [
        { path: 'claimIds', message: 'must not list every claim of the incident' },
      ]);
    }
    if (incident.key !== undefined) yield* this.assertKeyFree(incident.key, null, 'incident.key');
    if (yield* this.resolver.incident(newId)) throw new CurationError('conflict', `incident ${newId} exists already`);
    const before = [yield* this.snapshot(source)];
    const area = areaOf(source);
    const rest = members.filter((c) => !wanted.includes(c));
    const pins = [...wanted.map((claimId) => ({ claimId, incidentId: newId })), ...rest.map((claimId) => ({ claimId, incidentId: source.id }))];
    const set: IncidentOverrides = { ...(incident.key === undefined ? {} : { key: incident.key }), ...(incident.title === undefined ? {} : { title: incident.title }) };
    const effects: CurationEffects = { pins, ...(Object.keys(set).length > 0 ? { overrides: [{ incidentId: newId, set, clear: [] }] } : {}) };
    yield* this.resolver.createAnchor(newId, wanted, set, ctx.now);
    yield* this.applyPins(pinned, pins);
    const touched = new Set<string>();
    yield* this.resolver.recompute(newId, ctx.now, touched, { anchor: true, overrides: set });
    yield* this.resolver.recompute(source.id, ctx.now, touched, { anchor: true });
    yield* this.regroup(pinned, [area, areaOf(yield* this.row(source.id)), areaOf(yield* this.row(newId))], ctx.now, touched);
    const after = [yield* this.snapshot(yield* this.row(source.id)), yield* this.snapshot(yield* this.row(newId))];
    return yield* this.record('split', ctx, [source.id, newId], wanted, before, after, effects, newId, touched);
  }

  /** Moves one claim to another incident. An incident left without claims answers with the target. */
  *move(claimId: string, targetId: string, ctx: CurationContext): Work<CurationResult> {
    const pinned: MatchWindow[] = [];
    const claim = yield* get<{ incidentId: string; pinnedTo: string | null }>(Q.claim, [claimId]);
    if (!claim) throw new CurationError('not_found', `no stored claim has the id ${claimId}`);
    const target = yield* this.live(targetId, 'incident');
    const source = yield* this.row(yield* this.resolver.liveId(claim.incidentId));
    if (source.id === target.id) {
      if (claim.pinnedTo !== null && (yield* this.resolver.liveId(claim.pinnedTo)) === target.id) return this.unchanged(target.id);
      throw new CurationError('invalid', `claim ${claimId} is in incident ${target.id} already`, [{ path: 'incident', message: 'must be another incident than the claim’s' }]);
    }
    const before = [yield* this.snapshot(source), yield* this.snapshot(target)];
    const areas = [areaOf(source), areaOf(target)];
    const rest = before[0]!.claimIds.filter((c) => c !== claimId);
    const pins = [
      { claimId, incidentId: target.id },
      ...before[1]!.claimIds.map((c) => ({ claimId: c, incidentId: target.id })),
      ...rest.map((c) => ({ claimId: c, incidentId: source.id })),
    ];
    const effects: CurationEffects = { pins };
    yield* this.applyPins(pinned, pins);
    const touched = new Set<string>();
    if (rest.length === 0) {
      yield* this.resolver.retire(source.id, target.id, 'curation', ctx.now);
      effects.retire = [{ id: source.id, into: target.id }];
      if (source.key !== null) {
        yield* run(Q.setKeyRoute, [source.key, target.id]);
        effects.keyRoutes = [{ key: source.key, incidentId: target.id }];
      }
    } else yield* this.resolver.recompute(source.id, ctx.now, touched, { anchor: true });
    yield* this.resolver.recompute(target.id, ctx.now, touched, { anchor: true });
    yield* this.regroup(pinned, [...areas, areaOf(yield* this.row(source.id)), areaOf(yield* this.row(target.id))], ctx.now, touched);
    const after = [yield* this.snapshot(yield* this.row(target.id)), ...(rest.length > 0 ? [yield* this.snapshot(yield* this.row(source.id))] : [])];
    return yield* this.record('move', ctx, [source.id, target.id], [claimId], before, after, effects, target.id, touched);
  }

  /**
   * Sets fields by hand (or, with null, gives them back to the claims). `place` resolves a location
   * to its canonical place (the gazetteer).
   */
  *edit(id: string, patch: IncidentPatch, place: PlaceOf, ctx: CurationContext): Work<CurationResult> {
    const pinned: MatchWindow[] = [];
    const row = yield* this.live(id, 'id');
    const old = overridesOf(row);
    const set: IncidentOverrides = {};
    const clear: OverridableField[] = [];
    for (const f of OVERRIDABLE_FIELDS) {
      if (!(f in patch)) continue;
      const v = patch[f];
      if (v === null) {
        if (old[f] !== undefined) clear.push(f);
      } else if (v !== undefined) {
        if (f === 'location') set.location = { location: v as string, place: place(row.country, v as string) };
        else (set as Record<string, unknown>)[f] = v;
      }
    }
    const next: IncidentOverrides = { ...old, ...set };
    for (const f of clear) delete next[f];
    if (JSON.stringify(sortKeys(next)) === JSON.stringify(sortKeys(old))) return this.unchanged(row.id);
    if (set.key !== undefined && set.key !== row.key) yield* this.assertKeyFree(set.key, row.id);
    this.assertDates(row, next);
    const before = [yield* this.snapshot(row)];
    const area = areaOf(row);
    const claimIds = before[0]!.claimIds;
    const pins = claimIds.map((claimId) => ({ claimId, incidentId: row.id }));
    const effects: CurationEffects = { pins, overrides: [{ incidentId: row.id, set, clear }] };
    yield* this.applyPins(pinned, pins);
    // The new key routes here, and so does the old one: an id or key that answered keeps answering.
    const routes = [set.key, set.key !== undefined || clear.includes('key') ? row.key : undefined].filter((k): k is string => k !== undefined && k !== null);
    if (routes.length > 0) {
      for (const k of routes) yield* run(Q.setKeyRoute, [k, row.id]);
      effects.keyRoutes = routes.map((key) => ({ key, incidentId: row.id }));
    }
    const touched = new Set<string>();
    yield* this.resolver.recompute(row.id, ctx.now, touched, { anchor: true, overrides: next });
    yield* this.regroup(pinned, [area, areaOf(yield* this.row(row.id))], ctx.now, touched);
    return yield* this.record('edit', ctx, [row.id], [], before, [yield* this.snapshot(yield* this.row(row.id))], effects, row.id, touched);
  }

  /** Settles an incident's review: it keeps its claims, and no longer needs review. */
  *review(id: string, decision: ReviewDecision, ctx: CurationContext): Work<CurationResult> {
    const pinned: MatchWindow[] = [];
    const row = yield* this.live(id, 'id');
    if (row.reviewDecision === decision && !row.needsReview) return this.unchanged(row.id);
    const before = [yield* this.snapshot(row)];
    const area = areaOf(row);
    const pins = before[0]!.claimIds.map((claimId) => ({ claimId, incidentId: row.id }));
    const effects: CurationEffects = { pins, reviewed: [{ incidentId: row.id, decision }] };
    yield* this.applyPins(pinned, pins);
    yield* run(Q.setReview, [decision, row.id]);
    const touched = new Set<string>();
    yield* this.resolver.recompute(row.id, ctx.now, touched, { anchor: true });
    yield* this.regroup(pinned, [area, areaOf(yield* this.row(row.id))], ctx.now, touched);
    return yield* this.record('review', ctx, [row.id], [], before, [yield* this.snapshot(yield* this.row(row.id))], effects, row.id, touched);
  }

  private unchanged(incidentId: string): CurationResult {
    return { changed: false, event: null, incidentId, touched: [] };
  }

  private *live(idOrKey: string, path: string): Work<IncidentRow> {
    const found = yield* this.queries.lookupIncident(idOrKey);
    if (!found) throw new CurationError('not_found', `no incident has the id or key ${idOrKey}`, [{ path, message: 'is not an incident id or key' }]);
    return found.row;
  }

  /** Whether every one of these claims is pinned to the incident. */
  private *allPinnedTo(claimIds: readonly string[], incidentId: string): Work<boolean> {
    for (const c of claimIds) if ((yield* this.pinnedTo(c)) !== incidentId) return false;
    return true;
  }

  private *row(id: string): Work<IncidentRow> {
    const row = yield* this.resolver.incident(id);
    if (!row) throw new Error(`incident ${id} vanished during curation`);
    return row;
  }

  private *pinnedTo(claimId: string): Work<string | null> {
    const c = yield* get<{ pinnedTo: string | null }>(Q.claim, [claimId]);
    return c?.pinnedTo == null ? null : yield* this.resolver.liveId(c.pinnedTo);
  }

  /**
   * Pins claims where an action leaves them. Keyless claims elsewhere described like a pinned claim
   * now go with it: the places and days of the pinned claims are grouped again after the action.
   */
  private *applyPins(pinned: MatchWindow[], pins: readonly { claimId: string; incidentId: string }[]): Work<void> {
    for (const p of pins) {
      yield* run(Q.pin, [p.incidentId, p.claimId]);
      yield* this.resolver.setClaimIncident(p.claimId, p.incidentId);
      const f = yield* get<{ country: string; placeId: string | null; first: number; last: number }>(Q.claimSpan, [p.claimId]);
      if (f?.placeId) pinned.push({ country: f.country, placeId: f.placeId, first: f.first, last: f.last });
    }
  }

  /** Groups again the areas an action changed, and those of the claims it pinned. */
  private *regroup(pinned: MatchWindow[], areas: readonly (MatchWindow | null)[], now: string, touched: Set<string>): Work<void> {
    const seen = new Set<string>();
    for (const a of [...areas, ...pinned.splice(0)]) {
      if (a === null) continue;
      const k = JSON.stringify(a);
      if (seen.has(k)) continue;
      seen.add(k);
      yield* this.resolver.regroup(a, now, touched);
    }
  }

  /** A key an analyst gives must not already name another incident. */
  private *assertKeyFree(key: string, self: string | null, path = 'key'): Work<void> {
    const holder = (yield* value<string>(Q.keyHolder, [key])) ?? (yield* value<string>(Q.keyRoute, [key]));
    const own = yield* this.resolver.incident(keyedIncidentId(key));
    const user = holder ?? (own ? own.id : undefined);
    const live = user === undefined ? undefined : yield* this.resolver.liveId(user);
    if (live !== undefined && live !== self) {
      throw new CurationError('conflict', `the key ${key} already belongs to incident ${live}`, [{ path, message: 'is in use by another incident' }]);
    }
  }

  /** The dates an edit leaves must keep endDate on or after startDate. */
  private assertDates(row: IncidentRow, next: IncidentOverrides): void {
    const d = derivationOf(row);
    const start = next.startDate ?? d.start?.v ?? row.startDate;
    const end = next.endDate ?? (d.end && d.start && d.end.last !== dayRange(d.start.v).last ? d.end.v : null);
    if (end !== null && !endNotBeforeStart(start, end)) {
      const path = next.endDate !== undefined ? 'endDate' : 'startDate';
      throw new CurationError('invalid', `endDate ${end} would be before startDate ${start}`, [
        { path, message: `would leave endDate (${end}) before startDate (${start})` },
      ]);
    }
  }

  private *snapshot(row: IncidentRow): Work<Snapshot> {
    return {
      id: row.id,
      key: row.key,
      title: row.title,
      location: row.placeName ?? row.location,
      startDate: row.startDate,
      endDate: row.endDate,
      needsReview: row.needsReview,
      overrides: overridesOf(row),
      claimIds: yield* column<string>(Q.claimIds, [row.id]),
    };
  }

  private *record(
    action: CurationAction,
    ctx: CurationContext,
    incidentIds: string[],
    claimIds: string[],
    before: unknown,
    after: unknown,
    effects: CurationEffects,
    incidentId: string,
    touched: Set<string>,
  ): Work<CurationResult> {
    touched.add(incidentId);
    const event = yield* this.audit.append({ action, actor: ctx.actor, at: ctx.now, incidentIds, claimIds, note: ctx.note, before, after, effects });
    const live: string[] = [];
    for (const id of touched) if ((yield* this.resolver.incident(id))?.mergedInto === null) live.push(id);
    return { changed: true, event, incidentId, touched: live };
  }
}

/** Where a change to an incident can reach keyless claims: its match window, or its own place and span. */
function areaOf(row: IncidentRow): MatchWindow | null {
  const w = windowOf(row);
  if (w) return w;
  if (row.placeId === null) return null;
  return { country: row.country, placeId: row.placeId, first: row.firstDay, last: row.lastDay };
}

function sortKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

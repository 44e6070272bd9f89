import { liveIncidentId, type CurationState } from './curation.js';
import { deriveIncident, fieldsOf, type IncidentFields } from './incident-derivation.js';
import { isMatchable, keyedIncidentId, ownIncidentId, type IncidentFacts } from './incident-facts.js';
import { clusterKeyless, type PlaceAnchor, type PoolClaim } from './keyless-clustering.js';

/** One incident as resolution forms it. */
export interface ResolvedIncident extends IncidentFields {
  id: string;
  /** Fixed by a key or by an analyst (matched by its core place and dates), not formed automatically. */
  anchor: boolean;
  needsReview: boolean;
  candidates: string[];
  claimIds: string[];
}

/** How a claim finds its incident before any matching by place and dates. */
export type Route = { kind: 'pinned' | 'keyed' | 'own'; incidentId: string } | { kind: 'pool' };

/** The first step of resolution for one claim (CONTRACT.md 3 and 7). */
export function routeOf(f: IncidentFacts, curation: Pick<CurationState, 'pins' | 'retired' | 'keyRoutes'>): Route {
  const pin = curation.pins.get(f.id);
  if (pin !== undefined) return { kind: 'pinned', incidentId: liveIncidentId(curation.retired, pin) };
  if (f.key !== null) return { kind: 'keyed', incidentId: liveIncidentId(curation.retired, curation.keyRoutes.get(f.key) ?? keyedIncidentId(f.key)) };
  if (!isMatchable(f)) return { kind: 'own', incidentId: ownIncidentId(f.id) };
  return { kind: 'pool' };
}

const byOrder = (a: IncidentFacts, b: IncidentFacts): number => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);

/**
 * Incident resolution as one pure function of the set of claims and the curation log: which
 * incident each claim belongs to, and each incident's fields, review state and candidates. The
 * store keeps the same result incrementally; this is its definition, and its tests' oracle.
 */
export function resolveIncidents(claims: readonly IncidentFacts[], curation: CurationState): Map<string, ResolvedIncident> {
  const unique = [...new Map(claims.map((c) => [c.id, c])).values()].sort(byOrder);
  const fixed = new Map<string, IncidentFacts[]>();
  const own = new Map<string, IncidentFacts>();
  const pools = new Map<string, { country: string; placeId: string; claims: IncidentFacts[] }>();
  for (const f of unique) {
    const route = routeOf(f, curation);
    if (route.kind === 'pool') {
      const k = `${f.country}|${f.placeId}`;
      const pool = pools.get(k) ?? { country: f.country, placeId: f.placeId!, claims: [] };
      pool.claims.push(f);
      pools.set(k, pool);
    } else if (route.kind === 'own') own.set(route.incidentId, f);
    else fixed.set(route.incidentId, [...(fixed.get(route.incidentId) ?? []), f]);
  }
  // A claim's own incident that an analyst (or a key) sent other claims to is fixed like theirs.
  for (const [id, f] of own) {
    if (!fixed.has(id)) continue;
    fixed.set(id, [...fixed.get(id)!, f].sort(byOrder));
    own.delete(id);
  }

  const out = new Map<string, ResolvedIncident>();
  const joined = new Map<string, IncidentFacts[]>();
  const anchorsAt = new Map<string, PlaceAnchor[]>();
  for (const [id, members] of fixed) {
    const f = fieldsOf(deriveIncident(id, members), curation.overrides.get(id));
    if (f.matchPlaceId === null || f.matchCountry === null) continue;
    const k = `${f.matchCountry}|${f.matchPlaceId}`;
    const signatures = new Set(members.filter((m) => curation.pins.has(m.id)).map((m) => m.signature));
    anchorsAt.set(k, [...(anchorsAt.get(k) ?? []), { id, first: f.matchFirst, last: f.matchLast, signatures }]);
  }
  const taken = (id: string): boolean => fixed.has(id) || curation.retired.has(id);
  for (const [k, pool] of pools) {
    const facts = new Map(pool.claims.map((c) => [c.id, c]));
    const items: PoolClaim[] = pool.claims.map((c) => ({ id: c.id, first: c.first, last: c.last, signature: c.signature }));
    const { joins, autos } = clusterKeyless(pool, items, anchorsAt.get(k) ?? [], taken);
    for (const [claimId, anchorId] of joins) joined.set(anchorId, [...(joined.get(anchorId) ?? []), facts.get(claimId)!]);
    for (const a of autos) {
      const members = a.claimIds.map((id) => facts.get(id)!).sort(byOrder);
      const reviewed = curation.reviewed.has(a.id);
      out.set(a.id, {
        id: a.id,
        ...fieldsOf(deriveIncident(a.id, members), curation.overrides.get(a.id)),
        anchor: false,
        needsReview: a.needsReview && !reviewed,
        candidates: a.needsReview && !reviewed ? a.candidates : [],
        claimIds: a.claimIds,
      });
    }
  }
  for (const [id, members] of fixed) {
    const extra = joined.get(id) ?? [];
    const core = new Set(members.map((m) => m.id));
    const all = [...members, ...extra].sort(byOrder);
    out.set(id, {
      id,
      ...fieldsOf(deriveIncident(id, all, (m) => core.has(m.id)), curation.overrides.get(id)),
      anchor: true,
      needsReview: false,
      candidates: [],
      claimIds: all.map((m) => m.id).sort(),
    });
  }
  for (const [id, f] of own) {
    out.set(id, { id, ...fieldsOf(deriveIncident(id, [f]), curation.overrides.get(id)), anchor: false, needsReview: false, candidates: [], claimIds: [f.id] });
  }
  return out;
}

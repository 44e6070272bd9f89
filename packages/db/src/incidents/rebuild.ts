import {
  curationOf,
  deriveIncident,
  Gazetteer,
  incidentFactsOf,
  isMatchable,
  resolveIncidents,
  type Claim,
  type CurationEffects,
  type IncidentFacts,
} from '@recon/domain';
import { all, column, run, type Work } from '../sql/work.js';
import { IncidentResolver } from './incident-resolver.js';
import { columnsOf } from './incident-rows.js';

const Q = {
  claims: 'SELECT id, resolved, facts, incident_id AS "incidentId", pinned_to AS "pinnedTo" FROM claims',
  setFacts: 'UPDATE claims SET facts = ?, country = ?, place_id = ?, first_day = ?, last_day = ?, signature = ?, pool = ? WHERE id = ?',
  effects: 'SELECT effects FROM audit_events ORDER BY seq',
  setClaim: 'UPDATE claims SET incident_id = ? WHERE id = ?',
  setFigures: 'UPDATE figures SET incident_id = ? WHERE claim_id = ?',
  upsert: `INSERT INTO incidents (id, key, country, place_id, place_name, location, admin1, title, lat, lon, start_date, end_date,
       first_day, last_day, search_text, needs_review, candidates, anchor, match_country, match_place_id, match_first, match_last,
       derivation, overrides, created_at, updated_at)
     VALUES (@id, NULL, @country, @placeId, @placeName, @location, @admin1, @title, @lat, @lon, @startDate, @endDate,
       @firstDay, @lastDay, @searchText, @needsReview, @candidates, @anchor, @matchCountry, @matchPlaceId, @matchFirst, @matchLast,
       @derivation, @overrides, @now, @now)
     ON CONFLICT (id) DO NOTHING`,
  update: `UPDATE incidents SET country = @country, place_id = @placeId, place_name = @placeName, location = @location, admin1 = @admin1,
       title = @title, lat = @lat, lon = @lon, start_date = @startDate, end_date = @endDate, first_day = @firstDay, last_day = @lastDay,
       search_text = @searchText, needs_review = @needsReview, candidates = @candidates, anchor = @anchor, match_country = @matchCountry,
       match_place_id = @matchPlaceId, match_first = @matchFirst, match_last = @matchLast, derivation = @derivation, overrides = @overrides,
       merged_into = NULL, retired_by = NULL, claim_seq = claim_seq + 1, updated_at = @now WHERE id = @id`,
  clearKeys: 'UPDATE incidents SET key = NULL',
  setKey: 'UPDATE incidents SET key = ? WHERE id = ?',
};

/**
 * Rebuilds every incident from the claims and the audit log with the pure resolveIncidents, as one
 * piece of work (run it as one write): for a database whose claims were stored before incident
 * resolution kept its facts (migration 0002), and as a repair. Claims keep their ids and statuses;
 * incidents whose claims go elsewhere answer with the incident of their earliest claim; every
 * incident's report is rebuilt.
 */
export function* rebuildIncidents(
  gazetteer: Pick<Gazetteer, 'resolve'> = Gazetteer.create(),
  now = new Date().toISOString(),
): Work<{ claims: number; incidents: number }> {
  const rows = yield* all<{ id: string; resolved: string; facts: string | null; incidentId: string | null; pinnedTo: string | null }>(Q.claims);
  const facts: IncidentFacts[] = [];
  for (const r of rows) {
    if (r.facts !== null) {
      facts.push(JSON.parse(r.facts) as IncidentFacts);
      continue;
    }
    const stored = JSON.parse(r.resolved) as Pick<Claim, 'incident' | 'statedAt'>;
    const place = stored.incident.location ? gazetteer.resolve(stored.incident.country, stored.incident.location) : null;
    const f = incidentFactsOf(r.id, stored as Claim, place);
    yield* run(Q.setFacts, [JSON.stringify(f), f.country, f.placeId, f.first, f.last, f.signature, isMatchable(f) && r.pinnedTo === null ? 1 : 0, r.id]);
    facts.push(f);
  }
  const log = (yield* column<string>(Q.effects)).map((e) => JSON.parse(e) as CurationEffects);
  const curation = curationOf(log);
  const resolved = resolveIncidents(facts, curation);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const resolver = new IncidentResolver();
  const before = new Map(rows.map((r) => [r.id, r.incidentId]));
  // Keys move last, so that no two rows hold one key on the way.
  yield* run(Q.clearKeys);
  for (const inc of resolved.values()) {
    const members = inc.claimIds.map((c) => byId.get(c)!);
    const core = new Set(inc.anchor ? members.filter((m) => !isMatchable(m) || curation.pins.has(m.id) || m.key !== null).map((m) => m.id) : members.map((m) => m.id));
    const d = deriveIncident(inc.id, members.sort((a, b) => (a.order < b.order ? -1 : 1)), (m) => core.has(m.id));
    const cols = columnsOf(inc.id, d, curation.overrides.get(inc.id) ?? {}, { anchor: inc.anchor, needsReview: inc.needsReview, candidates: inc.candidates });
    const { key: _key, ...params } = cols;
    yield* run(Q.upsert, { ...params, now });
    yield* run(Q.update, { ...params, now });
    for (const c of inc.claimIds) {
      if (before.get(c) === inc.id) continue;
      yield* run(Q.setClaim, [inc.id, c]);
      yield* run(Q.setFigures, [inc.id, c]);
    }
  }
  for (const inc of resolved.values()) if (inc.key !== null) yield* run(Q.setKey, [inc.key, inc.id]);
  // Incidents left without claims answer with the incident of their earliest claim.
  const live = new Set(resolved.keys());
  const emptied = new Map<string, IncidentFacts>();
  for (const r of rows) {
    if (r.incidentId === null || live.has(r.incidentId)) continue;
    const f = byId.get(r.id)!;
    const prev = emptied.get(r.incidentId);
    if (!prev || f.order < prev.order) emptied.set(r.incidentId, f);
  }
  const incidentOf = new Map<string, string>();
  for (const inc of resolved.values()) for (const c of inc.claimIds) incidentOf.set(c, inc.id);
  for (const [id, first] of emptied) yield* resolver.retire(id, incidentOf.get(first.id)!, curation.retired.has(id) ? 'curation' : 'auto', now);
  return { claims: rows.length, incidents: resolved.size };
}

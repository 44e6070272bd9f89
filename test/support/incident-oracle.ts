/**
 * The independent oracle for incidents: the pure `resolveIncidents` over the claims a test submitted
 * (and the store's audit log of curation), next to what the store holds, in one comparable shape.
 */
import type { ClaimStore } from '@recon/db';
import {
  curationOf,
  digestOf,
  Gazetteer,
  incidentFactsOf,
  mergedFromOf,
  reconcile,
  resolveClaim,
  resolveIncidents,
  validateClaim,
  type ActorRegistry,
  type IncidentIdentity,
  type ReportContent,
} from '@recon/domain';

/** An incident in one comparable shape: the report's incident block (without what curation adds) and its claims. */
export type IncidentView = Omit<IncidentIdentity, 'mergedFrom' | 'setByHand'> & { claimIds: string[] };

const gazetteer = Gazetteer.create();

/** What the oracle says: incidents, and the report content of each, from the claims as submitted. */
export async function oracle(
  claims: readonly unknown[],
  retracted: ReadonlySet<string>,
  registry: ActorRegistry,
  store: ClaimStore,
): Promise<{ incidents: IncidentView[]; reports: Map<string, ReportContent> }> {
  const valid = claims.map((raw) => {
    const v = validateClaim(raw, registry.partyKey);
    if (!v.ok) throw new Error(`test claim is invalid: ${JSON.stringify(v.errors)}`);
    return { id: digestOf(v.claim), claim: v.claim };
  });
  const facts = valid.map(({ id, claim }) =>
    incidentFactsOf(id, claim, claim.incident.location ? gazetteer.resolve(claim.incident.country, claim.incident.location) : null),
  );
  const curation = curationOf((await store.auditLog()).map((e) => e.effects));
  const resolved = resolveIncidents(facts, curation);
  const byId = new Map(valid.map((v) => [v.id, resolveClaim(v.id, v.claim, registry)]));
  const incidents: IncidentView[] = [];
  const reports = new Map<string, ReportContent>();
  for (const i of resolved.values()) {
    const view: IncidentView = {
      id: i.id,
      key: i.key,
      country: i.country,
      placeId: i.placeId,
      location: i.placeName ?? i.location,
      admin1: i.admin1,
      title: i.title,
      lat: i.lat,
      lon: i.lon,
      startDate: i.startDate,
      endDate: i.endDate,
      needsReview: i.needsReview,
      candidates: i.candidates,
      claimIds: [...i.claimIds].sort(),
    };
    incidents.push(view);
    const identity: IncidentIdentity = {
      ...view,
      mergedFrom: mergedFromOf(curation.retired, i.id),
      setByHand: i.setByHand,
    };
    delete (identity as Partial<IncidentView>).claimIds;
    reports.set(i.id, reconcile(identity, i.claimIds.filter((c) => !retracted.has(c)).map((c) => byId.get(c)!)));
  }
  return { incidents: incidents.sort((a, b) => (a.id < b.id ? -1 : 1)), reports };
}

/** What the store holds: its live incidents, and the report content each one's claims give now. */
export async function stored(store: ClaimStore): Promise<{ incidents: IncidentView[]; reports: Map<string, ReportContent> }> {
  const rows = (await store.rows<{ id: string }>('SELECT id FROM incidents WHERE merged_into IS NULL ORDER BY id')).map((r) => r.id);
  const incidents: IncidentView[] = [];
  const reports = new Map<string, ReportContent>();
  for (const id of rows) {
    const r = (await store.findIncident(id))!;
    incidents.push({
      id: r.id,
      key: r.key,
      country: r.country,
      placeId: r.placeId,
      location: r.placeName ?? r.location,
      admin1: r.admin1,
      title: r.title,
      lat: r.lat,
      lon: r.lon,
      startDate: r.startDate,
      endDate: r.endDate,
      needsReview: r.needsReview,
      candidates: [...r.candidates].sort(),
      claimIds: (await store.incidentClaims(r.id)).map((c) => c.id).sort(),
    });
    const snap = (await store.reconcileSnapshot(id))!;
    reports.set(id, reconcile(snap.identity, snap.claims));
  }
  return { incidents, reports };
}

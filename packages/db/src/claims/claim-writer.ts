import { incidentFactsOf, instantKey, intervalOf, isMatchable, type Claim, type Place, type ResolvedClaim } from '@recon/domain';
import { get, run, value, type Work } from '../sql/work.js';
import type { AuditLog } from '../incidents/audit-log.js';
import type { IncidentResolver } from '../incidents/incident-resolver.js';

export interface StoreClaimInput {
  id: string;
  /** The submitted JSON, verbatim. */
  body: string;
  claim: Claim;
  resolved: ResolvedClaim;
  /** The canonical place of `claim.incident.location`, if it has one. */
  place: Place | null;
  receivedAt: string;
  now: string;
}

/**
 * `incidentId`: the claim's incident; `touched`: every incident whose claims or fields the store
 * changed (placing a keyless claim can regroup its neighbours), whose reports must be rebuilt.
 */
export type StoreResult =
  | { status: 'stored'; incidentId: string; touched: string[] }
  | { status: 'duplicate'; incidentId: string; touched: string[] };

export interface Retraction {
  incidentId: string;
  alreadyRetracted: boolean;
}

const Q = {
  claimIncident: 'SELECT incident_id FROM claims WHERE id = ?',
  insertClaim: `INSERT INTO claims (id, incident_id, status, body, resolved, claimant_id, stated_at, stated_instant, received_at, stored_at,
       facts, country, place_id, first_day, last_day, signature, pool)
     VALUES (?, NULL, 'stored', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertFigure: `INSERT INTO figures (claim_id, ordinal, incident_id, party_id, party_as_reported, outcome, count, low, high, quantified, perspective)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  claimForRetraction: 'SELECT incident_id AS "incidentId", status FROM claims WHERE id = ?',
  retract: "UPDATE claims SET status = 'retracted', retracted_at = ?, retracted_by = ? WHERE id = ?",
  bumpSeq: 'UPDATE incidents SET claim_seq = claim_seq + 1, updated_at = ? WHERE id = ?',
};

/**
 * Writes claims: each one's row, its place in an incident (IncidentResolver) and its figures, in
 * the caller's transaction; and retractions, with an audit event.
 */
export class ClaimWriter {
  constructor(
    private readonly resolver: IncidentResolver,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Stores a batch of valid claims, in order, as one piece of work (the store runs it as one
   * transaction: all or nothing). A claim already stored is a no-op.
   */
  *storeClaims(inputs: readonly StoreClaimInput[]): Work<StoreResult[]> {
    const out: StoreResult[] = [];
    for (const input of inputs) out.push(yield* this.storeOne(input));
    return out;
  }

  /**
   * What a batch of claims may change, by name, for the engine's write locks: the place a keyless
   * claim is matched in, the key a keyed claim goes to.
   */
  lockNames(inputs: readonly StoreClaimInput[]): string[] {
    const names = new Set<string>();
    for (const input of inputs) {
      const facts = incidentFactsOf(input.id, input.claim, input.place);
      if (facts.key !== null) names.add(`key:${facts.key}`);
      if (facts.placeId !== null) names.add(`place:${facts.country}:${facts.placeId}`);
    }
    return [...names];
  }

  private *storeOne(input: StoreClaimInput): Work<StoreResult> {
    const existing = yield* value<string | null>(Q.claimIncident, [input.id]);
    if (existing !== undefined && existing !== null) {
      const live = yield* this.resolver.liveId(existing);
      return { status: 'duplicate', incidentId: live, touched: [live] };
    }
    const facts = incidentFactsOf(input.id, input.claim, input.place);
    yield* run(Q.insertClaim, [
      input.id,
      input.body,
      JSON.stringify(input.resolved),
      input.resolved.claimant.id,
      input.claim.statedAt,
      instantKey(input.claim.statedAt),
      input.receivedAt,
      input.now,
      JSON.stringify(facts),
      facts.country,
      facts.placeId,
      facts.first,
      facts.last,
      facts.signature,
      isMatchable(facts) ? 1 : 0,
    ]);
    const touched = new Set<string>();
    const incidentId = yield* this.resolver.placeNewClaim(facts, input.now, touched);
    let ordinal = 0;
    for (const f of input.resolved.figures) {
      const i = intervalOf(f.count);
      yield* run(Q.insertFigure, [
        input.id,
        ordinal++,
        incidentId,
        f.party.id,
        f.partyAsReported,
        f.outcome,
        JSON.stringify(f.count),
        i.low,
        i.high,
        i.quantified ? 1 : 0,
        f.perspective,
      ]);
    }
    return { status: 'stored', incidentId, touched: [...touched] };
  }

  /**
   * Marks a stored claim retracted (who, when, why, in the audit log); its incident is marked changed
   * so the report is rebuilt. The claim stays in its incident. Null for an unknown claim.
   */
  *retractClaim(id: string, by: string, now: string, note: string | null = null): Work<Retraction | null> {
    const c = yield* get<{ incidentId: string; status: string }>(Q.claimForRetraction, [id]);
    if (!c) return null;
    const incidentId = yield* this.resolver.liveId(c.incidentId);
    if (c.status === 'retracted') return { incidentId, alreadyRetracted: true };
    yield* run(Q.retract, [now, by, id]);
    yield* run(Q.bumpSeq, [now, incidentId]);
    yield* this.audit.append({
      action: 'retract',
      actor: by,
      at: now,
      incidentIds: [incidentId],
      claimIds: [id],
      note,
      before: { status: 'stored' },
      after: { status: 'retracted' },
      effects: {},
    });
    return { incidentId, alreadyRetracted: false };
  }
}

import { incidentFactsOf, instantKey, intervalOf, isMatchable, type Claim, type Place, type ResolvedClaim } from '@recon/domain';
import type { DatabaseHandle } from '../database.js';
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

/**
 * Writes claims: each one's row, its place in an incident (IncidentResolver) and its figures, in
 * the caller's transaction; and retractions, with an audit event.
 */
export class ClaimWriter {
  private readonly q;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly resolver: IncidentResolver,
    private readonly audit: AuditLog,
  ) {
    const s = handle.sqlite;
    this.q = {
      claimIncident: s.prepare('SELECT incident_id FROM claims WHERE id = ?').pluck(),
      insertClaim: s.prepare(
        `INSERT INTO claims (id, incident_id, status, body, resolved, claimant_id, stated_at, stated_instant, received_at, stored_at,
           facts, country, place_id, first_day, last_day, signature, pool)
         VALUES (?, NULL, 'stored', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFigure: s.prepare(
        `INSERT INTO figures (claim_id, ordinal, incident_id, party_id, party_as_reported, outcome, count, low, high, quantified, perspective)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      claimForRetraction: s.prepare('SELECT incident_id AS incidentId, status FROM claims WHERE id = ?'),
      retract: s.prepare("UPDATE claims SET status = 'retracted', retracted_at = ?, retracted_by = ? WHERE id = ?"),
      bumpSeq: s.prepare('UPDATE incidents SET claim_seq = claim_seq + 1, updated_at = ? WHERE id = ?'),
    };
  }

  /**
   * Stores a batch of valid claims in ONE transaction (one write lock, one fsync), in order. All or
   * nothing: if one fails, none is kept. A claim already stored is a no-op.
   */
  storeClaims(inputs: readonly StoreClaimInput[]): StoreResult[] {
    return this.handle.sqlite.transaction(() => inputs.map((input) => this.storeOne(input))).immediate();
  }

  private storeOne(input: StoreClaimInput): StoreResult {
    const existing = this.q.claimIncident.get(input.id) as string | null | undefined;
    if (existing !== undefined && existing !== null) {
      const live = this.resolver.liveId(existing);
      return { status: 'duplicate', incidentId: live, touched: [live] };
    }
    const facts = incidentFactsOf(input.id, input.claim, input.place);
    this.q.insertClaim.run(
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
    );
    const touched = new Set<string>();
    const incidentId = this.resolver.placeNewClaim(facts, input.now, touched);
    input.resolved.figures.forEach((f, ordinal) => {
      const i = intervalOf(f.count);
      this.q.insertFigure.run(
        input.id,
        ordinal,
        incidentId,
        f.party.id,
        f.partyAsReported,
        f.outcome,
        JSON.stringify(f.count),
        i.low,
        i.high,
        i.quantified ? 1 : 0,
        f.perspective,
      );
    });
    return { status: 'stored', incidentId, touched: [...touched] };
  }

  /**
   * Marks a stored claim retracted (who, when, why, in the audit log); its incident is marked changed
   * so the report is rebuilt. The claim stays in its incident. Null for an unknown claim.
   */
  retractClaim(id: string, by: string, now: string, note: string | null = null): Retraction | null {
    return this.handle.sqlite
      .transaction((): Retraction | null => {
        const c = this.q.claimForRetraction.get(id) as { incidentId: string; status: string } | undefined;
        if (!c) return null;
        const incidentId = this.resolver.liveId(c.incidentId);
        if (c.status === 'retracted') return { incidentId, alreadyRetracted: true };
        this.q.retract.run(now, by, id);
        this.q.bumpSeq.run(now, incidentId);
        this.audit.append({
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
      })
      .immediate();
  }
}

import { incidentFactsOf, instantKey, intervalOf, isMatchable, keyedIncidentId, ownIncidentId, type Claim, type IncidentFacts, type Place, type ResolvedClaim } from '@recon/domain';
import { all, chunks, get, lockName, placeholders, run, type Work } from '../sql/work.js';
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
  existing: (n: number) => `SELECT id, incident_id AS "incidentId" FROM claims WHERE id IN (${placeholders(n)})`,
  routes: (n: number) => `SELECT key, incident_id AS "incidentId" FROM key_routes WHERE key IN (${placeholders(n)})`,
  insertClaim: `INSERT INTO claims (id, incident_id, status, body, resolved, claimant_id, stated_at, stated_instant, received_at, stored_at,
       facts, country, place_id, first_day, last_day, signature, pool)
     VALUES (?, ?, 'stored', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  /** A claim's figures in one statement (one round trip on PostgreSQL). */
  insertFigures: (n: number) =>
    `INSERT INTO figures (claim_id, ordinal, incident_id, party_id, party_as_reported, outcome, count, low, high, quantified, perspective)
     VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
  claimForRetraction: 'SELECT incident_id AS "incidentId", status FROM claims WHERE id = ?',
  retract: "UPDATE claims SET status = 'retracted', retracted_at = ?, retracted_by = ? WHERE id = ?",
  bumpSeq: 'UPDATE incidents SET claim_seq = claim_seq + 1, updated_at = ? WHERE id = ?',
};

/** Claims to store in one transaction, with their facts and the locks they need (ClaimWriter.plan). */
export interface ClaimBatch {
  inputs: readonly StoreClaimInput[];
  facts: readonly IncidentFacts[];
  locks: string[];
}

/** What a group of claims read before storing them: claim id → incident, key → routed incident. */
interface GroupState {
  stored: Map<string, string | null>;
  routes: Map<string, string>;
}

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
  *storeClaims({ inputs, facts }: ClaimBatch): Work<StoreResult[]> {
    // What the group needs to know first, read for all its claims at once: which are stored already,
    // and where curation routed their keys (only curation changes routes, and it excludes this write).
    const group: GroupState = { stored: new Map(), routes: new Map() };
    for (const ids of chunks([...new Set(inputs.map((i) => i.id))])) {
      for (const r of yield* all<{ id: string; incidentId: string | null }>(Q.existing(ids.length), ids)) group.stored.set(r.id, r.incidentId);
    }
    for (const keys of chunks([...new Set(facts.flatMap((f) => (f.key === null ? [] : [f.key])))])) {
      for (const r of yield* all<{ key: string; incidentId: string }>(Q.routes(keys.length), keys)) group.routes.set(r.key, r.incidentId);
    }
    const out: StoreResult[] = [];
    for (let i = 0; i < inputs.length; i++) out.push(yield* this.storeOne(inputs[i]!, facts[i]!, group));
    return out;
  }

  /**
   * A batch of claims ready to store: each claim's incident facts, computed once, and what the batch
   * will change, by name, for the engine's write locks (taken in order before the transaction begins):
   * the incident a keyed or unmatchable claim goes to, the place a keyless claim is grouped in. What
   * else the work reaches (an anchor whose place or dates move, an incident a key was routed to) it
   * locks on the way.
   */
  plan(inputs: readonly StoreClaimInput[]): ClaimBatch {
    const facts = inputs.map((input) => incidentFactsOf(input.id, input.claim, input.place));
    const names = new Set<string>();
    for (const f of facts) {
      if (f.key !== null) names.add(lockName.incident(keyedIncidentId(f.key)));
      else if (!isMatchable(f)) names.add(lockName.incident(ownIncidentId(f.id)));
      else names.add(lockName.place(f.country, f.placeId!));
    }
    return { inputs, facts, locks: [...names] };
  }

  private *storeOne(input: StoreClaimInput, facts: IncidentFacts, group: GroupState): Work<StoreResult> {
    const existing = group.stored.get(input.id);
    if (existing !== undefined && existing !== null) {
      const live = yield* this.resolver.liveId(existing);
      return { status: 'duplicate', incidentId: live, touched: [live] };
    }
    const insert = (incidentId: string | null) => run(Q.insertClaim, [
      input.id,
      incidentId,
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
    const route = facts.key === null ? undefined : (group.routes.get(facts.key) ?? keyedIncidentId(facts.key));
    const incidentId = yield* this.resolver.placeNewClaim(facts, input.now, touched, route, function* (id) {
      yield* insert(id);
    });
    group.stored.set(input.id, incidentId);
    const figures = input.resolved.figures;
    if (figures.length > 0) {
      yield* run(
        Q.insertFigures(figures.length),
        figures.flatMap((f, ordinal) => {
          const i = intervalOf(f.count);
          return [input.id, ordinal, incidentId, f.party.id, f.partyAsReported, f.outcome, JSON.stringify(f.count), i.low, i.high, i.quantified ? 1 : 0, f.perspective];
        }),
      );
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

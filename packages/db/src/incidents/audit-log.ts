import { randomUUID } from 'node:crypto';
import type { CurationAction, CurationEffects } from '@recon/domain';
import { all, chunks, column, get, placeholders, run, type Work } from '../sql/work.js';

/** One curation action (or retraction) as the audit log keeps it. */
export interface AuditEvent {
  id: string;
  /** Position in the log: events are applied in this order. */
  seq: number;
  action: CurationAction;
  /** Who: the token's label (RECON_API_TOKENS `label:token`), or `token:<digest prefix>`. */
  actor: string;
  at: string;
  incidentIds: string[];
  claimIds: string[];
  note: string | null;
  /** The incidents (and claims) concerned, before and after. */
  before: unknown;
  after: unknown;
  /** What the action did to incident resolution (CurationEffects). */
  effects: CurationEffects;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'seq'>;

interface RawEvent {
  seq: number;
  id: string;
  action: CurationAction;
  actor: string;
  at: string;
  incidentIds: string;
  claimIds: string;
  note: string | null;
  before: string;
  after: string;
  effects: string;
}

const COLUMNS = `seq, id, action, actor, at, incident_ids AS "incidentIds", claim_ids AS "claimIds", note, before, after, effects`;

const eventOf = (r: RawEvent): AuditEvent => ({
  ...r,
  incidentIds: JSON.parse(r.incidentIds) as string[],
  claimIds: JSON.parse(r.claimIds) as string[],
  before: JSON.parse(r.before) as unknown,
  after: JSON.parse(r.after) as unknown,
  effects: JSON.parse(r.effects) as CurationEffects,
});

const Q = {
  insert: `INSERT INTO audit_events (id, action, actor, at, incident_ids, claim_ids, note, before, after, effects)
     VALUES (@id, @action, @actor, @at, @incidentIds, @claimIds, @note, @before, @after, @effects) RETURNING seq`,
  link: 'INSERT INTO audit_incidents (incident_id, seq) VALUES (?, ?) ON CONFLICT DO NOTHING',
  bySeq: `SELECT ${COLUMNS} FROM audit_events WHERE seq = ?`,
  since: `SELECT ${COLUMNS} FROM audit_events WHERE at >= @since AND seq > @after ORDER BY seq LIMIT @limit`,
  all: `SELECT ${COLUMNS} FROM audit_events ORDER BY seq`,
  mergedInto: "SELECT id FROM incidents WHERE merged_into = ? AND retired_by = 'curation'",
  retiredInto: 'SELECT id FROM incidents WHERE merged_into = ?',
  forIncidents: (n: number) =>
    `SELECT ${COLUMNS} FROM audit_events WHERE seq IN (SELECT seq FROM audit_incidents WHERE incident_id IN (${placeholders(n)})) ORDER BY seq`,
};

/** The append-only audit log of curation: written inside the action's transaction, never changed. */
export class AuditLog {
  /** Appends an event (inside the caller's transaction). */
  *append(event: NewAuditEvent): Work<AuditEvent> {
    const id = `evt-${randomUUID()}`;
    const inserted = yield* get<{ seq: number }>(Q.insert, {
      id,
      action: event.action,
      actor: event.actor,
      at: event.at,
      incidentIds: JSON.stringify(event.incidentIds),
      claimIds: JSON.stringify(event.claimIds),
      note: event.note,
      before: JSON.stringify(event.before),
      after: JSON.stringify(event.after),
      effects: JSON.stringify(event.effects),
    });
    const seq = inserted!.seq;
    for (const incidentId of new Set(event.incidentIds)) yield* run(Q.link, [incidentId, seq]);
    return eventOf((yield* get<RawEvent>(Q.bySeq, [seq]))!);
  }

  /** Ids merged (by an analyst) into this incident, directly or through others. */
  *mergedFrom(incidentId: string): Work<string[]> {
    return yield* ancestors(incidentId, Q.mergedInto);
  }

  /**
   * The history of an incident, oldest first: its events and those of every id that now answers
   * with it (merged by an analyst, or regrouped by later claims).
   */
  *history(incidentId: string): Work<AuditEvent[]> {
    const ids = [incidentId, ...(yield* ancestors(incidentId, Q.retiredInto))];
    const rows: RawEvent[] = [];
    for (const chunk of chunks(ids)) rows.push(...(yield* all<RawEvent>(Q.forIncidents(chunk.length), chunk)));
    return [...new Map(rows.map((r) => [r.seq, r])).values()].sort((a, b) => a.seq - b.seq).map(eventOf);
  }

  /** Events at or after `since` (ISO 8601), oldest first, after log position `after`. */
  *since(since = '', limit = 100, after = 0): Work<AuditEvent[]> {
    return (yield* all<RawEvent>(Q.since, { since, after, limit: Math.min(Math.max(limit, 1), 1000) })).map(eventOf);
  }

  /** The whole log in order: with every claim, it gives the incidents (resolveIncidents). */
  *all(): Work<AuditEvent[]> {
    return (yield* all<RawEvent>(Q.all)).map(eventOf);
  }
}

/** Every id that reaches `incidentId` through `step` (one id to the ids pointing at it), sorted. */
function* ancestors(incidentId: string, step: string): Work<string[]> {
  const out: string[] = [];
  const queue = [incidentId];
  while (queue.length > 0 && out.length < 10_000) {
    for (const id of yield* column<string>(step, [queue.shift()!])) {
      out.push(id);
      queue.push(id);
    }
  }
  return out.sort();
}

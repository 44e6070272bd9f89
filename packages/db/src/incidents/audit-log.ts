import { randomUUID } from 'node:crypto';
import type { CurationAction, CurationEffects } from '@recon/domain';
import type Database from 'better-sqlite3';

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

const COLUMNS = `seq, id, action, actor, at, incident_ids AS incidentIds, claim_ids AS claimIds, note, before, after, effects`;

const eventOf = (r: RawEvent): AuditEvent => ({
  ...r,
  incidentIds: JSON.parse(r.incidentIds) as string[],
  claimIds: JSON.parse(r.claimIds) as string[],
  before: JSON.parse(r.before) as unknown,
  after: JSON.parse(r.after) as unknown,
  effects: JSON.parse(r.effects) as CurationEffects,
});

/** The append-only audit log of curation: written inside the action's transaction, never changed. */
export class AuditLog {
  private readonly q;

  constructor(sqlite: Database.Database) {
    this.q = {
      insert: sqlite.prepare(
        `INSERT INTO audit_events (id, action, actor, at, incident_ids, claim_ids, note, before, after, effects)
         VALUES (@id, @action, @actor, @at, @incidentIds, @claimIds, @note, @before, @after, @effects)`,
      ),
      link: sqlite.prepare('INSERT OR IGNORE INTO audit_incidents (incident_id, seq) VALUES (?, ?)'),
      bySeq: sqlite.prepare(`SELECT ${COLUMNS} FROM audit_events WHERE seq = ?`),
      since: sqlite.prepare(`SELECT ${COLUMNS} FROM audit_events WHERE at >= @since AND seq > @after ORDER BY seq LIMIT @limit`),
      all: sqlite.prepare(`SELECT ${COLUMNS} FROM audit_events ORDER BY seq`),
      mergedInto: sqlite.prepare("SELECT id FROM incidents WHERE merged_into = ? AND retired_by = 'curation'").pluck(),
      retiredInto: sqlite.prepare('SELECT id FROM incidents WHERE merged_into = ?').pluck(),
      forIncidents: (n: number) =>
        sqlite.prepare(
          `SELECT ${COLUMNS} FROM audit_events WHERE seq IN (SELECT seq FROM audit_incidents WHERE incident_id IN (${Array(n).fill('?').join(', ')})) ORDER BY seq`,
        ),
    };
  }

  /** Appends an event (inside the caller's transaction). */
  append(event: NewAuditEvent): AuditEvent {
    const id = `evt-${randomUUID()}`;
    const info = this.q.insert.run({
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
    const seq = Number(info.lastInsertRowid);
    for (const incidentId of new Set(event.incidentIds)) this.q.link.run(incidentId, seq);
    return eventOf(this.q.bySeq.get(seq) as RawEvent);
  }

  /** Ids merged (by an analyst) into this incident, directly or through others. */
  mergedFrom(incidentId: string): string[] {
    return this.ancestors(incidentId, this.q.mergedInto);
  }

  private ancestors(incidentId: string, step: { all(id: string): unknown[] }): string[] {
    const out: string[] = [];
    const queue = [incidentId];
    while (queue.length > 0 && out.length < 10_000) {
      for (const id of step.all(queue.shift()!) as string[]) {
        out.push(id);
        queue.push(id);
      }
    }
    return out.sort();
  }

  /**
   * The history of an incident, oldest first: its events and those of every id that now answers
   * with it (merged by an analyst, or regrouped by later claims).
   */
  history(incidentId: string): AuditEvent[] {
    const ids = [incidentId, ...this.ancestors(incidentId, this.q.retiredInto)];
    const rows: RawEvent[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      rows.push(...(this.q.forIncidents(chunk.length).all(...chunk) as RawEvent[]));
    }
    return [...new Map(rows.map((r) => [r.seq, r])).values()].sort((a, b) => a.seq - b.seq).map(eventOf);
  }

  /** Events at or after `since` (ISO 8601), oldest first, after log position `after`. */
  since(since = '', limit = 100, after = 0): AuditEvent[] {
    return (this.q.since.all({ since, after, limit: Math.min(Math.max(limit, 1), 1000) }) as RawEvent[]).map(eventOf);
  }

  /** The whole log in order: with every claim, it gives the incidents (resolveIncidents). */
  all(): AuditEvent[] {
    return (this.q.all.all() as RawEvent[]).map(eventOf);
  }
}

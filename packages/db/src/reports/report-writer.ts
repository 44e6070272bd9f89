import { sha256Hex, listFacts, summarize, type IncidentIdentity, type OverridableField, type ReportContent, type ResolvedClaim } from '@recon/domain';
import type { Dialect } from '../sql/engine.js';
import { column, get, run, type Work } from '../sql/work.js';
import type { AuditLog } from '../incidents/audit-log.js';
import { INCIDENT_COLUMNS, incidentRowOf, overridesOf, type IncidentRow, type RawIncident } from '../incidents/incident-rows.js';

export interface IncidentProgress {
  claimSeq: number;
  reportedSeq: number;
  latestVersion: number;
  /** When a claim of the incident was last stored or retracted (ISO 8601). */
  updatedAt: string;
  /** Merged into another incident: nothing to reconcile. */
  retired: boolean;
}

export interface ReportWrite {
  version: number;
  written: boolean;
}

export interface ReconcileSnapshot {
  identity: IncidentIdentity;
  claims: ResolvedClaim[];
  seq: number;
}

interface SerializedContent {
  hash: string;
  /** The report's JSON text for a version: the content's text with version and time spliced in. */
  reportBody(version: number, generatedAt: string): string;
}

/**
 * Serialises report content once. The content is built in a fixed key order, so its JSON text is
 * canonical and its digest tells whether two contents are the same; the stored report is the same
 * text with `version` and `generatedAt` after `incident`, exactly as JSON.stringify(toReport(…)).
 */
function serializeContent(content: ReportContent): SerializedContent {
  const text = JSON.stringify(content);
  const head = `{"incident":${JSON.stringify(content.incident)}`;
  if (!text.startsWith(head)) throw new Error('report content must begin with its incident');
  return {
    hash: sha256Hex(text),
    reportBody: (version, generatedAt) => `${head},"version":${version},"generatedAt":${JSON.stringify(generatedAt)}${text.slice(head.length)}`,
  };
}

/** An incident row as the report shows it. */
export function identityOf(row: IncidentRow, mergedFrom: string[]): IncidentIdentity {
  return {
    id: row.id,
    key: row.key,
    country: row.country,
    location: row.placeName ?? row.location,
    placeId: row.placeId,
    admin1: row.admin1,
    title: row.title,
    lat: row.lat,
    lon: row.lon,
    startDate: row.startDate,
    endDate: row.endDate,
    needsReview: row.needsReview,
    candidates: row.candidates,
    mergedFrom,
    setByHand: (Object.keys(overridesOf(row)) as OverridableField[]).sort(),
  };
}

const Q = {
  incidentById: `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`,

  reportHash: 'SELECT content_hash AS hash FROM reports WHERE incident_id = ? AND version = ?',
  markReported: 'UPDATE incidents SET reported_seq = ? WHERE id = ?',
  progress: `SELECT claim_seq AS "claimSeq", reported_seq AS "reportedSeq", latest_version AS "latestVersion", updated_at AS "updatedAt",
            CASE WHEN merged_into IS NULL THEN 0 ELSE 1 END AS retired
       FROM incidents WHERE id = ?`,
  insertReport: `INSERT INTO reports (incident_id, version, content_hash, claim_seq, claim_count, disputed_cells, summary,
                          killed_low, killed_high, killed_high_open, claimant_count, generated_at, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  markVersion: 'UPDATE incidents SET reported_seq = ?, latest_version = ? WHERE id = ?',
  storedResolved: "SELECT resolved FROM claims WHERE incident_id = ? AND status = 'stored'",
  dirty: 'SELECT id FROM incidents WHERE claim_seq > reported_seq AND merged_into IS NULL LIMIT ?',
  dirtyBefore: 'SELECT id FROM incidents WHERE claim_seq > reported_seq AND merged_into IS NULL AND updated_at < ? LIMIT ?',
};

/** A report's content, serialised once, for the incident and change it reflects. */
export type ReportItem = { incidentId: string; content: ReportContent; seq: number } & SerializedContent;

/** Reads what a reconcile needs and writes report versions; finds incidents whose report is behind. */
export class ReportWriter {
  /** The incident's report counters, its row locked until the write ends (two reconcilers take turns). */
  private readonly incidentSeq: string;

  constructor(
    private readonly audit: AuditLog,
    dialect: Dialect,
  ) {
    this.incidentSeq = `SELECT reported_seq AS "reportedSeq", latest_version AS "latestVersion" FROM incidents WHERE id = ?${dialect.forUpdate}`;
  }

  /**
   * Where an incident's report stands against its claims, in one indexed lookup: the change count of
   * its claims, the change its latest report reflects, and when its last claim change was stored.
   */
  *incidentProgress(incidentId: string): Work<IncidentProgress | null> {
    const row = yield* get<Omit<IncidentProgress, 'retired'> & { retired: number }>(Q.progress, [incidentId]);
    return row ? { ...row, retired: row.retired === 1 } : null;
  }

  /** An incident's current claims and change counter (the store reads it as one snapshot). */
  *reconcileSnapshot(incidentId: string): Work<ReconcileSnapshot | null> {
    const raw = yield* get<RawIncident>(Q.incidentById, [incidentId]);
    if (!raw) return null;
    const row = incidentRowOf(raw);
    const stored = yield* column<string>(Q.storedResolved, [incidentId]);
    return {
      identity: identityOf(row, yield* this.audit.mergedFrom(incidentId)),
      claims: stored.map((c) => JSON.parse(c) as ResolvedClaim),
      seq: row.claimSeq,
    };
  }

  /** Serialises reports, before any transaction begins. */
  prepare(items: readonly { incidentId: string; content: ReportContent; seq: number }[]): ReportItem[] {
    return items.map((item) => ({ ...item, ...serializeContent(item.content) }));
  }

  /**
   * Writes a new report version per item when the content differs from the latest one. A snapshot
   * older than what the latest report already reflects is dropped, so a slow reconcile never rolls a
   * report back.
   */
  *writeReports(ready: readonly ReportItem[], now: string): Work<ReportWrite[]> {
    const out: ReportWrite[] = [];
    for (const r of ready) out.push(yield* this.writeOneReport(r, now));
    return out;
  }

  private *writeOneReport(r: ReportItem, now: string): Work<ReportWrite> {
    const row = yield* get<{ reportedSeq: number; latestVersion: number }>(this.incidentSeq, [r.incidentId]);
    if (!row) throw new Error(`incident ${r.incidentId} does not exist`);
    if (row.latestVersion > 0 && r.seq <= row.reportedSeq) return { version: row.latestVersion, written: false };
    if (row.latestVersion > 0) {
      const latest = yield* get<{ hash: string }>(Q.reportHash, [r.incidentId, row.latestVersion]);
      if (latest?.hash === r.hash) {
        yield* run(Q.markReported, [r.seq, r.incidentId]);
        return { version: row.latestVersion, written: false };
      }
    }
    const version = row.latestVersion + 1;
    const facts = listFacts(r.content);
    yield* run(Q.insertReport, [
      r.incidentId,
      version,
      r.hash,
      r.seq,
      r.content.claimCount,
      r.content.cells.filter((c) => c.agreement === 'disputed').length,
      summarize(r.content),
      facts.killed?.low ?? null,
      facts.killed?.high ?? null,
      facts.killed?.highOpen ? 1 : 0,
      facts.claimantCount,
      now,
      r.reportBody(version, now),
    ]);
    yield* run(Q.markVersion, [r.seq, version, r.incidentId]);
    return { version, written: true };
  }

  /**
   * Live incidents whose latest report does not reflect their latest change; with `changedBefore`
   * (ISO 8601), only those whose claims last changed before then.
   */
  *dirtyIncidents(limit = 10_000, changedBefore?: string): Work<string[]> {
    return changedBefore === undefined ? yield* column<string>(Q.dirty, [limit]) : yield* column<string>(Q.dirtyBefore, [changedBefore, limit]);
  }
}

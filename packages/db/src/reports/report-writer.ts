import { sha256Hex, listFacts, summarize, type IncidentIdentity, type OverridableField, type ReportContent, type ResolvedClaim } from '@recon/domain';
import type { DatabaseHandle } from '../database.js';
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

/** Reads what a reconcile needs and writes report versions; finds incidents whose report is behind. */
export class ReportWriter {
  private readonly q;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly audit: AuditLog,
    /** Called after reports are written (the reader's cache of latest versions). */
    private readonly onWrite: () => void,
  ) {
    const s = handle.sqlite;
    this.q = {
      incidentById: s.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`),
      incidentSeq: s.prepare('SELECT reported_seq AS reportedSeq, latest_version AS latestVersion FROM incidents WHERE id = ?'),
      reportHash: s.prepare('SELECT content_hash AS hash FROM reports WHERE incident_id = ? AND version = ?'),
      markReported: s.prepare('UPDATE incidents SET reported_seq = ? WHERE id = ?'),
      progress: s.prepare(
        `SELECT claim_seq AS claimSeq, reported_seq AS reportedSeq, latest_version AS latestVersion, updated_at AS updatedAt,
                merged_into IS NOT NULL AS retired
           FROM incidents WHERE id = ?`,
      ),
      insertReport: s.prepare(
        `INSERT INTO reports (incident_id, version, content_hash, claim_seq, claim_count, disputed_cells, summary,
                              killed_low, killed_high, killed_high_open, claimant_count, generated_at, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      markVersion: s.prepare('UPDATE incidents SET reported_seq = ?, latest_version = ? WHERE id = ?'),
      storedResolved: s.prepare("SELECT resolved FROM claims WHERE incident_id = ? AND status = 'stored'").pluck(),
      dirty: s.prepare('SELECT id FROM incidents WHERE claim_seq > reported_seq AND merged_into IS NULL LIMIT ?').pluck(),
      dirtyBefore: s.prepare('SELECT id FROM incidents WHERE claim_seq > reported_seq AND merged_into IS NULL AND updated_at < ? LIMIT ?').pluck(),
    };
  }

  /**
   * Where an incident's report stands against its claims, in one indexed lookup: the change count of
   * its claims, the change its latest report reflects, and when its last claim change was stored.
   */
  incidentProgress(incidentId: string): IncidentProgress | null {
    const row = this.q.progress.get(incidentId) as (Omit<IncidentProgress, 'retired'> & { retired: number }) | undefined;
    return row ? { ...row, retired: row.retired === 1 } : null;
  }

  /** An incident's current claims and change counter, read as one consistent snapshot. */
  reconcileSnapshot(incidentId: string): ReconcileSnapshot | null {
    return this.handle.sqlite.transaction((): ReconcileSnapshot | null => {
      const raw = this.q.incidentById.get(incidentId) as RawIncident | undefined;
      if (!raw) return null;
      const row = incidentRowOf(raw);
      const stored = this.q.storedResolved.all(incidentId) as string[];
      return {
        identity: identityOf(row, this.audit.mergedFrom(incidentId)),
        claims: stored.map((c) => JSON.parse(c) as ResolvedClaim),
        seq: row.claimSeq,
      };
    })();
  }

  /**
   * Writes a new report version when the content differs from the latest one. A snapshot older than
   * what the latest report already reflects is dropped, so a slow reconcile never rolls a report back.
   */
  writeReport(incidentId: string, content: ReportContent, seq: number, now: string): ReportWrite {
    return this.writeReports([{ incidentId, content, seq }], now)[0]!;
  }

  /**
   * `writeReport` for several incidents in one transaction (one write lock, one fsync). The reports
   * are serialised before the lock is taken.
   */
  writeReports(items: readonly { incidentId: string; content: ReportContent; seq: number }[], now: string): ReportWrite[] {
    const ready = items.map((item) => ({ ...item, ...serializeContent(item.content) }));
    const written = this.handle.sqlite.transaction(() => ready.map((r) => this.writeOneReport(r, now))).immediate();
    this.onWrite();
    return written;
  }

  private writeOneReport(r: { incidentId: string; content: ReportContent; seq: number } & SerializedContent, now: string): ReportWrite {
    const row = this.q.incidentSeq.get(r.incidentId) as { reportedSeq: number; latestVersion: number } | undefined;
    if (!row) throw new Error(`incident ${r.incidentId} does not exist`);
    if (row.latestVersion > 0 && r.seq <= row.reportedSeq) return { version: row.latestVersion, written: false };
    if (row.latestVersion > 0) {
      const latest = this.q.reportHash.get(r.incidentId, row.latestVersion) as { hash: string } | undefined;
      if (latest?.hash === r.hash) {
        this.q.markReported.run(r.seq, r.incidentId);
        return { version: row.latestVersion, written: false };
      }
    }
    const version = row.latestVersion + 1;
    const facts = listFacts(r.content);
    this.q.insertReport.run(
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
    );
    this.q.markVersion.run(r.seq, version, r.incidentId);
    return { version, written: true };
  }

  /**
   * Live incidents whose latest report does not reflect their latest change; with `changedBefore`
   * (ISO 8601), only those whose claims last changed before then.
   */
  dirtyIncidents(limit = 10_000, changedBefore?: string): string[] {
    return (changedBefore === undefined ? this.q.dirty.all(limit) : this.q.dirtyBefore.all(changedBefore, limit)) as string[];
  }
}

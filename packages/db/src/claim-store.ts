import type { Gazetteer, IncidentFilter, IncidentListItem, ProblemClaim, ReportContent, ReportVersionInfo, ReviewDecision } from '@recon/domain';
import { ClaimWriter, type Retraction, type StoreClaimInput, type StoreResult } from './claims/claim-writer.js';
import { rebuildIncidents } from './incidents/rebuild.js';
import type { Engine, WriteOptions } from './sql/engine.js';
import { all, type Params, type Work } from './sql/work.js';
import { AuditLog, type AuditEvent } from './incidents/audit-log.js';
import { Curator, type CurationContext, type CurationResult, type IncidentPatch, type PlaceOf } from './incidents/curator.js';
import { IncidentQueries, type FoundIncident, type IncidentClaimRow } from './incidents/incident-queries.js';
import { IncidentResolver } from './incidents/incident-resolver.js';
import type { IncidentRow } from './incidents/incident-rows.js';
import { ProblemClaims, type ClaimFailure, type ClaimStatus, type RejectionInput } from './problems/problem-claims.js';
import { ReportReader, type ReportBytes } from './reports/report-reader.js';
import { ExportReader } from './exports/export-reader.js';
import { ReportWriter, type IncidentProgress, type ReconcileSnapshot, type ReportWrite } from './reports/report-writer.js';

export type { AuditEvent, ClaimStatus, CurationContext, CurationResult, FoundIncident, IncidentClaimRow, IncidentFilter, IncidentListItem };
export type { IncidentPatch, IncidentProgress, IncidentRow, PlaceOf, ReconcileSnapshot, ReportVersionInfo, ReportWrite, Retraction };
export type { ClaimFailure, StoreClaimInput, StoreResult };

/** Row counts for health and metrics. */
export interface StoreCounts {
  incidents: number;
  claims: number;
  rejections: number;
  /** Claims whose ingest failed for good (not queued again since). */
  failed: number;
  reports: number;
  dirty: number;
}

/** The gazetteer's place for a location, as an edit records it. */
export const placeOfGazetteer =
  (gazetteer: Pick<Gazetteer, 'resolve'>): PlaceOf =>
  (country, location) => {
    const p = gazetteer.resolve(country, location);
    return { country: p.country, placeId: p.id, placeName: p.name, placeAdmin1: p.admin1 };
  };

/**
 * The store: one interface over two engines (SQLite, PostgreSQL). Its modules each do one job:
 * writing claims (ClaimWriter) and placing them in incidents (IncidentResolver), curation and its
 * audit log (Curator, AuditLog), problem claims, report writing and reading, incident queries. They
 * write their work once, as generators of SQL (sql/work.ts); this class runs each call on the
 * engine, as one transaction where it writes, and only hands calls on.
 */
export class ClaimStore {
  readonly resolver = new IncidentResolver();
  readonly audit = new AuditLog();
  readonly claims = new ClaimWriter(this.resolver, this.audit);
  readonly problems = new ProblemClaims(this.resolver);
  readonly reportReader: ReportReader;
  readonly reportWriter: ReportWriter;
  readonly incidents = new IncidentQueries(this.resolver);
  readonly curator = new Curator(this.resolver, this.incidents, this.audit);
  readonly exports: ExportReader;

  constructor(readonly engine: Engine) {
    this.reportReader = new ReportReader(engine);
    this.reportWriter = new ReportWriter(this.audit, engine.dialect);
    this.exports = new ExportReader(engine, this.incidents, this.reportReader);
  }

  private read<T>(work: () => Work<T>): Promise<T> {
    return this.engine.read(work);
  }

  private write<T>(work: () => Work<T>, options?: WriteOptions): Promise<T> {
    return this.engine.write(work, options);
  }

  /** Throws when the database does not answer. */
  ping(): Promise<void> {
    return this.engine.ping();
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  // Claims
  async storeClaim(input: StoreClaimInput): Promise<StoreResult> {
    return (await this.storeClaims([input]))[0]!;
  }
  /** Stores claims in one transaction (all or nothing), in order. */
  storeClaims(inputs: readonly StoreClaimInput[]): Promise<StoreResult[]> {
    const batch = this.claims.plan(inputs);
    return this.write(() => this.claims.storeClaims(batch), { locks: batch.locks });
  }
  async retractClaim(id: string, by: string, now: string, note: string | null = null): Promise<Retraction | null> {
    const r = await this.write(() => this.claims.retractClaim(id, by, now, note), { exclusive: true });
    this.reportReader.invalidate();
    return r;
  }

  // Problem claims
  recordRejection(input: RejectionInput): Promise<void> {
    return this.write(() => this.problems.recordRejection(input));
  }
  recordRejections(list: readonly RejectionInput[]): Promise<void> {
    return this.write(() => this.problems.recordRejections(list));
  }
  claimStatus(id: string): Promise<ClaimStatus | null> {
    return this.read(() => this.problems.claimStatus(id));
  }
  recordFailure(input: Parameters<ProblemClaims['recordFailure']>[0]): Promise<void> {
    return this.write(() => this.problems.recordFailure(input));
  }
  failure(id: string): Promise<ClaimFailure | null> {
    return this.read(() => this.problems.failure(id));
  }
  /** Marks the claims among these that had failed for good as queued again (one read when none had). */
  async markRequeued(ids: readonly string[]): Promise<void> {
    const failed = await this.read(() => this.problems.failedAmong(ids));
    if (failed.length > 0) await this.write(() => this.problems.markRequeued(failed));
  }
  problemClaims(status: 'rejected' | 'failed', limit?: number, offset?: number): Promise<ProblemClaim[]> {
    return this.read(() => this.problems.problemClaims(status, limit, offset));
  }
  storedIds(ids: readonly string[]): Promise<Set<string>> {
    return this.read(() => this.problems.storedIds(ids));
  }

  // Incidents
  findIncident(idOrKey: string): Promise<IncidentRow | null> {
    return this.read(() => this.incidents.findIncident(idOrKey));
  }
  lookupIncident(idOrKey: string): Promise<FoundIncident | null> {
    return this.read(() => this.incidents.lookupIncident(idOrKey));
  }
  listIncidents(filter: IncidentFilter = {}): Promise<IncidentListItem[]> {
    return this.read(() => this.incidents.listIncidents(filter));
  }
  incidentClaims(incidentId: string): Promise<IncidentClaimRow[]> {
    return this.read(() => this.incidents.incidentClaims(incidentId));
  }
  counts(): Promise<StoreCounts> {
    return this.read(() => this.incidents.counts());
  }

  // Curation: one at a time, excluding claim writes (an action can reach any incident).
  merge(fromId: string, intoId: string, ctx: CurationContext): Promise<CurationResult> {
    return this.curated(() => this.curator.merge(fromId, intoId, ctx));
  }
  split(sourceId: string, claimIds: readonly string[], incident: { key?: string; title?: string }, ctx: CurationContext): Promise<CurationResult> {
    return this.curated(() => this.curator.split(sourceId, claimIds, incident, ctx));
  }
  move(claimId: string, targetId: string, ctx: CurationContext): Promise<CurationResult> {
    return this.curated(() => this.curator.move(claimId, targetId, ctx));
  }
  editIncident(id: string, patch: IncidentPatch, place: PlaceOf, ctx: CurationContext): Promise<CurationResult> {
    return this.curated(() => this.curator.edit(id, patch, place, ctx));
  }
  review(id: string, decision: ReviewDecision, ctx: CurationContext): Promise<CurationResult> {
    return this.curated(() => this.curator.review(id, decision, ctx));
  }
  history(incidentId: string): Promise<AuditEvent[]> {
    return this.read(() => this.audit.history(incidentId));
  }
  auditSince(since?: string, limit?: number, after?: number): Promise<AuditEvent[]> {
    return this.read(() => this.audit.since(since, limit, after));
  }
  /** The whole audit log in order (with every claim, it gives the incidents). */
  auditLog(): Promise<AuditEvent[]> {
    return this.read(() => this.audit.all());
  }
  mergedFrom(incidentId: string): Promise<string[]> {
    return this.read(() => this.audit.mergedFrom(incidentId));
  }

  private async curated(work: () => Work<CurationResult>): Promise<CurationResult> {
    const r = await this.write(work, { exclusive: true });
    if (r.changed) this.reportReader.invalidate();
    return r;
  }

  /** Rebuilds every incident from the claims and the audit log (a repair; see rebuildIncidents). */
  async rebuildIncidents(now?: string): Promise<{ claims: number; incidents: number }> {
    const r = await this.write(() => rebuildIncidents(undefined, now), { exclusive: true });
    this.reportReader.invalidate();
    return r;
  }

  // Reports
  incidentProgress(incidentId: string): Promise<IncidentProgress | null> {
    return this.read(() => this.reportWriter.incidentProgress(incidentId));
  }
  /** An incident's current claims and change counter, read as one consistent snapshot. */
  reconcileSnapshot(incidentId: string): Promise<ReconcileSnapshot | null> {
    return this.engine.snapshot(() => this.reportWriter.reconcileSnapshot(incidentId));
  }
  async writeReport(incidentId: string, content: ReportContent, seq: number, now: string): Promise<ReportWrite> {
    return (await this.writeReports([{ incidentId, content, seq }], now))[0]!;
  }
  /** Writes reports in one transaction; they are serialised before it begins. */
  async writeReports(items: readonly { incidentId: string; content: ReportContent; seq: number }[], now: string): Promise<ReportWrite[]> {
    const ready = this.reportWriter.prepare(items);
    const written = await this.write(() => this.reportWriter.writeReports(ready, now));
    this.reportReader.invalidate();
    return written;
  }
  dirtyIncidents(limit?: number, changedBefore?: string): Promise<string[]> {
    return this.read(() => this.reportWriter.dirtyIncidents(limit, changedBefore));
  }
  reportBytes(idOrKey: string, version?: number): Promise<ReportBytes | null> {
    return this.reportReader.reportBytes(idOrKey, version);
  }
  ownReportBytes(incidentId: string, version: number): Promise<ReportBytes | null> {
    return this.reportReader.ownReportBytes(incidentId, version);
  }
  /** An incident's own row by its id, merged or not (no merge followed). */
  incidentRow(id: string): Promise<IncidentRow | null> {
    return this.read(() => this.resolver.incident(id));
  }
  reportJson(idOrKey: string, version?: number): Promise<string | null> {
    return this.reportReader.reportJson(idOrKey, version);
  }
  reportVersions(incidentId: string, version?: number): Promise<ReportVersionInfo[]> {
    return this.reportReader.reportVersions(incidentId, version);
  }
  /** A stamp that changes whenever the database may have (see ReportReader.changeStamp). */
  changeStamp(): Promise<string> {
    return this.reportReader.changeStamp();
  }
  latestReportVersion(idOrKey: string): Promise<{ incidentId: string; version: number } | null> {
    return this.reportReader.latestReportVersion(idOrKey);
  }

  /** Rows of any query, for tests, benchmarks and operators' checks (portable SQL, see sql/work.ts). */
  rows<T>(sql: string, params: Params = []): Promise<T[]> {
    return this.read(() => all<T>(sql, params));
  }
}

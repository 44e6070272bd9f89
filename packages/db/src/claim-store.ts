import type { Gazetteer, IncidentFilter, IncidentListItem, ReportContent, ReportVersionInfo, ReviewDecision } from '@recon/domain';
import { ClaimWriter, type Retraction, type StoreClaimInput, type StoreResult } from './claims/claim-writer.js';
import type { DatabaseHandle } from './database.js';
import { AuditLog, type AuditEvent } from './incidents/audit-log.js';
import { Curator, type CurationContext, type CurationResult, type IncidentPatch, type PlaceOf } from './incidents/curator.js';
import { IncidentQueries, type FoundIncident, type IncidentClaimRow } from './incidents/incident-queries.js';
import { IncidentResolver } from './incidents/incident-resolver.js';
import type { IncidentRow } from './incidents/incident-rows.js';
import { ProblemClaims, type ClaimStatus, type RejectionInput } from './problems/problem-claims.js';
import { ReportReader, type ReportBytes } from './reports/report-reader.js';
import { ExportReader } from './exports/export-reader.js';
import { ReportWriter, type IncidentProgress, type ReconcileSnapshot, type ReportWrite } from './reports/report-writer.js';

export type { AuditEvent, ClaimStatus, CurationContext, CurationResult, FoundIncident, IncidentClaimRow, IncidentFilter, IncidentListItem };
export type { IncidentPatch, IncidentProgress, IncidentRow, PlaceOf, ReconcileSnapshot, ReportVersionInfo, ReportWrite, Retraction };
export type { StoreClaimInput, StoreResult };

/** The gazetteer's place for a location, as an edit records it. */
export const placeOfGazetteer =
  (gazetteer: Pick<Gazetteer, 'resolve'>): PlaceOf =>
  (country, location) => {
    const p = gazetteer.resolve(country, location);
    return { country: p.country, placeId: p.id, placeName: p.name, placeAdmin1: p.admin1 };
  };

/**
 * The store: one SQLite file, read and written through small modules, each one job: writing claims
 * (ClaimWriter) and placing them in incidents (IncidentResolver), curation and its audit log
 * (Curator, AuditLog), problem claims, report writing and reading, incident queries. Each write is one
 * SQLite transaction that takes the write lock up front (BEGIN IMMEDIATE), so several processes
 * sharing the file queue for it instead of failing half-way. This class only hands calls on.
 */
export class ClaimStore {
  readonly resolver: IncidentResolver;
  readonly audit: AuditLog;
  readonly claims: ClaimWriter;
  readonly problems: ProblemClaims;
  readonly reportWriter: ReportWriter;
  readonly reportReader: ReportReader;
  readonly incidents: IncidentQueries;
  readonly curator: Curator;
  readonly exports: ExportReader;

  constructor(readonly handle: DatabaseHandle) {
    this.resolver = new IncidentResolver(handle.sqlite);
    this.audit = new AuditLog(handle.sqlite);
    this.claims = new ClaimWriter(handle, this.resolver, this.audit);
    this.problems = new ProblemClaims(handle.db, this.resolver);
    this.reportReader = new ReportReader(handle.sqlite);
    this.reportWriter = new ReportWriter(handle, this.audit, () => this.reportReader.invalidate());
    this.incidents = new IncidentQueries(handle, this.resolver);
    this.curator = new Curator(handle, this.resolver, this.incidents, this.audit);
    this.exports = new ExportReader(handle, this.incidents, this.reportReader);
  }

  // Claims
  storeClaim(input: StoreClaimInput): StoreResult {
    return this.claims.storeClaims([input])[0]!;
  }
  storeClaims(inputs: readonly StoreClaimInput[]): StoreResult[] {
    return this.claims.storeClaims(inputs);
  }
  retractClaim(id: string, by: string, now: string, note: string | null = null): Retraction | null {
    const r = this.claims.retractClaim(id, by, now, note);
    this.reportReader.invalidate();
    return r;
  }

  // Problem claims
  recordRejection(input: RejectionInput): void {
    this.problems.recordRejection(input);
  }
  recordRejections(list: readonly RejectionInput[]): void {
    this.problems.recordRejections(list);
  }
  claimStatus(id: string): ClaimStatus | null {
    return this.problems.claimStatus(id);
  }
  recordFailure(input: Parameters<ProblemClaims['recordFailure']>[0]): void {
    this.problems.recordFailure(input);
  }
  failure(id: string): ReturnType<ProblemClaims['failure']> {
    return this.problems.failure(id);
  }
  markRequeued(ids: readonly string[]): void {
    this.problems.markRequeued(ids);
  }
  problemClaims(status: 'rejected' | 'failed', limit?: number, offset?: number): ReturnType<ProblemClaims['problemClaims']> {
    return this.problems.problemClaims(status, limit, offset);
  }
  storedIds(ids: readonly string[]): Set<string> {
    return this.problems.storedIds(ids);
  }

  // Incidents
  findIncident(idOrKey: string): IncidentRow | null {
    return this.incidents.findIncident(idOrKey);
  }
  lookupIncident(idOrKey: string): FoundIncident | null {
    return this.incidents.lookupIncident(idOrKey);
  }
  listIncidents(filter: IncidentFilter = {}): IncidentListItem[] {
    return this.incidents.listIncidents(filter);
  }
  incidentClaims(incidentId: string): IncidentClaimRow[] {
    return this.incidents.incidentClaims(incidentId);
  }
  counts(): ReturnType<IncidentQueries['counts']> {
    return this.incidents.counts();
  }

  // Curation
  merge(fromId: string, intoId: string, ctx: CurationContext): CurationResult {
    return this.curated(() => this.curator.merge(fromId, intoId, ctx));
  }
  split(sourceId: string, claimIds: readonly string[], incident: { key?: string; title?: string }, ctx: CurationContext): CurationResult {
    return this.curated(() => this.curator.split(sourceId, claimIds, incident, ctx));
  }
  move(claimId: string, targetId: string, ctx: CurationContext): CurationResult {
    return this.curated(() => this.curator.move(claimId, targetId, ctx));
  }
  editIncident(id: string, patch: IncidentPatch, place: PlaceOf, ctx: CurationContext): CurationResult {
    return this.curated(() => this.curator.edit(id, patch, place, ctx));
  }
  review(id: string, decision: ReviewDecision, ctx: CurationContext): CurationResult {
    return this.curated(() => this.curator.review(id, decision, ctx));
  }
  history(incidentId: string): AuditEvent[] {
    return this.audit.history(incidentId);
  }
  auditSince(since?: string, limit?: number, after?: number): AuditEvent[] {
    return this.audit.since(since, limit, after);
  }
  mergedFrom(incidentId: string): string[] {
    return this.audit.mergedFrom(incidentId);
  }

  private curated(fn: () => CurationResult): CurationResult {
    const r = fn();
    if (r.changed) this.reportReader.invalidate();
    return r;
  }

  // Reports
  incidentProgress(incidentId: string): IncidentProgress | null {
    return this.reportWriter.incidentProgress(incidentId);
  }
  reconcileSnapshot(incidentId: string): ReconcileSnapshot | null {
    return this.reportWriter.reconcileSnapshot(incidentId);
  }
  writeReport(incidentId: string, content: ReportContent, seq: number, now: string): ReportWrite {
    return this.reportWriter.writeReport(incidentId, content, seq, now);
  }
  writeReports(items: readonly { incidentId: string; content: ReportContent; seq: number }[], now: string): ReportWrite[] {
    return this.reportWriter.writeReports(items, now);
  }
  dirtyIncidents(limit?: number, changedBefore?: string): string[] {
    return this.reportWriter.dirtyIncidents(limit, changedBefore);
  }
  reportBytes(idOrKey: string, version?: number): ReportBytes | null {
    return this.reportReader.reportBytes(idOrKey, version);
  }
  ownReportBytes(incidentId: string, version: number): ReportBytes | null {
    return this.reportReader.ownReportBytes(incidentId, version);
  }
  /** An incident's own row by its id, merged or not (no merge followed). */
  incidentRow(id: string): IncidentRow | null {
    return this.resolver.incident(id);
  }
  reportJson(idOrKey: string, version?: number): string | null {
    return this.reportReader.reportJson(idOrKey, version);
  }
  reportVersions(incidentId: string, version?: number): ReportVersionInfo[] {
    return this.reportReader.reportVersions(incidentId, version);
  }
  /** A stamp that changes whenever the database may have (see ReportReader.changeStamp). */
  changeStamp(): string {
    return this.reportReader.changeStamp();
  }
  latestReportVersion(idOrKey: string): { incidentId: string; version: number } | null {
    return this.reportReader.latestReportVersion(idOrKey);
  }
}

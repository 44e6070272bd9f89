import { dayRange, fold, type IncidentFilter, type IncidentListItem, type IncidentSort } from '@recon/domain';
import { and, asc, desc, eq, gt, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DatabaseHandle, Db } from '../database.js';
import { incidents, reports } from '../schema.js';
import type { IncidentResolver } from './incident-resolver.js';
import { INCIDENT_COLUMNS, incidentRowOf, type IncidentRow, type RawIncident } from './incident-rows.js';

/** An incident found by an id or key; `resolvedFrom` is the id or key asked for when it led elsewhere (a merge). */
export interface FoundIncident {
  row: IncidentRow;
  resolvedFrom: string | null;
}

/** A claim as an incident lists it for curation. */
export interface IncidentClaimRow {
  id: string;
  status: 'stored' | 'retracted';
  claimantId: string;
  statedAt: string;
  pinned: boolean;
}

/** The list's orders; ties go by id, so pages never overlap. */
const ORDER: Record<IncidentSort, SQL[]> = {
  newest: [desc(incidents.startDate)],
  oldest: [asc(incidents.startDate)],
  claims: [sql`coalesce(${reports.claimCount}, 0) DESC`, desc(incidents.startDate)],
  disputed: [sql`coalesce(${reports.disputedCells}, 0) DESC`, desc(incidents.startDate)],
  killed: [sql`${reports.killedHigh} IS NULL`, desc(reports.killedHigh), desc(incidents.startDate)],
};

/** Reads of incidents: by id or key (following merges), lists with filters, counts. */
export class IncidentQueries {
  private readonly db: Db;
  private readonly q;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly resolver: IncidentResolver,
  ) {
    this.db = handle.db;
    const s = handle.sqlite;
    this.q = {
      byLiveKey: s.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE key = ? AND merged_into IS NULL`),
      keyRoute: s.prepare('SELECT incident_id FROM key_routes WHERE key = ?').pluck(),
      claimsOf: s.prepare(
        `SELECT id, status, claimant_id AS claimantId, stated_at AS statedAt, pinned_to IS NOT NULL AS pinned
           FROM claims WHERE incident_id = ? ORDER BY stated_instant, id`,
      ),
    };
  }

  /** The live incident an id or key stands for, following merges; null when nothing has it. */
  lookupIncident(idOrKey: string): FoundIncident | null {
    const byId = this.resolver.incident(idOrKey);
    if (byId) {
      if (byId.mergedInto === null) return { row: byId, resolvedFrom: null };
      const live = this.resolver.incident(this.resolver.liveId(byId.id));
      return live ? { row: live, resolvedFrom: idOrKey } : null;
    }
    const raw = this.q.byLiveKey.get(idOrKey) as RawIncident | undefined;
    if (raw) return { row: incidentRowOf(raw), resolvedFrom: null };
    const routed = this.q.keyRoute.get(idOrKey) as string | undefined;
    if (routed !== undefined) {
      const live = this.resolver.incident(this.resolver.liveId(routed));
      return live ? { row: live, resolvedFrom: idOrKey } : null;
    }
    return null;
  }

  /** An incident by id or by key (an id or key merged away gives the incident it went to). */
  findIncident(idOrKey: string): IncidentRow | null {
    return this.lookupIncident(idOrKey)?.row ?? null;
  }

  /** The claims of an incident, in statedAt-then-id order. */
  incidentClaims(incidentId: string): IncidentClaimRow[] {
    return (this.q.claimsOf.all(incidentId) as (Omit<IncidentClaimRow, 'pinned'> & { pinned: number })[]).map((r) => ({ ...r, pinned: r.pinned === 1 }));
  }

  listIncidents(filter: IncidentFilter = {}): IncidentListItem[] {
    const conds: SQL[] = [isNull(incidents.mergedInto)];
    if (filter.country) conds.push(eq(incidents.country, filter.country));
    if (filter.from) conds.push(gte(incidents.lastDay, dayRange(filter.from).first));
    if (filter.to) conds.push(lte(incidents.firstDay, dayRange(filter.to).last));
    if (filter.q !== undefined && fold(filter.q) === '') {
      // Nothing but punctuation and spaces: folded names hold none of it, so nothing matches.
      conds.push(sql`0`);
    } else if (filter.q) {
      const like = `%${fold(filter.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(sql`${incidents.searchText} LIKE ${like} ESCAPE '\\'`);
    }
    if (filter.disputed !== undefined) {
      conds.push(filter.disputed ? gt(reports.disputedCells, 0) : sql`coalesce(${reports.disputedCells}, 0) = 0`);
    }
    if (filter.needsReview !== undefined) conds.push(eq(incidents.needsReview, filter.needsReview));
    const rows = this.db
      .select({
        id: incidents.id,
        key: incidents.key,
        country: incidents.country,
        location: sql<string | null>`coalesce(${incidents.placeName}, ${incidents.location})`,
        title: incidents.title,
        startDate: incidents.startDate,
        endDate: incidents.endDate,
        needsReview: incidents.needsReview,
        candidates: incidents.candidates,
        claimCount: sql<number>`coalesce(${reports.claimCount}, 0)`,
        disputedCells: sql<number>`coalesce(${reports.disputedCells}, 0)`,
        killedLow: reports.killedLow,
        killedHigh: reports.killedHigh,
        killedHighOpen: reports.killedHighOpen,
        claimantCount: sql<number>`coalesce(${reports.claimantCount}, 0)`,
        reportVersion: incidents.latestVersion,
        summary: sql<string>`coalesce(${reports.summary}, 'no report yet')`,
      })
      .from(incidents)
      .leftJoin(reports, and(eq(reports.incidentId, incidents.id), eq(reports.version, incidents.latestVersion)))
      .where(and(...conds))
      .orderBy(...ORDER[filter.sort ?? 'newest'], asc(incidents.id))
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
      .offset(Math.max(filter.offset ?? 0, 0))
      .all();
    return rows.map(({ killedLow, killedHigh, killedHighOpen, ...r }) => ({
      ...r,
      needsReview: Boolean(r.needsReview),
      killed: killedLow === null || killedHigh === null ? null : { low: killedLow, high: killedHigh, highOpen: Boolean(killedHighOpen) },
    }));
  }

  /** Counts for health and metrics. */
  counts(): { incidents: number; claims: number; rejections: number; reports: number; dirty: number } {
    const one = (q: string): number => (this.handle.sqlite.prepare(q).get() as { n: number }).n;
    return {
      incidents: one('SELECT count(*) AS n FROM incidents WHERE merged_into IS NULL'),
      claims: one("SELECT count(*) AS n FROM claims WHERE status = 'stored'"),
      rejections: one('SELECT count(*) AS n FROM rejections'),
      reports: one('SELECT count(*) AS n FROM reports'),
      dirty: one('SELECT count(*) AS n FROM incidents WHERE claim_seq > reported_seq AND merged_into IS NULL'),
    };
  }
}

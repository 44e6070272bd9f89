import { dayRange, fold, type IncidentFilter, type IncidentListItem, type IncidentSort } from '@recon/domain';
import { all, get, value, type Work } from '../sql/work.js';
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
const ORDER: Record<IncidentSort, string> = {
  newest: 'i.start_date DESC',
  oldest: 'i.start_date ASC',
  claims: 'coalesce(r.claim_count, 0) DESC, i.start_date DESC',
  disputed: 'coalesce(r.disputed_cells, 0) DESC, i.start_date DESC',
  killed: 'r.killed_high IS NULL, r.killed_high DESC, i.start_date DESC',
};

const LIST_COLUMNS = `i.id, i.key, i.country, coalesce(i.place_name, i.location) AS location, i.title, i.start_date AS "startDate",
  i.end_date AS "endDate", i.needs_review AS "needsReview", i.candidates, coalesce(r.claim_count, 0) AS "claimCount",
  coalesce(r.disputed_cells, 0) AS "disputedCells", r.killed_low AS "killedLow", r.killed_high AS "killedHigh",
  r.killed_high_open AS "killedHighOpen", coalesce(r.claimant_count, 0) AS "claimantCount", i.latest_version AS "reportVersion",
  coalesce(r.summary, 'no report yet') AS summary`;

interface ListRow extends Omit<IncidentListItem, 'needsReview' | 'candidates' | 'killed'> {
  needsReview: number;
  candidates: string;
  killedLow: number | null;
  killedHigh: number | null;
  killedHighOpen: number | null;
}

const Q = {
  byLiveKey: `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE key = ? AND merged_into IS NULL`,
  keyRoute: 'SELECT incident_id FROM key_routes WHERE key = ?',
  claimsOf: `SELECT id, status, claimant_id AS "claimantId", stated_at AS "statedAt", CASE WHEN pinned_to IS NULL THEN 0 ELSE 1 END AS pinned
       FROM claims WHERE incident_id = ? ORDER BY stated_instant, id`,
  counts: `SELECT
      (SELECT count(*) FROM incidents WHERE merged_into IS NULL) AS incidents,
      (SELECT count(*) FROM claims WHERE status = 'stored') AS claims,
      (SELECT count(*) FROM rejections) AS rejections,
      (SELECT count(*) FROM claim_failures WHERE status = 'failed') AS failed,
      (SELECT count(*) FROM reports) AS reports,
      (SELECT count(*) FROM incidents WHERE claim_seq > reported_seq AND merged_into IS NULL) AS dirty`,
};

/** Reads of incidents: by id or key (following merges), lists with filters, counts. */
export class IncidentQueries {
  constructor(private readonly resolver: IncidentResolver) {}

  /** The live incident an id or key stands for, following merges; null when nothing has it. */
  *lookupIncident(idOrKey: string): Work<FoundIncident | null> {
    const byId = yield* this.resolver.incident(idOrKey);
    if (byId) {
      if (byId.mergedInto === null) return { row: byId, resolvedFrom: null };
      const live = yield* this.resolver.incident(yield* this.resolver.liveId(byId.id));
      return live ? { row: live, resolvedFrom: idOrKey } : null;
    }
    const raw = yield* get<RawIncident>(Q.byLiveKey, [idOrKey]);
    if (raw) return { row: incidentRowOf(raw), resolvedFrom: null };
    const routed = yield* value<string>(Q.keyRoute, [idOrKey]);
    if (routed !== undefined) {
      const live = yield* this.resolver.incident(yield* this.resolver.liveId(routed));
      return live ? { row: live, resolvedFrom: idOrKey } : null;
    }
    return null;
  }

  /** An incident by id or by key (an id or key merged away gives the incident it went to). */
  *findIncident(idOrKey: string): Work<IncidentRow | null> {
    return (yield* this.lookupIncident(idOrKey))?.row ?? null;
  }

  /** The claims of an incident, in statedAt-then-id order. */
  *incidentClaims(incidentId: string): Work<IncidentClaimRow[]> {
    const rows = yield* all<Omit<IncidentClaimRow, 'pinned'> & { pinned: number }>(Q.claimsOf, [incidentId]);
    return rows.map((r) => ({ ...r, pinned: r.pinned === 1 }));
  }

  *listIncidents(filter: IncidentFilter = {}): Work<IncidentListItem[]> {
    const conds = ['i.merged_into IS NULL'];
    const params: unknown[] = [];
    const where = (cond: string, ...values: unknown[]) => {
      conds.push(cond);
      params.push(...values);
    };
    if (filter.country) where('i.country = ?', filter.country);
    if (filter.from) where('i.last_day >= ?', dayRange(filter.from).first);
    if (filter.to) where('i.first_day <= ?', dayRange(filter.to).last);
    if (filter.q !== undefined && fold(filter.q) === '') {
      // Nothing but punctuation and spaces: folded names hold none of it, so nothing matches.
      where('1 = 0');
    } else if (filter.q) {
      where("i.search_text LIKE ? ESCAPE '\\'", `%${fold(filter.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (filter.disputed !== undefined) where(filter.disputed ? 'r.disputed_cells > 0' : 'coalesce(r.disputed_cells, 0) = 0');
    if (filter.needsReview !== undefined) where('i.needs_review = ?', filter.needsReview ? 1 : 0);
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const offset = Math.max(filter.offset ?? 0, 0);
    const rows = yield* all<ListRow>(
      `SELECT ${LIST_COLUMNS} FROM incidents i LEFT JOIN reports r ON r.incident_id = i.id AND r.version = i.latest_version
        WHERE ${conds.join(' AND ')} ORDER BY ${ORDER[filter.sort ?? 'newest']}, i.id ASC LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return rows.map(({ killedLow, killedHigh, killedHighOpen, ...r }) => ({
      ...r,
      needsReview: Boolean(r.needsReview),
      candidates: JSON.parse(r.candidates) as string[],
      killed: killedLow === null || killedHigh === null ? null : { low: killedLow, high: killedHigh, highOpen: Boolean(killedHighOpen) },
    }));
  }

  /** Counts for health and metrics. */
  *counts(): Work<{ incidents: number; claims: number; rejections: number; failed: number; reports: number; dirty: number }> {
    return (yield* get<{ incidents: number; claims: number; rejections: number; failed: number; reports: number; dirty: number }>(Q.counts))!;
  }
}

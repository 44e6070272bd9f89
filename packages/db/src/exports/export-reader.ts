import type { Claim, IncidentFilter, Report, ResolvedClaim } from '@recon/domain';
import type { Engine } from '../sql/engine.js';
import { all } from '../sql/work.js';
import type { IncidentQueries } from '../incidents/incident-queries.js';
import type { ReportReader } from '../reports/report-reader.js';

/** A claim as an export reads it: the stored claim, its resolution, and whether it was retracted. */
export interface ExportClaim {
  id: string;
  claim: Claim;
  resolved: ResolvedClaim;
  retracted: boolean;
}

/** One incident of an export: its latest report (null before the first) and its claims, read lazily. */
export interface ExportIncident {
  incidentId: string;
  report: Report | null;
  /** The incident's claims (stored and retracted) in statedAt order, a page of at most `CLAIM_PAGE` at a time. */
  claimPages(): AsyncGenerator<ExportClaim[]>;
}

/** Incidents read per list query. */
export const INCIDENT_PAGE = 200;
/** Claims read per query, and so the most claims one chunk of an export holds. */
export const CLAIM_PAGE = 500;

const CLAIM_COLUMNS = 'SELECT id, status, body, resolved, stated_instant AS "statedInstant" FROM claims';

interface ClaimRecord {
  id: string;
  status: string;
  body: string;
  resolved: string;
  statedInstant: string;
}

/**
 * Reads for exports, a bounded page at a time: the incidents the list's filters select, 200 per
 * query, then each one's report and its claims (stored and retracted), 500 per query, each page
 * after the last one's (stated_instant, id). Every read is a finished query, never a cursor left
 * open between pages: the connection stays free for other requests while a client reads slowly.
 * An export holds one page of claims, and the report of the incident they are in, at a time.
 */
export class ExportReader {
  constructor(
    private readonly engine: Engine,
    private readonly incidents: IncidentQueries,
    private readonly reports: ReportReader,
  ) {}

  /** The incidents an export covers, in the list's order, read a page at a time. */
  async *incidentsFor(filter: Omit<IncidentFilter, 'limit' | 'offset'>): AsyncGenerator<ExportIncident> {
    for (let offset = 0; ; offset += INCIDENT_PAGE) {
      const page = await this.engine.read(() => this.incidents.listIncidents({ ...filter, limit: INCIDENT_PAGE, offset }));
      for (const item of page) {
        const json = item.reportVersion > 0 ? await this.reports.reportJson(item.id) : null;
        yield { incidentId: item.id, report: json ? (JSON.parse(json) as Report) : null, claimPages: () => this.claimPagesOf(item.id) };
      }
      if (page.length < INCIDENT_PAGE) return;
    }
  }

  private async *claimPagesOf(incidentId: string): AsyncGenerator<ExportClaim[]> {
    let last: ClaimRecord | undefined;
    for (;;) {
      const after = last;
      const rows = await this.engine.read(() =>
        after === undefined
          ? all<ClaimRecord>(`${CLAIM_COLUMNS} WHERE incident_id = ? ORDER BY stated_instant, id LIMIT ?`, [incidentId, CLAIM_PAGE])
          : all<ClaimRecord>(`${CLAIM_COLUMNS} WHERE incident_id = ? AND (stated_instant, id) > (?, ?) ORDER BY stated_instant, id LIMIT ?`, [
              incidentId,
              after.statedInstant,
              after.id,
              CLAIM_PAGE,
            ]),
      );
      if (rows.length > 0) {
        yield rows.map((row) => ({ id: row.id, claim: JSON.parse(row.body) as Claim, resolved: JSON.parse(row.resolved) as ResolvedClaim, retracted: row.status === 'retracted' }));
      }
      if (rows.length < CLAIM_PAGE) return;
      last = rows[rows.length - 1];
    }
  }
}

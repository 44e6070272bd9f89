import type { Claim, IncidentFilter, Report, ResolvedClaim } from '@recon/domain';
import type { DatabaseHandle } from '../database.js';
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
  claims(): IterableIterator<ExportClaim>;
}

const PAGE = 200;

/**
 * Reads for exports, one incident at a time, so an export of any size holds one incident's claims in
 * memory at most: the incidents the list's filters select, page by page, then each one's report and
 * its claims (stored and retracted) from a cursor.
 */
export class ExportReader {
  private readonly claimsOf;

  constructor(
    handle: DatabaseHandle,
    private readonly incidents: IncidentQueries,
    private readonly reports: ReportReader,
  ) {
    this.claimsOf = handle.sqlite.prepare(
      `SELECT id, status, body, resolved FROM claims WHERE incident_id = ? ORDER BY stated_instant, id`,
    );
  }

  /** The incidents an export covers, in the list's order, read a page at a time. */
  *incidentsFor(filter: Omit<IncidentFilter, 'limit' | 'offset'>): Generator<ExportIncident> {
    for (let offset = 0; ; offset += PAGE) {
      const page = this.incidents.listIncidents({ ...filter, limit: PAGE, offset });
      for (const item of page) {
        const json = item.reportVersion > 0 ? this.reports.reportJson(item.id) : null;
        const query = this.claimsOf;
        yield {
          incidentId: item.id,
          report: json ? (JSON.parse(json) as Report) : null,
          *claims() {
            for (const row of query.iterate(item.id) as IterableIterator<{ id: string; status: string; body: string; resolved: string }>) {
              yield { id: row.id, claim: JSON.parse(row.body) as Claim, resolved: JSON.parse(row.resolved) as ResolvedClaim, retracted: row.status === 'retracted' };
            }
          },
        };
      }
      if (page.length < PAGE) return;
    }
  }
}

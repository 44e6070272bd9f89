import { PERSPECTIVES, type Range, type Report } from '@recon/domain';
import type { Cell } from './claim-rows.js';

/** One row per incident × party × outcome of an incident's latest report: the reconciliation as a table. */
export const CELL_COLUMNS = [
  'incident_id',
  'incident_key',
  'incident_title',
  'country',
  'location',
  'start_date',
  'end_date',
  'report_version',
  'party_id',
  'party',
  'outcome',
  'low',
  'high',
  'high_open',
  'agreement',
  'consensus_low',
  'consensus_high',
  'consensus_high_open',
  'claimant_count',
  'claim_count',
  'superseded_count',
  ...PERSPECTIVES.flatMap((p) => [`${p}_low`, `${p}_high`, `${p}_high_open`] as const),
] as const;

export type CellColumn = (typeof CELL_COLUMNS)[number];
export type CellRow = Record<CellColumn, Cell>;

const bounds = (r: Range | null | undefined): [Cell, Cell, Cell] => (r ? [r.low, r.high, r.highOpen] : [null, null, null]);

export function cellRowsOf(report: Report): CellRow[] {
  const i = report.incident;
  return report.cells.map((c) => {
    const [low, high, highOpen] = bounds(c.range);
    const [cLow, cHigh, cOpen] = bounds(c.consensus);
    const row: Record<string, Cell> = {
      incident_id: i.id,
      incident_key: i.key,
      incident_title: i.title,
      country: i.country,
      location: i.location,
      start_date: i.startDate,
      end_date: i.endDate,
      report_version: report.version,
      party_id: c.party.id,
      party: c.party.name,
      outcome: c.outcome,
      low,
      high,
      high_open: highOpen,
      agreement: c.agreement,
      consensus_low: cLow,
      consensus_high: cHigh,
      consensus_high_open: cOpen,
      claimant_count: new Set(c.claims.map((x) => x.claimant.id)).size,
      claim_count: c.claims.length,
      superseded_count: (c.superseded ?? []).length,
    };
    for (const p of PERSPECTIVES) {
      const [pl, ph, po] = bounds(c.byPerspective?.[p]);
      row[`${p}_low`] = pl;
      row[`${p}_high`] = ph;
      row[`${p}_high_open`] = po;
    }
    return row as CellRow;
  });
}

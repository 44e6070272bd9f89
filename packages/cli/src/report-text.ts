/** The readable text rendering of a report (CONTRACT.md section 5). */
import type { ClaimantTotal, OutcomeTotal, Report, ReportCell, ReportClaim, SupersededClaim } from '@recon/domain';
import { formatBounds, formatCount, formatRange } from './count-text.js';
import { cleanLine } from './sanitize.js';
import { textTable, truncate } from './text-table.js';

const WORDING_WIDTH = 60;
const SHORT_ID = 8;
const NONE = '—';

const outcomeText = (outcome: string): string => outcome.replace(/_/g, ' ');

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function datesText(start: string, end: string | null): string {
  return end === null || end === start ? start : `${start} – ${end}`;
}

function headerLines(report: Report): string[] {
  const i = report.incident;
  const review = i.needsReview && i.candidates.length > 0 ? `yes (candidates: ${i.candidates.join(', ')})` : yesNo(i.needsReview);
  const rows: [string, string][] = [
    ['id', i.id],
    ['key', i.key ?? NONE],
    ['title', i.title ?? NONE],
    ['country', i.country],
    ['location', i.location ?? NONE],
    ['dates', datesText(i.startDate, i.endDate)],
    ['needs review', review],
    ...(i.mergedFrom?.length ? ([['merged from', i.mergedFrom.join(', ')]] as [string, string][]) : []),
    ...(i.setByHand?.length ? ([['set by hand', i.setByHand.join(', ')]] as [string, string][]) : []),
    ['version', String(report.version)],
    ['generated at', report.generatedAt],
    ['claims', String(report.claimCount)],
  ];
  return [cleanLine(`Incident ${i.key ?? i.id}`), ...textTable(rows, { indent: '  ' })];
}

function agreementText(cell: ReportCell): string {
  return cell.agreement === 'consistent' && cell.consensus
    ? `consistent (consensus ${formatRange(cell.consensus)})`
    : cell.agreement;
}

function perspectivesText(cell: ReportCell): string {
  const parts = Object.entries(cell.byPerspective).map(([p, range]) => `${p} ${formatRange(range)}`);
  return parts.length > 0 ? parts.join('; ') : NONE;
}

const CLAIM_HEADER = ['STATED', 'CLAIMANT', 'PERSPECTIVE', 'COUNT', 'VIA', 'WORDING'];

function claimRow(claim: ReportClaim): string[] {
  const via = claim.via.length > 0 ? claim.via.map((v) => v.name).join(' → ') : NONE;
  const wording = claim.wording === null ? '' : `"${truncate(cleanLine(claim.wording), WORDING_WIDTH)}"`;
  return [claim.statedAt, claim.claimant.name, claim.perspective, formatCount(claim.count), via, wording];
}

function supersededRow(claim: SupersededClaim): string[] {
  return [...claimRow(claim), `(superseded by ${claim.supersededBy.slice(0, SHORT_ID)})`];
}

function cellLines(cell: ReportCell): string[] {
  const facts: [string, string][] = [
    ['range', formatRange(cell.range)],
    ['agreement', agreementText(cell)],
    ['by perspective', perspectivesText(cell)],
  ];
  const claims = [CLAIM_HEADER, ...cell.claims.map(claimRow), ...cell.superseded.map(supersededRow)];
  return [
    '',
    cleanLine(`${cell.party.name} — ${outcomeText(cell.outcome)}`),
    ...textTable(facts, { indent: '  ' }),
    '',
    ...textTable(claims, { indent: '    ' }),
  ];
}

/** Party ids of a report to their names, for the totals. */
const partyNames = (report: Report): Map<string, string> => new Map(report.cells.map((c) => [c.party.id, c.party.name]));

function claimantRow(total: ClaimantTotal, names: ReadonlyMap<string, string>): string[] {
  const list = (ids: readonly string[]): string => ids.map((id) => names.get(id) ?? id).join(', ');
  const unquantified = total.unquantifiedParties.length > 0 ? `not summed (unquantified): ${list(total.unquantifiedParties)}` : '';
  return [total.claimant.name, formatBounds(total.low, total.high, total.highOpen), list(total.parties), unquantified];
}

function totalLines(total: OutcomeTotal, names: ReadonlyMap<string, string>): string[] {
  const rows = [['CLAIMANT', 'SUM', 'OVER PARTIES'], ...total.byClaimant.map((t) => claimantRow(t, names))];
  return [cleanLine(`  ${outcomeText(total.outcome)}: ${formatRange(total.range)}`), ...textTable(rows, { indent: '    ' })];
}

/** The report as text lines: header, one block per cell, then the totals per outcome. */
export function renderReport(report: Report): string[] {
  const names = partyNames(report);
  const cells = report.cells.length > 0 ? report.cells.flatMap(cellLines) : ['', 'No figures.'];
  const totals = report.totals.length > 0 ? ['', 'Totals', ...report.totals.flatMap((t) => totalLines(t, names))] : [];
  return [...headerLines(report), ...cells, ...totals];
}

import { rangeText, type Report, type ReportCell } from '@recon/domain';
import { agreementText, words } from './format.js';

/** What changed between two versions of one incident's report: cells, ranges, agreement, claims. */
export interface CellDiff {
  cell: string;
  change: 'added' | 'removed' | 'changed' | 'same';
  rangeBefore: string | null;
  rangeAfter: string | null;
  agreementBefore: string | null;
  agreementAfter: string | null;
  claimsAdded: string[];
  claimsRemoved: string[];
  claimsSuperseded: string[];
}

export interface ReportDiff {
  from: number;
  to: number;
  cells: CellDiff[];
  claimCountBefore: number;
  claimCountAfter: number;
  incidentChanges: { field: string; before: unknown; after: unknown }[];
}

const cellKey = (c: ReportCell): string => `${c.party.id}\u0000${c.outcome}`;
const label = (c: ReportCell): string => `${c.party.name}, ${words(c.outcome)}`;
const current = (c: ReportCell | undefined): Set<string> => new Set(c?.claims.map((x) => x.claimId) ?? []);
const superseded = (c: ReportCell | undefined): Set<string> => new Set(c?.superseded?.map((x) => x.claimId) ?? []);

const INCIDENT_FIELDS = ['key', 'title', 'country', 'location', 'admin1', 'lat', 'lon', 'startDate', 'endDate', 'needsReview'] as const;

export function diffReports(a: Report, b: Report): ReportDiff {
  const before = new Map(a.cells.map((c) => [cellKey(c), c]));
  const after = new Map(b.cells.map((c) => [cellKey(c), c]));
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const cells = keys.map((k): CellDiff => {
    const x = before.get(k);
    const y = after.get(k);
    const was = current(x);
    const now = current(y);
    const claimsAdded = [...now].filter((id) => !was.has(id));
    const claimsRemoved = [...was].filter((id) => !now.has(id) && !superseded(y).has(id));
    const claimsSuperseded = [...was].filter((id) => superseded(y).has(id));
    const rangeBefore = x ? rangeText(x.range) : null;
    const rangeAfter = y ? rangeText(y.range) : null;
    const agreementBefore = x ? agreementText(x) : null;
    const agreementAfter = y ? agreementText(y) : null;
    const change = !x
      ? 'added'
      : !y
        ? 'removed'
        : rangeBefore !== rangeAfter || agreementBefore !== agreementAfter || claimsAdded.length + claimsRemoved.length + claimsSuperseded.length > 0
          ? 'changed'
          : 'same';
    return { cell: label((y ?? x)!), change, rangeBefore, rangeAfter, agreementBefore, agreementAfter, claimsAdded, claimsRemoved, claimsSuperseded };
  });
  const incidentChanges = INCIDENT_FIELDS.filter((f) => JSON.stringify(a.incident[f]) !== JSON.stringify(b.incident[f])).map((f) => ({
    field: f,
    before: a.incident[f],
    after: b.incident[f],
  }));
  return { from: a.version, to: b.version, cells, claimCountBefore: a.claimCount, claimCountAfter: b.claimCount, incidentChanges };
}

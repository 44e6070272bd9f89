import { countText, intervalOf, rangeText, type Agreement, type Count, type Range, type ReportCell } from '@recon/domain';

/** Text for people: pieces of the pages that are words, not markup (escaping is the JSX renderer's job). */

/** `killed_or_wounded` → `killed or wounded`. */
export const words = (s: string): string => s.replace(/_/g, ' ');

/** A count as the claimant stated it (the domain's words, shared with the CLI). */
export { countText };

/** The interval the reconciler reads a count as: `[24, open)`, `[45, 55]`, `no bound`. */
export function intervalText(count: Count): string {
  const i = intervalOf(count);
  if (!i.quantified) return 'no number (sets no bound)';
  return i.high === null ? `${i.low} or more` : i.low === i.high ? `exactly ${i.low}` : `${i.low} to ${i.high}`;
}


const AGREEMENT: Record<Agreement, string> = {
  single_source: 'one source only',
  unquantified: 'no figure given',
  consistent: 'all claims compatible',
  disputed: 'claims disagree',
};

/** A cell's agreement in words an analyst cannot misread: "claims disagree", "all claims compatible with 50". */
export function agreementText(cell: Pick<ReportCell, 'agreement' | 'consensus'>): string {
  if (cell.agreement === 'consistent' && cell.consensus) return `all claims compatible with ${consensusText(cell.consensus)}`;
  return AGREEMENT[cell.agreement] ?? words(cell.agreement);
}

function consensusText(r: Range): string {
  if (r.low === r.high && !r.highOpen) return String(r.low);
  return rangeText(r);
}

/**
 * A cell's range for reading: an "at least" claim counts its lower bound (the contract), so a range
 * such as 1–50 may hold claims with no ceiling; say so, rather than let 50 read as one.
 */
export function cellRangeText(cell: Pick<ReportCell, 'range' | 'claims'>): string {
  const open = cell.claims.filter((c) => c.quantified && (c.highOpen || c.high === null)).length;
  const base = rangeText(cell.range);
  if (open === 0 || cell.range === null || cell.range.highOpen) return base;
  return `${base} (${open} claim${open === 1 ? ' says' : 's say'} “at least”: no upper bound)`;
}

export const shortId = (id: string): string => id.slice(0, 8);

/** Whether a URL may become a link: only http(s), whatever the stored data says. */
export function isLinkableUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A query string from defined values only. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Cell } from './claim-rows.js';

/**
 * CSV through the csv project's stringify and parse (RFC 4180 quoting, any line ending, a BOM).
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula: such
 * text cells are written with a leading apostrophe, always quoted, and read back without it. Numbers stay numbers
 * (a negative longitude is not a formula). Text that itself starts with apostrophes before such a
 * character gets one more, so that reading it back is exact.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
/** A cell as guardCell leaves a formula-looking text: apostrophes, then the formula character. */
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return FORMULA.test(value) ? `'${value}` : value;
}

export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA.test(text) ? text.slice(1) : text;
}

export function csvHeader(columns: readonly string[]): string {
  return stringify([columns as string[]], { record_delimiter: '\r\n' });
}

/** Rows as CSV lines, in the columns' order (no header). */
export function csvLines<C extends string>(rows: readonly Record<C, Cell>[], columns: readonly C[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((r) => columns.map((c) => guardCell(r[c]))),
    // Numbers and booleans arrive as text here, but never start with an apostrophe: only guarded text matches.
    { record_delimiter: '\r\n', quoted_match: GUARDED },
  );
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

/** A CSV with a header row, as records by column name, each cell unguarded. */
export function parseCsv(text: string): Record<string, string>[] {
  try {
    const records = parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
    return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, unguardCell(v)])));
  } catch (err) {
    throw new CsvError(`not a CSV of claims: ${(err as Error).message}`);
  }
}

/** Whether text looks like CSV with a header naming claim columns (rather than JSON or NDJSON). */
export function looksLikeClaimsCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)"?claim_id"?(,|$)/.test(first) || (/(^|,)"?claimant"?(,|$)/.test(first) && /(^|,)"?count_form"?(,|$)/.test(first));
}

/**
 * Reads claims input: one JSON claim, a JSON array of claims, `{ "claims": [...] }` (with optional
 * batch `"defaults"`), NDJSON (one JSON value per non-blank line), or the claims export as CSV or
 * NDJSON (rows grouped back into claims by claim_id).
 */
import { defaultsErrors, withDefaults } from '@recon/domain';
import { claimsOfRows, isClaimJsonRow, rowRecordOfJson, type RowRecord } from './claims-of-rows.js';
import { CsvError, looksLikeClaimsCsv, parseCsv } from './csv.js';

export class InputError extends Error {
  override readonly name = 'InputError';
}

export interface ClaimsInput {
  items: unknown[];
  /** What the reader left out and why (retracted claims of a CSV export). */
  notes?: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The 1-based line of a character offset. */
const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

/** A whole-document JSON error, with the line number when the parser names a position. */
function documentError(text: string, message: string): InputError {
  const position = /at position (\d+)/.exec(message)?.[1];
  const where = position === undefined ? 'invalid JSON' : `line ${lineAt(text, Number(position))}`;
  return new InputError(`${where}: ${message}`);
}

function itemsOfDocument(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && 'claims' in value) {
    if (!Array.isArray(value.claims)) throw new InputError('"claims" must be an array of claims');
    if (value.defaults === undefined) return value.claims;
    // Batch defaults: each claim merged with them (its own fields win), as the API does.
    const errors = defaultsErrors(value.defaults);
    if (errors.length > 0) throw new InputError(errors.map((e) => `${e.path} ${e.message}`).join('; '));
    return value.claims.map((c) => withDefaults(value.defaults as Record<string, unknown>, c));
  }
  if (isRecord(value)) return [value];
  throw new InputError('expected a claim object, an array of claims, { "claims": [...] } or NDJSON');
}

function itemsOfNdjson(lines: readonly string[]): unknown[] {
  const items: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = tryParse(line);
    if (!parsed.ok) throw new InputError(`line ${i + 1}: ${parsed.message}`);
    items.push(parsed.value);
  });
  return items;
}

/** True when the first non-blank line is a complete JSON value by itself: the mark of NDJSON. */
function looksLikeNdjson(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '');
  return first !== undefined && tryParse(first).ok;
}

export function parseClaimsInput(text: string): ClaimsInput {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new InputError('the input is empty');
  if (looksLikeClaimsCsv(body)) return claimsOfCsv(body);
  const whole = tryParse(body);
  if (whole.ok) return claimsOrRows(itemsOfDocument(whole.value));
  const lines = body.split(/\r?\n/);
  if (looksLikeNdjson(lines)) return claimsOrRows(itemsOfNdjson(lines));
  throw documentError(body, whole.message);
}

/** Claims as they are, or, when every item is a row of the NDJSON claims export (one line of it is a JSON document too), the claims of the rows. */
function claimsOrRows(items: unknown[]): ClaimsInput {
  return items.length > 0 && items.every(isClaimJsonRow) ? claimsOfExportRows(items.map(rowRecordOfJson)) : { items };
}

function claimsOfCsv(text: string): ClaimsInput {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new InputError(e instanceof CsvError ? e.message : errorMessage(e));
  }
  return claimsOfExportRows(rows);
}

function claimsOfExportRows(rows: readonly RowRecord[]): ClaimsInput {
  const { claims, skippedRetracted } = claimsOfRows(rows);
  const notes = skippedRetracted.length === 0 ? [] : [`left out ${skippedRetracted.length} retracted claim(s): ${skippedRetracted.map((id) => id.slice(0, 12)).join(', ')}`];
  return { items: claims, notes };
}

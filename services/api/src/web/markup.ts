import { escapeToBuffer } from 'hono/utils/html';

/**
 * Text for markup built as strings, escaped by Hono's own escaper (& < > ' "). Only the two hottest
 * parts of the incident page (claim rows and chart marks, thousands of each on a large incident) are
 * built this way: as element trees they made a 1,000-claim page take over 150 ms. Everything
 * interpolated into those strings goes through `esc`; the hostile-text tests cover every field.
 */
const SPECIAL = /[&<>'"]/;

export function esc(value: string | number): string {
  const text = String(value);
  if (!SPECIAL.test(text)) return text;
  const out: [string] = [''];
  escapeToBuffer(text, out);
  return out[0];
}

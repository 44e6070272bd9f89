/** Plain-text tables: columns padded to their widest cell, every cell sanitized onto one line. */
import { cleanLine } from './sanitize.js';

export interface TableOptions {
  /** Printed before every line. */
  indent?: string;
  /** Between columns. */
  gap?: string;
}

/** Display width in code points (good enough for Latin, Cyrillic, Arabic text in claims). */
const widthOf = (s: string): number => [...s].length;

/** Cuts text to at most `max` code points, marking the cut with `…`. */
export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Renders rows (the first may be a header) as lines; short rows are padded, trailing spaces trimmed. */
export function textTable(rows: readonly (readonly string[])[], { indent = '', gap = '  ' }: TableOptions = {}): string[] {
  const cells = rows.map((row) => row.map((cell) => cleanLine(cell).normalize('NFC')));
  const columns = Math.max(0, ...cells.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...cells.map((row) => widthOf(row[c] ?? ''))));
  return cells.map((row) => {
    const padded = widths.map((w, c) => {
      const cell = row[c] ?? '';
      return cell + ' '.repeat(w - widthOf(cell));
    });
    return `${indent}${padded.join(gap)}`.trimEnd();
  });
}

/**
 * Terminal hygiene: claim text and API answers are data, never markup. Every string that came from
 * outside and reaches the terminal goes through `clean`.
 */

// Order matters: whole sequences first, then any lone control character left over.
const TERMINAL_CONTROLS = new RegExp(
  [
    // CSI: ESC [ or 8-bit CSI, parameter bytes, intermediate bytes, one final byte.
    String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]`,
    // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \ or 8-bit ST).
    String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c)`,
    // Any other escape sequence: ESC, intermediate bytes, one final byte (ESC c, ESC ( B, …).
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]`,
    // C0 controls except \t and \n, DEL, C1 controls.
    String.raw`[\x00-\x08\x0b-\x1f\x7f-\x9f]`,
  ].join('|'),
  'g',
);

/** Removes terminal control sequences and control characters; keeps `\n`, `\t` and all printable text. */
export function clean(s: string): string {
  return s.replace(TERMINAL_CONTROLS, '');
}

/** `clean`, and folds the text onto one line (for table cells and headings). */
export function cleanLine(s: string): string {
  return clean(s).replace(/[\n\t]+/g, ' ');
}

const hex4 = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Pretty JSON (2 spaces) that is safe on a terminal and parses to the same value: JSON.stringify
 * already escapes C0 controls inside strings; DEL and C1 controls are escaped here too.
 */
export function toSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\x7f-\x9f]/g, hex4);
}

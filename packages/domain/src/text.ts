/**
 * Folding of names for matching: case-, accent- and punctuation-insensitive.
 * "Tin Zaouatène" → "tin zaouatene"; "CSP-PSD" → "csp psd".
 */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Like `fold`, with spaces removed too: "Tin Zaouatene" and "Tinzaouatene" meet. */
export function foldTight(s: string): string {
  return fold(s).replace(/ /g, '');
}

/** A URL- and id-safe slug of a name: "Wagner Group" → "wagner-group". */
export function slug(s: string): string {
  const f = fold(s).replace(/ /g, '-');
  return f.length > 0 ? f.slice(0, 80) : 'x';
}

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

import { createHash } from 'node:crypto';

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

const SLUG_MAX = 64;

/**
 * A URL- and id-safe slug of a name: "Wagner Group" → "wagner-group". Distinct folded names never
 * share a slug: a long name is cut and given a digest of the whole, and a name with no letters or
 * digits is only a digest.
 */
export function slug(s: string): string {
  const folded = fold(s);
  const f = folded.replace(/ /g, '-');
  if (f.length > 0 && f.length <= SLUG_MAX) return f;
  const digest = createHash('sha256').update(s.trim(), 'utf8').digest('hex').slice(0, 10);
  return f.length === 0 ? `x-${digest}` : `${f.slice(0, SLUG_MAX - 11).replace(/-+$/, '')}-${digest}`;
}

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

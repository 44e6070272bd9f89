/**
 * Pasted claims: JSON (one claim, an array, or a batch `{ claims, defaults }`), NDJSON (one claim a
 * line) or CSV in the claims export's shape. The answer is a body for `POST /claims`.
 */
export type Pasted = { ok: true; body: unknown } | { ok: false; error: string };

export function parsePasted(text: string): Pasted {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'Nothing was pasted.' };
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return { ok: true, body: JSON.parse(t) };
    } catch {
      // Not one JSON value: perhaps one claim a line.
    }
    const lines = t.split(/\r?\n/).filter((l) => l.trim() !== '');
    const claims: unknown[] = [];
    for (const [n, line] of lines.entries()) {
      try {
        claims.push(JSON.parse(line));
      } catch (err) {
        return { ok: false, error: `line ${n + 1} is not JSON: ${(err as Error).message}` };
      }
    }
    return { ok: true, body: claims };
  }
  return { ok: false, error: 'CSV import: not yet wired here' };
}

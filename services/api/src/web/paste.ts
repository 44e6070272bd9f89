import { claimsOfRows, CsvError, looksLikeClaimsCsv, parseCsv } from '@recon/exchange';

/**
 * Pasted claims: JSON (one claim, an array, or a batch `{ claims, defaults }`), NDJSON (one claim a
 * line) or CSV in the claims export's shape. The answer is a body for `POST /claims`, and what was
 * left out (retracted claims of an export).
 */
export type Pasted = { ok: true; body: unknown; notes: string[] } | { ok: false; error: string };

export function parsePasted(text: string): Pasted {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'Nothing was pasted.' };
  if (looksLikeClaimsCsv(t)) {
    try {
      const { claims, skippedRetracted } = claimsOfRows(parseCsv(t));
      return { ok: true, body: claims, notes: skippedRetracted.length > 0 ? [`${skippedRetracted.length} retracted claim(s) left out.`] : [] };
    } catch (err) {
      return { ok: false, error: err instanceof CsvError ? err.message : String(err) };
    }
  }
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return { ok: true, body: JSON.parse(t), notes: [] };
    } catch {
      // Not one JSON value: perhaps one claim a line.
    }
    const claims: unknown[] = [];
    for (const [n, line] of t.split(/\r?\n/).entries()) {
      if (line.trim() === '') continue;
      try {
        claims.push(JSON.parse(line));
      } catch (err) {
        return { ok: false, error: `line ${n + 1} is not JSON: ${(err as Error).message}` };
      }
    }
    return { ok: true, body: claims, notes: [] };
  }
  return { ok: false, error: 'Paste JSON, NDJSON, or CSV with the claims export’s header row (claim_id, claimant, …).' };
}

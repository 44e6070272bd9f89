import { InputError, parseClaimsInput } from '@recon/exchange';

/**
 * Pasted claims, read as `recon submit` reads a file (@recon/exchange): JSON (one claim, an array, or
 * a batch with defaults), NDJSON, or the claims export as CSV or NDJSON. The answer is the claims,
 * and what was left out (retracted claims of an export).
 */
export type Pasted = { ok: true; claims: unknown[]; notes: string[] } | { ok: false; error: string };

export function parsePasted(text: string): Pasted {
  if (text.trim() === '') return { ok: false, error: 'Nothing was pasted.' };
  try {
    const { items, notes = [] } = parseClaimsInput(text);
    if (items.length === 0) return { ok: false, error: 'The paste holds no claims.' };
    return { ok: true, claims: items, notes };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: `The paste could not be read: ${err.message}` };
    throw err;
  }
}

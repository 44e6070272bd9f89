import type { Gazetteer } from '@recon/domain';
import type { Words } from './compiled-lexicon.js';
import type { Token } from './tokens.js';

/** Countries whose forces fight in others' wars: named often, rarely where the incident is. */
const FOREIGN = new Set(['FR', 'RU', 'US', 'DE', 'GB']);

/**
 * The country an article is about: the one its capitalised country names, nationalities and known
 * places name most (a foreign army's country only when no other is named). Null when none is named.
 */
export function detectCountry(tokens: readonly Token[], w: Words, gazetteer: Gazetteer): string | null {
  const votes = new Map<string, number>();
  const vote = (c: string, n = 1) => votes.set(c, (votes.get(c) ?? 0) + n);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap) continue;
    const c = w.nationalities.get(t.norm);
    if (c) vote(c);
    for (const country of ['ML', 'BF', 'NE']) {
      if (gazetteer.resolve(country, t.text).known) vote(country, 2);
    }
  }
  let best: string | null = null;
  for (const [c, n] of votes) {
    if (FOREIGN.has(c)) continue;
    if (best === null || n > votes.get(best)!) best = c;
  }
  if (best) return best;
  for (const [c, n] of votes) if (best === null || n > votes.get(best)!) best = c;
  return best;
}

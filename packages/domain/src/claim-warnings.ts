import type { ActorContext, ActorRegistry } from './actor-registry.js';
import { actorContextOf } from './resolved-claim.js';
import type { Claim } from './claim-schema.js';
import { dayRange, instantKey } from './dates.js';
import { fold } from './text.js';
import { UNSPECIFIED_PARTY } from './vocab.js';

/** Something about an accepted claim that may be a mistake. Warnings never reject. */
export interface ClaimWarning {
  path: string;
  code: 'unknown_actor' | 'several_actors' | 'stated_after_published';
  message: string;
  /** For an unknown actor: registry names it may have meant, best first. */
  suggestions?: string[];
}

const MAX_SUGGESTIONS = 3;
/** Longer names are compared word by word only (whole-name edit distance costs length squared). */
const MAX_SPELLING_LENGTH = 60;
const MAX_WORDS = 8;

/** Levenshtein distance, with an early stop once it passes `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

const tokens = (s: string): Set<string> => new Set(s.split(' ').filter((t) => t.length > 1));

interface FoldedAlias {
  folded: string;
  words: Set<string>;
  name: string;
}
/** The registry's aliases folded once per registry. */
const foldedAliases = new WeakMap<ActorRegistry, FoldedAlias[]>();
function aliasesOf(registry: ActorRegistry): FoldedAlias[] {
  let list = foldedAliases.get(registry);
  if (!list) {
    list = [...registry.aliases()].map(({ alias, actor }) => {
      const folded = fold(alias);
      return { folded, words: tokens(folded), name: actor.name };
    });
    foldedAliases.set(registry, list);
  }
  return list;
}

/** Two words a typo apart: same first letter, at most one edit. */
const closeWords = (t: string, u: string): boolean => t === u || (t.length > 3 && t.length <= 20 && t[0] === u[0] && distance(t, u, 1) <= 1);

/**
 * Registry names a name may have meant: by edit distance between folded spellings (a typo), and by
 * shared words whose spelling is close ("Wagnr mercenaries" → "Wagner Group"). Up to three names.
 */
export function suggestActors(registry: ActorRegistry, name: string): string[] {
  const q = fold(name);
  if (q === '') return [];
  const qTokens = new Set([...tokens(q)].slice(0, MAX_WORDS).map((t) => t.slice(0, MAX_SPELLING_LENGTH)));
  const spell = q.length <= MAX_SPELLING_LENGTH;
  const scored = new Map<string, number>();
  for (const { folded: a, words: aTokens, name: actorName } of aliasesOf(registry)) {
    const limit = Math.max(1, Math.floor(Math.max(a.length, q.length) / 4));
    const d = spell ? distance(q, a, limit) : limit + 1;
    let score = d <= limit ? 1 - d / Math.max(a.length, q.length) : 0;
    // Word by word: a close word counts, a far one does not.
    if (aTokens.size > 0 && qTokens.size > 0) {
      let close = 0;
      for (const t of qTokens) for (const u of aTokens) if (closeWords(t, u)) close += 1;
      score = Math.max(score, (0.9 * close) / Math.max(qTokens.size, aTokens.size));
    }
    if (score >= 0.45) scored.set(actorName, Math.max(scored.get(actorName) ?? 0, score));
  }
  return [...scored]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, MAX_SUGGESTIONS)
    .map(([n]) => n);
}

/** The registered actors a party joins with "and", "&", "," or "/" ("Malian army and Wagner"), when two or more. */
function joinedActors(registry: ActorRegistry, name: string, at: ActorContext): string[] {
  const parts = name.split(/\s*(?:,|&|\/|\+|\band\b|\bet\b)\s*/i).filter((p) => p.trim() !== '');
  if (parts.length < 2) return [];
  const ids = new Map<string, string>();
  for (const p of parts) {
    const actor = registry.lookup(p, at);
    if (!actor) return [];
    ids.set(actor.id, actor.name);
  }
  return ids.size >= 2 ? [...ids.values()] : [];
}

/** The end of a date's day, or a date-time's instant, as a sortable instant. */
const latestInstant = (s: string): string => (s.length === 10 ? instantKey(new Date((dayRange(s).last + 1) * 86_400_000 - 1).toISOString()) : instantKey(s));

/** What may be wrong with a valid claim: unknown names (with suggestions), parties naming several actors, dates out of order. */
export function claimWarnings(claim: Claim, registry: ActorRegistry): ClaimWarning[] {
  const out: ClaimWarning[] = [];
  const at = actorContextOf(claim);
  const checkName = (path: string, name: string, role: string) => {
    if (name.trim().toLowerCase() === UNSPECIFIED_PARTY || registry.lookup(name, at)) return;
    const several = joinedActors(registry, name, at);
    if (several.length > 0) {
      out.push({
        path,
        code: 'several_actors',
        message: `"${name}" names several actors (${several.join(', ')}); give one figure per party, or it is kept as one unknown actor`,
      });
      return;
    }
    const suggestions = suggestActors(registry, name);
    out.push({
      path,
      code: 'unknown_actor',
      message: `${role} "${name}" is not in the actor registry; it is kept as an actor of its own${suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : ''}`,
      ...(suggestions.length > 0 ? { suggestions } : {}),
    });
  };
  checkName('claimant.name', claim.claimant.name, 'the claimant');
  claim.figures.forEach((f, i) => checkName(`figures[${i}].party`, f.party, 'the party'));
  const published = claim.source?.publishedAt;
  if (published !== undefined && instantKey(claim.statedAt) > latestInstant(published)) {
    out.push({
      path: 'statedAt',
      code: 'stated_after_published',
      message: `is after source.publishedAt (${published}): a source cannot report a statement made after it was published`,
    });
  }
  return out;
}

import { canonicalJson, type ActorContext, type ActorRegistry } from '@recon/domain';
import type { Speaker } from './attribution.js';
import type { FigureMention } from './figures.js';

/** A figure with who said it. */
export interface Attributed extends FigureMention {
  claimant: Speaker;
  claimantKey: string;
  partyKey: string;
  via: Speaker[];
  statedAt: string | null;
  headline: boolean;
  /** Where the attributing words are (character offsets), if any. */
  said: [number, number] | null;
  voice: 'own' | 'quoted' | 'carried' | 'publisher';
  earlierStatement: boolean;
  /** The figure's words. */
  words: string;
}

/**
 * "the authorities reported 22 dead": a count with no people named takes the people of the same
 * claimant's last figure of that outcome ("20 soldiers killed" the day before); in a sentence about a
 * toll, of anyone's.
 */
export function inheritElided(figures: Attributed[], registry: ActorRegistry, at: ActorContext): void {
  // The last figure with people, by claimant and outcome and by outcome alone (one pass: an article may state thousands).
  const lastOfClaimant = new Map<string, Attributed>();
  const lastOfOutcome = new Map<string, Attributed>();
  for (const f of figures) {
    if ((f.elided || f.people) && f.partyKey === 'unspecified' && !f.headline) {
      const from = lastOfClaimant.get(`${f.claimantKey}|${f.outcome}`) ?? lastOfOutcome.get(f.outcome);
      if (from) {
        f.party = from.party;
        f.partyKey = registry.partyKey(from.party.name, at);
        f.warnings.push(`the text does not say whose: taken as ${from.party.name}, from the figure before ("${from.words}")`);
      }
    }
    if (f.partyKey !== 'unspecified') {
      lastOfClaimant.set(`${f.claimantKey}|${f.outcome}`, f);
      lastOfOutcome.set(f.outcome, f);
    }
  }
}

/**
 * Headlines repeat the body: a headline figure with the outcome and number (or party) of a body
 * figure is dropped. The same figure said twice by one claimant is kept once.
 */
export function dropRepeats(figures: Attributed[]): Attributed[] {
  const body = figures.filter((f) => !f.headline);
  const out: Attributed[] = [];
  const seen = new Set<string>();
  for (const f of figures) {
    if (f.headline && body.some((b) => b.outcome === f.outcome && ((f.value !== null && b.value === f.value) || b.partyKey === f.partyKey))) continue;
    const key = `${f.claimantKey}|${f.partyKey}|${f.outcome}|${canonicalJson(f.count)}|${f.subset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}


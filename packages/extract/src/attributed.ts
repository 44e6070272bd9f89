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
 * toll, of anyone's; in a list ("19 dead, 26 wounded and five missing"), of the figure before it in the
 * list. One still without people takes those of the same claimant's next figure of that outcome, a few
 * sentences on ("a first toll of 4 dead … the toll rose to 8 dead, all civilians"), unless a label gave
 * that one's ("Côté ennemi : …" holds for its line only).
 */
export function inheritElided(figures: Attributed[], registry: ActorRegistry, at: ActorContext): void {
  const orphan = (f: Attributed) => (f.elided || f.people) && f.partyKey === 'unspecified' && !f.headline;
  const take = (f: Attributed, from: Attributed, where: string) => {
    f.party = from.party;
    f.partyKey = registry.partyKey(from.party.name, at);
    f.warnings.push(`the text does not say whose: taken as ${from.party.name}, from the figure ${where} ("${from.words}")`);
  };
  // The last figure with people, by claimant and outcome and by outcome alone (one pass: an article may state thousands).
  const lastOfClaimant = new Map<string, Attributed>();
  const lastOfOutcome = new Map<string, Attributed>();
  let previous: Attributed | undefined;
  for (const f of figures) {
    if (orphan(f)) {
      const listed = previous && previous.sentence === f.sentence && previous.elided && previous.partyKey !== 'unspecified' && previous.claimantKey === f.claimantKey ? previous : undefined;
      const from = lastOfClaimant.get(`${f.claimantKey}|${f.outcome}`) ?? listed ?? lastOfOutcome.get(f.outcome);
      if (from) take(f, from, 'before');
    }
    if (f.partyKey !== 'unspecified') {
      lastOfClaimant.set(`${f.claimantKey}|${f.outcome}`, f);
      lastOfOutcome.set(f.outcome, f);
    }
    previous = f;
  }
  const nextOfClaimant = new Map<string, Attributed>();
  for (let i = figures.length - 1; i >= 0; i--) {
    const f = figures[i]!;
    const key = `${f.claimantKey}|${f.outcome}`;
    const next = nextOfClaimant.get(key);
    if (orphan(f) && next && next.sentence - f.sentence <= NEXT_REACH) take(f, next, 'after');
    if (f.partyKey !== 'unspecified' && !f.labelled) nextOfClaimant.set(key, f);
  }
}

/** How many sentences on a figure without people looks for the same claimant's next one. */
const NEXT_REACH = 3;

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


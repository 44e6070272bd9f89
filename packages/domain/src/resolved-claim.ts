import type { ActorContext, ActorRegistry } from './actor-registry.js';
import { dayRange } from './dates.js';
import type { ActorRef, Claim, Source } from './claim-schema.js';
import type { Count } from './count.js';
import type { ActorKind, Outcome, Perspective } from './vocab.js';

/** How an actor appears in a report. */
export interface ActorView {
  id: string;
  name: string;
  kind: ActorKind;
}

export interface ResolvedFigure {
  party: ActorView;
  /** The party as the claim named it ("Malian troops"). */
  partyAsReported: string;
  outcome: Outcome;
  count: Count;
  wording: string | null;
  perspective: Perspective;
}

/**
 * A stored claim with its actors canonicalised and the perspective of every figure decided:
 * everything the pure reconciler needs, and nothing it would have to look up.
 */
export interface ResolvedClaim {
  id: string;
  statedAt: string;
  claimant: ActorView;
  claimantAsReported: string;
  via: ActorRef[];
  source: Source | null;
  incident: Claim['incident'];
  figures: ResolvedFigure[];
}

/** Where and when a claim's names are read: its incident's country and first day. */
export const actorContextOf = (claim: Pick<Claim, 'incident'>): ActorContext => ({
  country: claim.incident.country,
  day: dayRange(claim.incident.startDate).first,
});

/**
 * Canonicalises a valid claim's actors through the registry, for its incident's country and date,
 * and decides each figure's perspective on that date.
 */
export function resolveClaim(id: string, claim: Claim, registry: ActorRegistry): ResolvedClaim {
  const at = actorContextOf(claim);
  const claimant = registry.resolve(claim.claimant.name, claim.claimant.kind, at);
  return {
    id,
    statedAt: claim.statedAt,
    claimant: { id: claimant.id, name: claimant.name, kind: claimant.kind },
    claimantAsReported: claim.claimant.name,
    via: claim.via ?? [],
    source: claim.source ?? null,
    incident: claim.incident,
    figures: claim.figures.map((f) => {
      const party = registry.resolve(f.party, f.partyKind, at);
      return {
        party: { id: party.id, name: party.name, kind: party.kind },
        partyAsReported: f.party,
        outcome: f.outcome,
        count: f.count,
        wording: f.wording ?? null,
        perspective: registry.perspective(claimant, party, at),
      };
    }),
  };
}

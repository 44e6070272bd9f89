/** Closed vocabularies of the public contract (CONTRACT.md sections 1 and 2). */

export const ACTOR_KINDS = [
  'state_forces',
  'foreign_forces',
  'pmc',
  'armed_group',
  'rebel_group',
  'militia',
  'government',
  'un',
  'ngo',
  'monitor',
  'media',
  'civilians',
  'anonymous',
  'other',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Outcomes in report order. */
export const OUTCOMES = [
  'killed',
  'wounded',
  'captured',
  'missing',
  'killed_or_wounded',
  'killed_or_captured',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TERMS = [
  'a_few',
  'several',
  'dozens',
  'scores',
  'hundreds',
  'thousands',
  'many',
  'unknown',
] as const;
export type Term = (typeof TERMS)[number];

export const PERSPECTIVES = ['self', 'ally', 'adversary', 'independent', 'belligerent', 'unknown'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

/** Claimant kinds whose figures are `independent` (contract section 2). */
export const INDEPENDENT_KINDS: ReadonlySet<ActorKind> = new Set(['un', 'ngo', 'monitor', 'media']);

/** Kinds that take part in the fighting: an unregistered actor of one of these is a belligerent of unknown side. */
export const BELLIGERENT_KINDS: ReadonlySet<ActorKind> = new Set([
  'state_forces',
  'foreign_forces',
  'pmc',
  'armed_group',
  'rebel_group',
  'militia',
  'government',
]);

export const AGREEMENTS = ['single_source', 'unquantified', 'consistent', 'disputed'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

/** The party name that attributes a figure to no side. */
export const UNSPECIFIED_PARTY = 'unspecified';

/**
 * The largest count a claim may state. Far above any casualty figure, and small enough that interval
 * arithmetic (approx bounds, sums over hundreds of figures) stays exact in floating point.
 */
export const MAX_COUNT = 1_000_000_000_000;

export const LIMITS = {
  maxString: 500,
  maxExcerpt: 10_000,
  maxFigures: 200,
  maxVia: 20,
  maxBatch: 1_000,
} as const;

/** Small builders shared by the domain tests. */
import {
  ActorRegistry,
  digestOf,
  reconcile,
  resolveClaim,
  validateClaim,
  type ActorKind,
  type Claim,
  type Count,
  type IncidentIdentity,
  type Outcome,
  type ReportCell,
  type ReportContent,
  type ResolvedClaim,
} from '../src/index.js';

export const registry = ActorRegistry.create();

export const START_DATE = '2024-07-25';

/** The example claim of CONTRACT.md section 1 (URL and title filled in). */
export function contractExampleClaim(): Record<string, unknown> {
  return {
    incident: {
      key: 'ml-2024-07-tinzaouaten',
      title: 'Fighting near Tinzaouaten',
      country: 'ML',
      location: 'Tinzaouaten',
      admin1: 'Kidal',
      lat: 19.9486,
      lon: 2.9678,
      startDate: '2024-07-25',
      endDate: '2024-07-27',
    },
    claimant: { name: 'CSP-PSD', kind: 'rebel_group' },
    via: [
      { name: 'SITE Intelligence Group', kind: 'monitor' },
      { name: 'AFP', kind: 'media' },
    ],
    statedAt: '2024-08-01',
    source: {
      url: 'https://example.org/news/tinzaouaten',
      publisher: 'AFP',
      title: 'Rebels say they killed Wagner fighters',
      publishedAt: '2024-08-02',
      excerpt: '…said they killed 84 fighters…',
    },
    figures: [
      { party: 'Wagner Group', outcome: 'killed', count: { exact: 84 }, wording: 'killed 84 fighters from Wagner' },
      { party: 'CSP-PSD', outcome: 'killed', count: { exact: 9 } },
    ],
  };
}

/** A minimal valid claim as plain JSON, to be broken by the validation tests. */
export function minimalClaim(): Record<string, any> {
  return {
    incident: { country: 'ML', startDate: START_DATE },
    claimant: { name: 'FAMa', kind: 'state_forces' },
    statedAt: '2024-07-26',
    figures: [{ party: 'Wagner Group', outcome: 'killed', count: { exact: 2 } }],
  };
}

export interface FigureSpec {
  party: string;
  outcome: Outcome;
  count: Count;
  partyKind?: ActorKind;
  wording?: string;
}

export const fig = (party: string, outcome: Outcome, count: Count, extra: Partial<FigureSpec> = {}): FigureSpec => ({
  party,
  outcome,
  count,
  ...extra,
});

export interface ClaimSpec {
  claimant: string;
  kind?: ActorKind;
  statedAt: string;
  figures: FigureSpec[];
  /** Distinguishes otherwise identical claims (goes into source.title, so into the id). */
  tag?: string;
}

/** Builds a claim from a short spec; throws if it is not valid (tests must start from valid claims). */
export function makeClaim(spec: ClaimSpec): Claim {
  const raw: Record<string, unknown> = {
    incident: { key: 'ml-test', country: 'ML', location: 'Tinzaouaten', startDate: START_DATE },
    claimant: { name: spec.claimant, kind: spec.kind ?? registry.resolve(spec.claimant).kind },
    statedAt: spec.statedAt,
    figures: spec.figures.map((f) => ({ ...f })),
  };
  if (spec.tag !== undefined) raw.source = { title: spec.tag };
  const v = validateClaim(raw, registry.partyKey);
  if (!v.ok) throw new Error(`test claim is invalid: ${JSON.stringify(v.errors)}`);
  return v.claim;
}

/** A claim resolved the way the service does it: id = digest of its canonical JSON. */
export function resolved(claim: Claim): ResolvedClaim {
  return resolveClaim(digestOf(claim), claim, registry);
}

export const rc = (spec: ClaimSpec): ResolvedClaim => resolved(makeClaim(spec));

export const IDENTITY: IncidentIdentity = {
  id: 'inc-1',
  key: 'ml-test',
  country: 'ML',
  location: 'Tinzaouaten',
  placeId: 'ml-tinzaouaten',
  admin1: 'Kidal',
  title: null,
  lat: null,
  lon: null,
  startDate: START_DATE,
  endDate: null,
  needsReview: false,
  candidates: [],
  mergedFrom: [],
  setByHand: [],
};

export const run = (claims: readonly ResolvedClaim[]): ReportContent => reconcile(IDENTITY, claims);

/** The cell for (party id, outcome); throws when it is missing. */
export function cellOf(report: ReportContent, partyId: string, outcome: Outcome): ReportCell {
  const cell = report.cells.find((c) => c.party.id === partyId && c.outcome === outcome);
  if (!cell) {
    const have = report.cells.map((c) => `${c.party.id}/${c.outcome}`).join(', ');
    throw new Error(`no cell ${partyId}/${outcome}; cells: ${have}`);
  }
  return cell;
}

/** A string of `n` characters. */
export const chars = (n: number, c = 'a'): string => c.repeat(n);

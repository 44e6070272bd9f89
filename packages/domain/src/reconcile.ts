import type { ActorRef, Source } from './claim-schema.js';
import { intersectionOf, intervalOf, rangeOf, sumOf, type Count, type Range } from './count.js';
import { instantKey } from './dates.js';
import type { ActorView, ResolvedClaim } from './resolved-claim.js';
import { OUTCOMES, PERSPECTIVES, type Agreement, type Outcome, type Perspective } from './vocab.js';

/** The incident as a report shows it. */
export interface ReportIncident {
  id: string;
  key: string | null;
  country: string;
  location: string | null;
  placeId: string | null;
  admin1: string | null;
  title: string | null;
  lat: number | null;
  lon: number | null;
  startDate: string;
  endDate: string | null;
  needsReview: boolean;
  candidates: string[];
  /** Incidents an analyst merged into this one: their ids answer with this incident. */
  mergedFrom: string[];
  /** Fields an analyst set by hand, overriding what the claims say. */
  setByHand: string[];
}

/**
 * What the store knows of an incident besides its claims: its fields as incident resolution derived
 * them (src/incidents) or an analyst set them. The report shows them as they are.
 */
export type IncidentIdentity = ReportIncident;

export interface ReportClaim {
  claimId: string;
  claimant: ActorView;
  perspective: Perspective;
  partyAsReported: string;
  count: Count;
  quantified: boolean;
  low: number | null;
  high: number | null;
  highOpen: boolean;
  wording: string | null;
  statedAt: string;
  via: ActorRef[];
  source: Source | null;
}

export interface SupersededClaim extends ReportClaim {
  supersededBy: string;
}

export interface ReportCell {
  party: ActorView;
  outcome: Outcome;
  range: Range | null;
  agreement: Agreement;
  consensus: Range | null;
  byPerspective: Partial<Record<Perspective, Range | null>>;
  claims: ReportClaim[];
  superseded: SupersededClaim[];
}

export interface ClaimantTotal {
  claimant: ActorView;
  low: number | null;
  high: number | null;
  highOpen: boolean;
  /** Parties whose quantified figures make up the sum. */
  parties: string[];
  /** Parties this claimant gave only unquantified figures for: listed, not summed. */
  unquantifiedParties: string[];
}

export interface OutcomeTotal {
  outcome: Outcome;
  range: Range | null;
  byClaimant: ClaimantTotal[];
}

/** A report without its version and time: what "content changed" compares. */
export interface ReportContent {
  incident: ReportIncident;
  claimCount: number;
  cells: ReportCell[];
  totals: OutcomeTotal[];
}

export interface Report {
  incident: ReportIncident;
  version: number;
  generatedAt: string;
  claimCount: number;
  cells: ReportCell[];
  totals: OutcomeTotal[];
}

/** Adds version and time to content, in the contract's key order. */
export function toReport(content: ReportContent, version: number, generatedAt: string): Report {
  return {
    incident: content.incident,
    version,
    generatedAt,
    claimCount: content.claimCount,
    cells: content.cells,
    totals: content.totals,
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Entry {
  claim: ResolvedClaim;
  at: string;
  figure: ResolvedClaim['figures'][number];
  low: number | null;
  high: number | null;
  quantified: boolean;
}

function entryOf(claim: ResolvedClaim, at: string, figure: ResolvedClaim['figures'][number]): Entry {
  const i = intervalOf(figure.count);
  return { claim, at, figure, low: i.low, high: i.high, quantified: i.quantified };
}


function view(e: Entry): ReportClaim;
function view(e: Entry, supersededBy: string): SupersededClaim;
function view(e: Entry, supersededBy?: string): ReportClaim | SupersededClaim {
  const v: ReportClaim = {
    claimId: e.claim.id,
    claimant: e.claim.claimant,
    perspective: e.figure.perspective,
    partyAsReported: e.figure.partyAsReported,
    count: e.figure.count,
    quantified: e.quantified,
    low: e.low,
    high: e.high,
    highOpen: e.quantified && e.high === null,
    wording: e.figure.wording,
    statedAt: e.claim.statedAt,
    via: e.claim.via,
    source: e.claim.source,
  };
  return supersededBy === undefined ? v : Object.assign(v, { supersededBy });
}

type Bounded = { low: number; high: number | null };
/** The quantified entries, which are their own bounds (`low` is a number when quantified): no copies. */
const quantifiedOf = (entries: readonly Entry[]): Bounded[] => entries.filter((e) => e.quantified) as Bounded[];

function asRange(i: Bounded): Range {
  return { low: i.low, high: i.high ?? i.low, highOpen: i.high === null };
}

function agreementOf(current: readonly Entry[], q: readonly Bounded[]): { agreement: Agreement; consensus: Range | null } {
  if (current.length === 1) return { agreement: 'single_source', consensus: null };
  if (q.length === 0) return { agreement: 'unquantified', consensus: null };
  const common = intersectionOf(q);
  return common === null
    ? { agreement: 'disputed', consensus: null }
    : { agreement: 'consistent', consensus: asRange(common) };
}

/** The incident block of a report, in a fixed key order. */
function incidentOf(i: IncidentIdentity): ReportIncident {
  return {
    id: i.id,
    key: i.key,
    country: i.country,
    location: i.location,
    placeId: i.placeId,
    admin1: i.admin1,
    title: i.title,
    lat: i.lat,
    lon: i.lon,
    startDate: i.startDate,
    endDate: i.endDate,
    needsReview: i.needsReview,
    candidates: [...i.candidates].sort(),
    mergedFrom: [...i.mergedFrom].sort(),
    setByHand: [...i.setByHand].sort(),
  };
}

/**
 * The reconciliation of one incident's claims (CONTRACT.md section 4): a pure function. The same
 * set of claims gives the same content, byte for byte, in whatever order it is given.
 */
export function reconcile(identity: IncidentIdentity, claims: readonly ResolvedClaim[]): ReportContent {
  const unique = new Map<string, ResolvedClaim>();
  for (const c of claims) unique.set(c.id, c);
  // Report order: statedAt, then claimant, then id. Every cell's entries are built in this order.
  // One string per claim orders like (at, claimant, id): NUL sorts before every character ids may hold,
  // and the keys are unique (they end with the claim id), so sorting the keys alone (no comparator
  // calls) gives the order.
  const byOrder = new Map<string, { claim: ResolvedClaim; at: string }>();
  for (const claim of unique.values()) {
    const at = instantKey(claim.statedAt);
    byOrder.set(`${at}\u0000${claim.claimant.id}\u0000${claim.id}`, { claim, at });
  }
  const ordered = [...byOrder.keys()].sort().map((k) => byOrder.get(k)!);

  // Group figures into cells: (canonical party, outcome).
  type Cell = { party: ActorView; outcome: Outcome; entries: Entry[] };
  const cells: Cell[] = [];
  // party id → outcome → cell (nested maps: no key string to build and hash per figure)
  const cellIndex = new Map<string, Map<Outcome, Cell>>();
  for (const { claim, at } of ordered) {
    for (const figure of claim.figures) {
      let byOutcome = cellIndex.get(figure.party.id);
      if (!byOutcome) {
        byOutcome = new Map();
        cellIndex.set(figure.party.id, byOutcome);
      }
      let cell = byOutcome.get(figure.outcome);
      if (!cell) {
        cell = { party: figure.party, outcome: figure.outcome, entries: [] };
        byOutcome.set(figure.outcome, cell);
        cells.push(cell);
      }
      cell.entries.push(entryOf(claim, at, figure));
    }
  }

  const outcomeIndex = (o: Outcome): number => OUTCOMES.indexOf(o);
  const orderedCells = cells.sort(
    (a, b) => cmp(a.party.id, b.party.id) || outcomeIndex(a.outcome) - outcomeIndex(b.outcome),
  );

  // Per outcome, per claimant: the claimant's current entries (for totals).
  const totalsInput = new Map<Outcome, Map<string, { claimant: ActorView; byParty: Map<string, Entry[]> }>>();

  const reportCells: ReportCell[] = orderedCells.map((cell) => {
    const entries = cell.entries; // already in report order
    // Latest statement per claimant is current; equal statedAt are all current.
    const latest = new Map<string, string>();
    for (const e of entries) {
      const prev = latest.get(e.claim.claimant.id);
      if (prev === undefined || e.at > prev) latest.set(e.claim.claimant.id, e.at);
    }
    const current: Entry[] = [];
    const superseded: Entry[] = [];
    // The first current statement of each claimant (in report order) is what supersedes its older ones.
    const firstCurrent = new Map<string, string>();
    const perPerspective = new Map<Perspective, Entry[]>();
    for (const e of entries) {
      const claimant = e.claim.claimant.id;
      if (e.at !== latest.get(claimant)) {
        superseded.push(e);
        continue;
      }
      current.push(e);
      if (!firstCurrent.has(claimant)) firstCurrent.set(claimant, e.claim.id);
      const list = perPerspective.get(e.figure.perspective);
      if (list) list.push(e);
      else perPerspective.set(e.figure.perspective, [e]);
    }

    const byPerspective: Partial<Record<Perspective, Range | null>> = {};
    for (const p of PERSPECTIVES) {
      const inP = perPerspective.get(p);
      if (inP) byPerspective[p] = rangeOf(quantifiedOf(inP));
    }

    let byClaimant = totalsInput.get(cell.outcome);
    if (!byClaimant) {
      byClaimant = new Map();
      totalsInput.set(cell.outcome, byClaimant);
    }
    for (const e of current) {
      let t = byClaimant.get(e.claim.claimant.id);
      if (!t) {
        t = { claimant: e.claim.claimant, byParty: new Map() };
        byClaimant.set(e.claim.claimant.id, t);
      }
      const list = t.byParty.get(cell.party.id);
      if (list) list.push(e);
      else t.byParty.set(cell.party.id, [e]);
    }

    const quantified = quantifiedOf(current);
    return {
      party: cell.party,
      outcome: cell.outcome,
      range: rangeOf(quantified),
      ...agreementOf(current, quantified),
      byPerspective,
      claims: current.map((e) => view(e)),
      superseded: superseded.map((e) => view(e, firstCurrent.get(e.claim.claimant.id)!)),
    };
  });

  const totals: OutcomeTotal[] = [];
  for (const outcome of OUTCOMES) {
    const byClaimant = totalsInput.get(outcome);
    if (!byClaimant) continue;
    const rows: ClaimantTotal[] = [...byClaimant.values()]
      .sort((a, b) => cmp(a.claimant.id, b.claimant.id))
      .map(({ claimant, byParty }) => {
        const parties: string[] = [];
        const unquantifiedParties: string[] = [];
        const parts: Bounded[] = [];
        for (const partyId of [...byParty.keys()].sort()) {
          const q = quantifiedOf(byParty.get(partyId)!);
          if (q.length === 0) {
            unquantifiedParties.push(partyId);
            continue;
          }
          parties.push(partyId);
          // Equally current statements on one party: their hull.
          const low = Math.min(...q.map((i) => i.low));
          const high = q.some((i) => i.high === null) ? null : Math.max(...q.map((i) => i.high as number));
          parts.push({ low, high });
        }
        if (parts.length === 0) return { claimant, low: null, high: null, highOpen: false, parties, unquantifiedParties };
        const sum = sumOf(parts);
        return { claimant, low: sum.low, high: sum.high ?? sum.low, highOpen: sum.high === null, parties, unquantifiedParties };
      });
    const sums = rows.filter((r) => r.low !== null).map((r) => ({ low: r.low as number, high: r.highOpen ? null : r.high }));
    totals.push({ outcome, range: rangeOf(sums), byClaimant: rows });
  }

  return {
    incident: incidentOf(identity),
    claimCount: ordered.length,
    cells: reportCells,
    totals,
  };
}

function rangeText(r: Range | null): string {
  if (!r) return 'unquantified';
  const high = `${r.high}${r.highOpen ? '+' : ''}`;
  return r.low === r.high ? high : `${r.low}–${high}`;
}

/** One line for incident lists: claims, cells, disputes, and the claimed range per outcome. */
export function summarize(content: ReportContent): string {
  const disputed = content.cells.filter((c) => c.agreement === 'disputed').length;
  const parts = [
    `${content.claimCount} claim${content.claimCount === 1 ? '' : 's'}`,
    `${content.cells.length} cell${content.cells.length === 1 ? '' : 's'}${disputed > 0 ? ` (${disputed} disputed)` : ''}`,
    ...content.totals.map((t) => `${t.outcome.replace(/_/g, ' ')} ${rangeText(t.range)}`),
  ];
  return parts.join('; ');
}

export { rangeText };

/** Bounds that may be missing (a claimant's unquantified sum, an unquantified claim) as a range. */
export function boundsText(low: number | null, high: number | null, highOpen: boolean): string {
  return rangeText(low === null ? null : { low, high: high ?? low, highOpen });
}

/** What an incident list shows and sorts by: the widest range claimed killed, and how many claimants. */
export interface ListFacts {
  killed: Range | null;
  claimantCount: number;
}

export function listFacts(content: Pick<ReportContent, 'cells'>): ListFacts {
  const ranges = content.cells.flatMap((c) => (c.outcome === 'killed' && c.range ? [c.range] : []));
  let killed: Range | null = null;
  if (ranges.length > 0) {
    const high = Math.max(...ranges.map((r) => r.high));
    killed = { low: Math.min(...ranges.map((r) => r.low)), high, highOpen: ranges.some((r) => r.high === high && r.highOpen) };
  }
  const claimants = new Set<string>();
  for (const cell of content.cells) for (const c of cell.claims) claimants.add(c.claimant.id);
  return { killed, claimantCount: claimants.size };
}

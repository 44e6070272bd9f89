import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { instantKey, rangeOf, TERMS, type ActorKind, type Count, type Outcome, type ReportContent, type ResolvedClaim } from '../src/index.js';
import { makeClaim, registry, resolved, run, type ClaimSpec, type FigureSpec } from './helpers.js';

const RUNS = { numRuns: 300 };

// Small pools, with several aliases of one actor, so that collisions and revisions are common.
const CLAIMANTS: ReadonlyArray<{ name: string; kind: ActorKind }> = [
  { name: 'FAMa', kind: 'state_forces' },
  { name: 'Malian army', kind: 'state_forces' },
  { name: 'JNIM', kind: 'armed_group' },
  { name: 'GSIM', kind: 'armed_group' },
  { name: 'CSP-PSD', kind: 'rebel_group' },
  { name: 'Wagner', kind: 'pmc' },
  { name: 'AFP', kind: 'media' },
  { name: 'a security source', kind: 'anonymous' },
];
const PARTIES = ['FAMa', 'Malian troops', 'Wagner Group', 'JNIM', 'civilians', 'unspecified', 'Katiba Serma'];
const OUTCOMES_POOL: Outcome[] = ['killed', 'killed', 'killed', 'wounded', 'captured', 'killed_or_captured'];
// Dates and date-times, two of which are the same instant (2024-07-26 and its midnight).
const STATED_AT = ['2024-07-25', '2024-07-26', '2024-07-26T00:00:00Z', '2024-07-26T12:00:00+02:00', '2024-07-27', '2024-07-28T09:30:00Z'];

const n = fc.nat(60);
const countArb: fc.Arbitrary<Count> = fc.oneof(
  { arbitrary: n.map((x) => ({ exact: x })), weight: 3 },
  n.map((x) => ({ min: x })),
  n.map((x) => ({ max: x })),
  fc.tuple(n, n).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
  n.map((x) => ({ approx: x })),
  fc.constantFrom(...TERMS).map((t) => ({ term: t })),
  // unquantified statements often enough for whole cells to have no numbers
  { arbitrary: fc.constantFrom<Count>({ term: 'many' }, { term: 'unknown' }), weight: 2 },
);

const figureArb: fc.Arbitrary<FigureSpec> = fc.record({
  party: fc.constantFrom(...PARTIES),
  outcome: fc.constantFrom(...OUTCOMES_POOL),
  count: countArb,
});

const specArb: fc.Arbitrary<ClaimSpec> = fc
  .record({
    claimant: fc.constantFrom(...CLAIMANTS),
    statedAt: fc.constantFrom(...STATED_AT),
    figures: fc.uniqueArray(figureArb, {
      minLength: 1,
      maxLength: 4,
      selector: (f) => `${registry.partyKey(f.party)}|${f.outcome}`,
    }),
    tag: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  })
  .map(({ claimant, statedAt, figures, tag }) => ({ claimant: claimant.name, kind: claimant.kind, statedAt, figures, ...(tag === undefined ? {} : { tag }) }));

/** A valid, resolved claim (makeClaim validates it with the registry's partyKey). */
const claimArb: fc.Arbitrary<ResolvedClaim> = specArb.map((s) => resolved(makeClaim(s)));
const claimsArb = fc.array(claimArb, { minLength: 1, maxLength: 12 });

const json = (r: ReportContent): string => JSON.stringify(r);
const cellKey = (c: { party: { id: string }; outcome: string }): string => `${c.party.id}|${c.outcome}`;
const quantified = (claims: ReadonlyArray<{ quantified: boolean; low: number | null; high: number | null }>) =>
  claims.filter((c) => c.quantified).map((c) => ({ low: c.low as number, high: c.high }));

describe('reconcile properties', () => {
  it('(a) every current quantified claim lies inside its cell’s range', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        for (const cell of run(claims).cells) {
          const q = cell.claims.filter((c) => c.quantified);
          if (q.length === 0) {
            expect(cell.range).toBeNull();
            continue;
          }
          const range = cell.range!;
          expect(range).not.toBeNull();
          for (const c of q) {
            expect(range.low).toBeLessThanOrEqual(c.low!);
            expect(c.high ?? c.low!).toBeLessThanOrEqual(range.high);
            if (c.high === null) expect(c.low!).toBeLessThanOrEqual(range.high);
          }
          // ...and the range is no wider than the claims: its bounds are claimed figures.
          expect(q.some((c) => c.low === range.low)).toBe(true);
          expect(q.some((c) => (c.high ?? c.low) === range.high)).toBe(true);
          expect(range.highOpen).toBe(q.some((c) => c.high === null && c.low === range.high));
        }
      }),
      RUNS,
    );
  });

  it('(b) permuting the input never changes the output', () => {
    fc.assert(
      fc.property(
        claimsArb.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        ([claims, permuted]) => {
          expect(json(run(permuted))).toBe(json(run(claims)));
        },
      ),
      RUNS,
    );
  });

  it('(c) superseded claims never affect a range: ranges recomputed from the current claims alone agree', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        for (const cell of run(claims).cells) {
          expect(cell.range).toEqual(rangeOf(quantified(cell.claims)));
          for (const [p, r] of Object.entries(cell.byPerspective)) {
            expect(r).toEqual(rangeOf(quantified(cell.claims.filter((c) => c.perspective === p))));
          }
        }
      }),
      RUNS,
    );
  });

  it('(c) removing every claim that is superseded in all its cells changes nothing but the superseded lists and claimCount', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const before = run(claims);
        const current = new Set(before.cells.flatMap((c) => c.claims.map((x) => x.claimId)));
        const kept = claims.filter((c) => current.has(c.id));
        const after = run(kept);
        const strip = (r: ReportContent) => r.cells.map(({ superseded: _s, ...rest }) => rest);
        expect(strip(after)).toEqual(strip(before));
        expect(after.totals).toEqual(before.totals);
        expect(after.cells.map((c) => c.range)).toEqual(before.cells.map((c) => c.range));
      }),
      RUNS,
    );
  });

  it('(c) superseded claims are marked correctly: a later statement by the same claimant in the same cell', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const at = new Map(claims.map((c) => [c.id, instantKey(c.statedAt)]));
        for (const cell of run(claims).cells) {
          for (const s of cell.superseded) {
            const by = cell.claims.find((c) => c.claimId === s.supersededBy);
            expect(by, `supersededBy ${s.supersededBy} is current`).toBeDefined();
            expect(by!.claimant.id).toBe(s.claimant.id);
            expect(at.get(by!.claimId)! > at.get(s.claimId)!).toBe(true);
          }
          for (const c of cell.claims) {
            const later = [...cell.claims, ...cell.superseded].filter(
              (o) => o.claimant.id === c.claimant.id && at.get(o.claimId)! > at.get(c.claimId)!,
            );
            expect(later).toEqual([]);
          }
        }
      }),
      RUNS,
    );
  });

  it('(d) adding a claim that supersedes nothing never narrows any existing cell’s range', () => {
    fc.assert(
      fc.property(claimsArb, specArb, (claims, spec) => {
        // Make the new claim no later than anything its claimant said before: it supersedes nothing.
        const claimantId = registry.resolve(spec.claimant).id;
        const own = claims.filter((c) => c.claimant.id === claimantId).sort((a, b) => (instantKey(a.statedAt) < instantKey(b.statedAt) ? -1 : 1));
        const earliest = own[0];
        const statedAt = earliest && instantKey(spec.statedAt) > instantKey(earliest.statedAt) ? earliest.statedAt : spec.statedAt;
        const extra = resolved(makeClaim({ ...spec, statedAt }));

        const before = run(claims);
        const after = run([...claims, extra]);
        const afterCells = new Map(after.cells.map((c) => [cellKey(c), c]));
        for (const old of before.cells) {
          const now = afterCells.get(cellKey(old));
          expect(now).toBeDefined();
          // nothing that was current became superseded
          const currentNow = new Set(now!.claims.map((c) => c.claimId));
          for (const c of old.claims) expect(currentNow.has(c.claimId)).toBe(true);
          if (old.range === null) continue;
          expect(now!.range).not.toBeNull();
          expect(now!.range!.low).toBeLessThanOrEqual(old.range.low);
          expect(now!.range!.high).toBeGreaterThanOrEqual(old.range.high);
          if (now!.range!.high === old.range.high && old.range.highOpen) expect(now!.range!.highOpen).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('(e) duplicates of the same claim (same id) do not change the output', () => {
    fc.assert(
      fc.property(
        claimsArb.chain((cs) => fc.tuple(fc.constant(cs), fc.subarray(cs), fc.nat())),
        ([claims, dups, rot]) => {
          // copies, equal by value but not by reference, inserted at various places
          const copies = dups.map((c) => structuredClone(c));
          const merged = [...claims, ...copies];
          const k = rot % merged.length;
          const rotated = [...merged.slice(k), ...merged.slice(0, k)];
          const expected = json(run(claims));
          expect(json(run(merged))).toBe(expected);
          expect(json(run(rotated))).toBe(expected);
          expect(run(merged).claimCount).toBe(new Set(claims.map((c) => c.id)).size);
        },
      ),
      RUNS,
    );
  });

  it('(f) agreement is consistent iff the quantified current intervals intersect, with the consensus inside the range', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        for (const cell of run(claims).cells) {
          const q = quantified(cell.claims);
          if (cell.claims.length === 1) {
            expect(cell.agreement).toBe('single_source');
            expect(cell.consensus).toBeNull();
            continue;
          }
          if (q.length === 0) {
            expect(cell.agreement).toBe('unquantified');
            expect(cell.consensus).toBeNull();
            continue;
          }
          const maxLow = Math.max(...q.map((i) => i.low));
          const highs = q.flatMap((i) => (i.high === null ? [] : [i.high]));
          const minHigh = highs.length === 0 ? null : Math.min(...highs);
          const intersect = minHigh === null || maxLow <= minHigh;
          expect(cell.agreement).toBe(intersect ? 'consistent' : 'disputed');
          if (!intersect) {
            expect(cell.consensus).toBeNull();
            continue;
          }
          expect(cell.consensus).toEqual({ low: maxLow, high: minHigh ?? maxLow, highOpen: minHigh === null });
          const range = cell.range!;
          expect(cell.consensus!.low).toBeGreaterThanOrEqual(range.low);
          expect(cell.consensus!.high).toBeLessThanOrEqual(range.high);
          expect(cell.consensus!.low).toBeLessThanOrEqual(cell.consensus!.high);
        }
      }),
      RUNS,
    );
  });

  it('totals sum each current claimant’s figures over parties and span the claimants', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const report = run(claims);
        for (const total of report.totals) {
          const cells = report.cells.filter((c) => c.outcome === total.outcome);
          for (const row of total.byClaimant) {
            let low = 0;
            let high = 0;
            let open = false;
            let any = false;
            for (const cell of cells) {
              const mine = quantified(cell.claims.filter((c) => c.claimant.id === row.claimant.id));
              if (mine.length === 0) continue;
              any = true;
              low += Math.min(...mine.map((i) => i.low));
              if (mine.some((i) => i.high === null)) open = true;
              else high += Math.max(...mine.map((i) => i.high as number));
            }
            if (!any) {
              expect(row.low).toBeNull();
              continue;
            }
            expect(row.low).toBe(low);
            expect(row.highOpen).toBe(open);
            expect(row.high).toBe(open ? low : high);
          }
          const rows = total.byClaimant.filter((r) => r.low !== null);
          expect(total.range).toEqual(rangeOf(rows.map((r) => ({ low: r.low!, high: r.highOpen ? null : r.high }))));
        }
      }),
      RUNS,
    );
  });

  it('every claim appears in each of its cells exactly once, as current or superseded', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        const report = run(claims);
        const cells = new Map(report.cells.map((c) => [cellKey(c), c]));
        const unique = new Map(claims.map((c) => [c.id, c]));
        let entries = 0;
        for (const claim of unique.values()) {
          for (const f of claim.figures) {
            const cell = cells.get(`${f.party.id}|${f.outcome}`)!;
            expect(cell).toBeDefined();
            const all = [...cell.claims, ...cell.superseded].filter((c) => c.claimId === claim.id);
            expect(all).toHaveLength(1);
            entries++;
          }
        }
        expect(report.cells.reduce((a, c) => a + c.claims.length + c.superseded.length, 0)).toBe(entries);
        expect(report.claimCount).toBe(unique.size);
      }),
      RUNS,
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  curationOf,
  emptyCuration,
  Gazetteer,
  incidentFactsOf,
  keyedIncidentId,
  resolveIncidents,
  validateClaim,
  type CurationEffects,
  type IncidentFacts,
  type ResolvedIncident,
} from '../src/index.js';

const gazetteer = Gazetteer.create();

interface Spec {
  key?: string;
  location?: string;
  startDate: string;
  endDate?: string;
  statedAt?: string;
  title?: string;
  claimant?: string;
  country?: string;
}

let n = 0;
/** The incident facts of a valid claim built from a spec (each one distinct). */
export function facts(s: Spec): IncidentFacts {
  n += 1;
  const v = validateClaim({
    incident: {
      ...(s.key ? { key: s.key } : {}),
      country: s.country ?? 'ML',
      ...(s.location ? { location: s.location } : {}),
      ...(s.title ? { title: s.title } : {}),
      startDate: s.startDate,
      ...(s.endDate ? { endDate: s.endDate } : {}),
    },
    claimant: { name: s.claimant ?? `claimant ${n}`, kind: 'media' },
    statedAt: s.statedAt ?? s.endDate ?? s.startDate,
    figures: [{ party: 'civilians', outcome: 'killed', count: { exact: n } }],
  });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const place = v.claim.incident.location ? gazetteer.resolve(v.claim.incident.country, v.claim.incident.location) : null;
  return incidentFactsOf(`c${String(n).padStart(4, '0')}`, v.claim, place);
}

const partition = (m: Map<string, ResolvedIncident>): string[][] => [...m.values()].map((i) => [...i.claimIds].sort()).sort();
const resolve = (claims: IncidentFacts[], log: CurationEffects[] = []) => resolveIncidents(claims, curationOf(log));

describe('incident resolution (pure)', () => {
  it('forms the same incidents from three keyless claims at one place in any order, dates the union of their spans', () => {
    const a = facts({ location: 'Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27' });
    const b = facts({ location: 'Tin Zaouatène', startDate: '2024-07-29' });
    const c = facts({ location: 'TINZAWATEN', startDate: '2024-07-23' });
    const orders = [[a, b, c], [b, a, c], [c, b, a], [b, c, a]];
    const results = orders.map((o) => resolve(o));
    for (const r of results) expect(r).toEqual(results[0]);
    const [only] = [...results[0]!.values()];
    expect(results[0]!.size).toBe(1);
    expect(only).toMatchObject({ startDate: '2024-07-23', endDate: '2024-07-29', placeId: 'ml-tinzaouaten', needsReview: false });
  });

  it('does not chain attacks every other day over a month into one incident', () => {
    const claims = Array.from({ length: 15 }, (_, i) => facts({ location: 'Gao', startDate: `2024-03-${String(1 + 2 * i).padStart(2, '0')}` }));
    const r = resolve(claims);
    expect(r.size).toBeGreaterThanOrEqual(4);
    for (const i of r.values()) expect(i.lastDay - i.firstDay + 1).toBeLessThanOrEqual(7);
  });

  it('puts a keyless claim in the one keyed incident near it, and flags one near two', () => {
    const k1 = facts({ key: 'gao-1', location: 'Gao', startDate: '2024-03-01' });
    const k2 = facts({ key: 'gao-2', location: 'Gao', startDate: '2024-03-05' });
    const near1 = facts({ location: 'Gao', startDate: '2024-02-28' });
    const both = facts({ location: 'Gao', startDate: '2024-03-03' });
    const both2 = facts({ location: 'Gao', startDate: '2024-03-03', claimant: 'someone else' });
    const r = resolve([k1, k2, near1, both, both2]);
    expect(r.get(keyedIncidentId('gao-1'))!.claimIds).toEqual([k1.id, near1.id].sort());
    const review = [...r.values()].filter((i) => i.needsReview);
    // The same ambiguity lands in one review incident, not one per claim.
    expect(review).toHaveLength(1);
    expect(review[0]!.claimIds).toEqual([both.id, both2.id].sort());
    expect(review[0]!.candidates).toEqual([keyedIncidentId('gao-1'), keyedIncidentId('gao-2')].sort());
  });

  it('fills gaps in statedAt order and never puts endDate before startDate', () => {
    const late = facts({ key: 'k', location: 'Gao', startDate: '2024-05-02', endDate: '2024-05-03', statedAt: '2024-05-09', title: 'Late title' });
    const early = facts({ key: 'k', location: 'Ménaka', startDate: '2024-05-01', statedAt: '2024-05-02', title: 'Early title' });
    const monthOnly = facts({ key: 'k', startDate: '2024-05', statedAt: '2024-05-20' });
    for (const order of [[late, early, monthOnly], [monthOnly, early, late]]) {
      const inc = resolve(order).get(keyedIncidentId('k'))!;
      // The union: the earliest start (a tie goes to the earlier statement), the latest end (the whole month).
      expect(inc).toMatchObject({ title: 'Early title', placeId: 'ml-menaka', startDate: '2024-05-01', endDate: '2024-05', key: 'k' });
    }
    const x = resolve([facts({ key: 'j', startDate: '2024-05-10', statedAt: '2024-05-10' }), facts({ key: 'j', startDate: '2024-05-01', endDate: '2024-05-02', statedAt: '2024-05-11' })]).get(keyedIncidentId('j'))!;
    expect([x.startDate, x.endDate]).toEqual(['2024-05-01', '2024-05-10']);
  });

  it('flags a claim dated only by month at a place with incidents in that month', () => {
    const battle = facts({ location: 'Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27' });
    const month = facts({ location: 'Tinzaouaten', startDate: '2024-07', statedAt: '2024-08-01' });
    const r = resolve([battle, month]);
    expect(partition(r)).toEqual([[battle.id], [month.id]].sort());
    const m = [...r.values()].find((i) => i.claimIds.includes(month.id))!;
    expect(m.needsReview).toBe(true);
    expect(m.candidates).toEqual([[...r.values()].find((i) => i.claimIds.includes(battle.id))!.id]);
  });

  it('keeps a merge, a split and a move whatever claims come later', () => {
    const a1 = facts({ location: 'Kidal', startDate: '2024-01-10' });
    const a2 = facts({ location: 'Kidal', startDate: '2024-01-11' });
    const b1 = facts({ location: 'Kidal', startDate: '2024-01-20' });
    const before = resolve([a1, a2, b1]);
    const idA = [...before.values()].find((i) => i.claimIds.includes(a1.id))!.id;
    const idB = [...before.values()].find((i) => i.claimIds.includes(b1.id))!.id;
    const split: CurationEffects = { pins: [{ claimId: a2.id, incidentId: 'inc-split' }, { claimId: a1.id, incidentId: idA }] };
    const merge: CurationEffects = { pins: [a1.id, b1.id].map((claimId) => ({ claimId, incidentId: idB })), retire: [{ id: idA, into: idB }] };
    // A later claim described exactly like the split-off one lands with it.
    const sibling = facts({ location: 'Kidal', startDate: '2024-01-11' });
    const after = resolve([a1, a2, b1, sibling], [split, merge]);
    expect(after.get('inc-split')!.claimIds).toEqual([a2.id, sibling.id].sort());
    expect(after.get(idB)!.claimIds).toEqual([a1.id, b1.id].sort());
    expect(after.has(idA)).toBe(false);
  });

  it('derives nothing from arrival order: the same set with an empty log gives equal maps', () => {
    const set = [facts({ location: 'Boni', startDate: '2024-02-01' }), facts({ key: 'x', location: 'Boni', startDate: '2024-02-02' }), facts({ startDate: '2024-02-01' })];
    expect(resolveIncidents([...set].reverse(), emptyCuration())).toEqual(resolveIncidents(set, emptyCuration()));
  });
});

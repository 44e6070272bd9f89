/**
 * Random sets of contract claims for incident-resolution properties: keyless claims at a few places
 * with overlapping, adjacent and separate dates (some dated only by month, some with no place),
 * keyed claims with conflicting fields, and a choice of claims to retract.
 */
import fc from 'fast-check';

const PLACES = ['Gao', 'Kidal', 'Tin Zaouatène', 'Tinzaouaten', 'Anefis', undefined] as const;
const KEYS = ['k-a', 'k-b', 'k-c'] as const;
const TITLES = ['Ambush', 'Attack on the camp', undefined] as const;
const CLAIMANTS = [
  { name: 'Malian army', kind: 'state_forces' },
  { name: 'JNIM', kind: 'armed_group' },
  { name: 'CSP-PSD', kind: 'rebel_group' },
  { name: 'AFP', kind: 'media' },
  { name: 'MINUSMA', kind: 'un' },
] as const;

const day = (offset: number): string => {
  const d = new Date(Date.UTC(2024, 2, 1 + offset));
  return d.toISOString().slice(0, 10);
};

export interface ScenarioClaim {
  claim: Record<string, unknown>;
}

export const claimArb = fc
  .record({
    keyed: fc.integer({ min: 0, max: 9 }),
    key: fc.constantFrom(...KEYS),
    place: fc.constantFrom(...PLACES),
    start: fc.integer({ min: 0, max: 24 }),
    length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
    monthOnly: fc.integer({ min: 0, max: 19 }),
    statedAfter: fc.integer({ min: 0, max: 6 }),
    title: fc.constantFrom(...TITLES),
    coords: fc.boolean(),
    claimant: fc.constantFrom(...CLAIMANTS),
    count: fc.integer({ min: 0, max: 60 }),
  })
  .map((r) => {
    const monthOnly = r.monthOnly === 0;
    const incident: Record<string, unknown> = {
      ...(r.keyed < 3 ? { key: r.key } : {}),
      country: 'ML',
      ...(r.place === undefined ? {} : { location: r.place }),
      ...(r.title === undefined ? {} : { title: r.title }),
      ...(r.coords ? { lat: 16 + r.start / 10, lon: -1 + r.count / 100 } : {}),
      startDate: monthOnly ? '2024-03' : day(r.start),
      ...(!monthOnly && r.length > 0 ? { endDate: day(r.start + r.length) } : {}),
    };
    return {
      incident,
      claimant: r.claimant,
      statedAt: day((monthOnly ? 0 : r.start) + r.statedAfter),
      figures: [{ party: 'civilians', outcome: 'killed', count: { exact: r.count } }],
    } as Record<string, unknown>;
  });

/** A set of claims (distinct ones), and which of them to retract. */
export const scenarioArb = (maxClaims = 24) =>
  fc
    .uniqueArray(claimArb, { minLength: 1, maxLength: maxClaims, selector: (c) => JSON.stringify(c) })
    .chain((claims) => fc.record({ claims: fc.constant(claims), retract: fc.subarray(claims.map((_, i) => i), { maxLength: Math.min(3, claims.length) }) }));

/** A permutation of indices 0..n-1 from a seed (Fisher–Yates with a small PRNG). */
export function permutation(n: number, seed: number): number[] {
  let a = seed >>> 0 || 1;
  const rnd = () => {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    return (a >>> 0) / 4294967296;
  };
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A seeded generator of realistic claims: several claimants per incident, several figures per claim,
 * revisions (the same claimant speaking again later), open and unquantified counts, and some
 * incidents without a key that must be matched by place and dates.
 */
export interface GeneratorOptions {
  claims: number;
  incidents: number;
  seed?: number;
  /** Share of incidents whose claims carry no key. */
  keylessShare?: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLAIMANTS = [
  { name: 'Malian army', kind: 'state_forces' },
  { name: 'Government of Mali', kind: 'government' },
  { name: 'JNIM', kind: 'armed_group' },
  { name: 'CSP-PSD', kind: 'rebel_group' },
  { name: 'Wagner Group', kind: 'pmc' },
  { name: 'EIGS', kind: 'armed_group' },
  { name: 'MINUSMA', kind: 'un' },
  { name: 'Human Rights Watch', kind: 'ngo' },
  { name: 'AFP', kind: 'media' },
  { name: 'Local official (anonymous)', kind: 'anonymous' },
] as const;

const PARTIES = ['Malian soldiers', 'FAMa', 'Wagner mercenaries', 'JNIM', 'terrorists', 'civilians', 'CSP-PSD', 'unspecified', 'Islamic State Sahel'];
const OUTCOMES = ['killed', 'wounded', 'captured', 'missing', 'killed_or_wounded', 'killed_or_captured'] as const;
const PLACES = ['Tinzaouaten', 'Kidal', 'Gao', 'Ménaka', 'Tessalit', 'Mopti', 'Ségou', 'Djenné', 'Boni', 'Ansongo', 'Bourem', 'Léré', 'Niono', 'Macina', 'Ténenkou', 'Douentza', 'Bandiagara', 'Hombori', 'Gossi', 'Ber'];
const TERMS = ['a_few', 'several', 'dozens', 'scores', 'hundreds', 'many', 'unknown'] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export interface GeneratedIncident {
  key: string | null;
  place: string;
  startDate: string;
  endDate: string;
}

export function generateIncidents(count: number, rnd: () => number, keylessShare = 0.1): GeneratedIncident[] {
  const out: GeneratedIncident[] = [];
  // Spread incidents 30 days apart per place so keyless ones never overlap by accident, all of them
  // (and their statements, up to 5 days later) before 2024, however many: dates after today are refused.
  const first = addDays('2024-01-01', -(Math.ceil(count / PLACES.length) * 30 + 20));
  for (let i = 0; i < count; i++) {
    const place = PLACES[i % PLACES.length]!;
    const startDate = addDays(first, Math.floor(i / PLACES.length) * 30 + (i % 7));
    const keyless = rnd() < keylessShare;
    out.push({ key: keyless ? null : `gen-${i}`, place, startDate, endDate: addDays(startDate, Math.floor(rnd() * 3)) });
  }
  return out;
}

function count(rnd: () => number): Record<string, unknown> {
  const n = Math.floor(rnd() * 60);
  const r = rnd();
  if (r < 0.45) return { exact: n };
  if (r < 0.6) return { min: n };
  if (r < 0.65) return { max: n + 1 };
  if (r < 0.75) return { min: n, max: n + Math.floor(rnd() * 20) };
  if (r < 0.85) return { approx: n + 10 };
  return { term: TERMS[Math.floor(rnd() * TERMS.length)] };
}

export function generateClaims(options: GeneratorOptions): unknown[] {
  const rnd = mulberry32(options.seed ?? 1);
  const incidents = generateIncidents(options.incidents, rnd, options.keylessShare);
  const claims: unknown[] = [];
  for (let i = 0; i < options.claims; i++) {
    const inc = incidents[i % incidents.length]!;
    const claimant = CLAIMANTS[Math.floor(rnd() * CLAIMANTS.length)]!;
    const nFigures = 1 + Math.floor(rnd() * 4);
    const figures: Record<string, unknown>[] = [];
    const used = new Set<string>();
    for (let f = 0; f < nFigures; f++) {
      const party = PARTIES[Math.floor(rnd() * PARTIES.length)]!;
      const outcome = OUTCOMES[Math.floor(rnd() * 3)]!;
      // "Malian soldiers" and "FAMa" are one party: keep one figure per canonical party and outcome.
      const canon = party === 'FAMa' ? 'Malian soldiers' : party;
      if (used.has(`${canon}|${outcome}`)) continue;
      used.add(`${canon}|${outcome}`);
      figures.push({ party, outcome, count: count(rnd), wording: `figure ${i}.${f}` });
    }
    claims.push({
      incident: {
        ...(inc.key ? { key: inc.key } : {}),
        country: 'ML',
        location: inc.place,
        startDate: inc.startDate,
        endDate: inc.endDate,
        title: `Generated incident at ${inc.place}`,
      },
      claimant,
      via: rnd() < 0.5 ? [{ name: 'AFP', kind: 'media' }] : undefined,
      // Few distinct days per claimant: revisions and equal statedAt both happen.
      statedAt: addDays(inc.startDate, Math.floor(rnd() * 6)),
      source: { publisher: 'Generated', excerpt: `claim ${i}` },
      figures,
    });
  }
  return claims;
}

export function shuffle<T>(items: readonly T[], rnd: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

import { ActorRegistry, digestOf, resolveClaim, validateClaim, type Claim } from '@recon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CLAIM_COLUMNS, claimJsonRowsOf, claimRowsOf, claimsOfRows, csvHeader, csvLines, guardCell, isClaimJsonRow, parseCsv, rowRecordOfJson, unguardCell } from '../src/index.js';
import { generateClaims } from '../../../test/support/claim-generator.js';

const registry = ActorRegistry.create();
const corpus = JSON.parse(readFileSync(new URL('../../../samples/corpus-claims.json', import.meta.url), 'utf8')) as unknown[];

function valid(raw: unknown): { id: string; claim: Claim } {
  const v = validateClaim(raw, registry.partyKey);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { id: digestOf(v.claim), claim: v.claim };
}

const inputOf = (claim: Claim) => {
  const id = digestOf(claim);
  return { claim, id, resolved: resolveClaim(id, claim, registry), incidentId: 'inc-x', retracted: false, stateOf: () => 'current' as const };
};

/** Claims → CSV → claims, through the export's own functions. */
function roundTrip(claims: readonly Claim[]): unknown[] {
  const rows = claims.flatMap((claim) => claimRowsOf(inputOf(claim)));
  const csv = csvHeader(CLAIM_COLUMNS) + csvLines(rows, CLAIM_COLUMNS);
  return claimsOfRows(parseCsv(csv)).claims;
}

/** Claims → NDJSON lines → claims. */
function ndjsonRoundTrip(claims: readonly Claim[]): unknown[] {
  const text = claims.flatMap((claim) => claimJsonRowsOf(inputOf(claim))).map((r) => `${JSON.stringify(r)}\n`).join('');
  const rows = text.trim().split('\n').map((l) => JSON.parse(l) as unknown);
  expect(rows.every(isClaimJsonRow)).toBe(true);
  return claimsOfRows(rows.map((r) => rowRecordOfJson(r as Record<string, unknown>))).claims;
}

/** Every text field hostile or awkward: formula characters, a relay whose name holds " > ", tiny and negative coordinates. */
const edge = {
  incident: { key: '-edge', title: '@title', country: 'ML', location: '=cmd|calc', admin1: '+1', lat: 1e-7, lon: -8.0029, startDate: '2024-07-25', endDate: '2024-07-26' },
  claimant: { name: '@anon', kind: 'anonymous' },
  via: [{ name: 'A > B', kind: 'media' }, { name: '+C', kind: 'media' }, { name: ' > ', kind: 'monitor' }],
  statedAt: '2024-07-26T10:00:00+02:00',
  source: { title: '-title', publisher: "'=quoted", excerpt: '\tline one\r\nline "two", with a comma' },
  figures: [
    { party: '-5', outcome: 'killed', count: { min: 3, max: 7 }, wording: "''+two apostrophes" },
    { party: 'civilians', outcome: 'wounded', count: { term: 'a_few' }, wording: '\rreturn' },
  ],
};

describe('claims as CSV rows and back', () => {
  it('gives back every corpus claim exactly (same ids)', () => {
    const claims = corpus.map((c) => valid(c).claim);
    const back = roundTrip(claims).map((c) => valid(c).id);
    expect(back).toEqual(claims.map((c) => digestOf(c)));
  });

  it('gives back generated claims exactly, whatever their fields, counts and relays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const claims = generateClaims({ claims: 40, incidents: 5, seed, keylessShare: 0.3 }).map((c) => valid(c).claim);
        expect(roundTrip(claims).map((c) => valid(c).id)).toEqual(claims.map((c) => digestOf(c)));
      }),
      { numRuns: 25 },
    );
  });

  it('gives back hostile and awkward claims exactly, through CSV and through NDJSON', () => {
    const claims = [edge, corpus[0], { ...(corpus[0] as object), via: [] }].map((c) => valid(JSON.parse(JSON.stringify(c))).claim);
    expect(roundTrip(claims).map((c) => valid(c).id)).toEqual(claims.map(digestOf));
    expect(ndjsonRoundTrip(claims).map((c) => valid(c).id)).toEqual(claims.map(digestOf));
  });

  it('gives back every corpus and generated claim exactly through NDJSON rows', () => {
    const claims = [...corpus, ...generateClaims({ claims: 60, incidents: 6, seed: 7, keylessShare: 0.3 })].map((c) => valid(c).claim);
    expect(ndjsonRoundTrip(claims).map((c) => valid(c).id)).toEqual(claims.map(digestOf));
  });

  it('joins relays by " > " unless a name holds it; NDJSON gives them as arrays, with canonical ids', () => {
    const plain = valid({ ...edge, via: [{ name: 'SITE', kind: 'monitor' }, { name: 'AFP', kind: 'media' }] }).claim;
    const [row] = claimRowsOf({ ...inputOf(plain), viaIds: ['site-intelligence-group', 'afp'] });
    expect([row!.via, row!.via_kinds, row!.via_ids, row!.shape]).toEqual(['SITE > AFP', 'monitor > media', 'site-intelligence-group > afp', null]);
    const awkward = valid(edge).claim;
    const [odd] = claimRowsOf(inputOf(awkward));
    expect([odd!.via, odd!.shape, odd!.via_ids]).toEqual([JSON.stringify(['A > B', '+C', ' > ']), 'via=json', null]);
    const [json] = claimJsonRowsOf({ ...inputOf(awkward), viaIds: ['a', 'c', 'x'] });
    expect([json!.via, json!.via_kinds, json!.via_ids, json!.shape]).toEqual([['A > B', '+C', ' > '], ['media', 'media', 'monitor'], ['a', 'c', 'x'], null]);
  });

  it('keeps empty relays and an empty source apart from absent ones', () => {
    const base = corpus[0] as Record<string, unknown>;
    const claims = [{ ...base, via: [] }, { ...base, source: {} }, { ...base, via: undefined, source: undefined }].map((c) => valid(JSON.parse(JSON.stringify(c))).claim);
    expect(new Set(claims.map(digestOf)).size).toBe(3);
    expect(roundTrip(claims).map((c) => valid(c).id)).toEqual(claims.map(digestOf));
  });

  it('writes one row per figure, with the interval and the state', () => {
    const { id, claim } = valid(corpus.find((c) => JSON.stringify(c).includes('"exact":50'))!);
    const rows = claimRowsOf({ claim, id, resolved: resolveClaim(id, claim, registry), incidentId: 'inc-1', retracted: true, stateOf: (party) => (party === 'wagner-group' ? 'superseded' : 'current') });
    expect(rows).toHaveLength(claim.figures.length);
    const wagner = rows.find((r) => r.party_id === 'wagner-group')!;
    expect([wagner.count_form, wagner.count, wagner.low, wagner.high, wagner.high_open, wagner.state, wagner.retracted, wagner.figure]).toEqual(['exact', '50', 50, 50, false, 'superseded', true, 2]);
    expect(wagner.via).toBe('SITE Intelligence Group');
  });

  it('leaves retracted claims out of an import, and says which', () => {
    const rows = parseCsv('claim_id,claimant,count_form,retracted\r\na,X,exact,true\r\nb,Y,exact,false\r\n');
    const r = claimsOfRows(rows);
    expect(r.skippedRetracted).toEqual(['a']);
    expect(r.claims).toHaveLength(1);
  });
});

describe('CSV injection', () => {
  it('prefixes text cells a spreadsheet would run, and reads them back exactly', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', "'=x", "''+y"]) {
      const guarded = guardCell(s);
      expect(guarded.startsWith("'"), s).toBe(true);
      expect(unguardCell(guarded)).toBe(s);
    }
    for (const s of ['plain', "it's", "'quoted'", '2024-07-28', 'a=b']) {
      expect(guardCell(s)).toBe(s);
      expect(unguardCell(s)).toBe(s);
    }
    // Numbers stay numbers: a negative longitude is not a formula.
    expect(guardCell(-1.25)).toBe('-1.25');
  });

  it('quotes every defused cell, and leaves numbers bare', () => {
    const csv = csvLines([{ t: '+1', u: '@x', n: -8.0029, w: '-2', p: 'plain' }], ['t', 'u', 'n', 'w', 'p']);
    expect(csv).toBe(`"'+1","'@x",-8.0029,"'-2",plain\r\n`);
    const [back] = parseCsv(csvHeader(['t', 'u', 'n', 'w', 'p']) + csv);
    expect(back).toEqual({ t: '+1', u: '@x', n: '-8.0029', w: '-2', p: 'plain' });
  });

  it('never lets a cell of any text start with a formula character, and round-trips it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: fc.constantFrom('=', '+', '-', '@', "'", '\t', '\r', 'a', ',', '"', '\n', ' ') }), (s) => {
        const csv = csvHeader(['v']) + csvLines([{ v: s }], ['v']);
        const [cell] = parseCsv(`${csv}`).map((r) => r.v);
        const raw = csv.split('\r\n').slice(1).join('\r\n');
        expect(raw.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
        expect(cell).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

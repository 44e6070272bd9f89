import { ActorRegistry, digestOf, resolveClaim, validateClaim, type Claim } from '@recon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CLAIM_COLUMNS, claimRowsOf, claimsOfRows, csvHeader, csvLines, guardCell, parseCsv, unguardCell } from '../src/index.js';
import { generateClaims } from '../../../test/support/claim-generator.js';

const registry = ActorRegistry.create();
const corpus = JSON.parse(readFileSync(new URL('../../../samples/corpus-claims.json', import.meta.url), 'utf8')) as unknown[];

function valid(raw: unknown): { id: string; claim: Claim } {
  const v = validateClaim(raw, registry.partyKey);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return { id: digestOf(v.claim), claim: v.claim };
}

/** Claims → CSV → claims, through the export's own functions. */
function roundTrip(claims: readonly Claim[]): unknown[] {
  const rows = claims.flatMap((claim) => {
    const id = digestOf(claim);
    return claimRowsOf({ claim, id, resolved: resolveClaim(id, claim, registry), incidentId: 'inc-x', retracted: false, stateOf: () => 'current' });
  });
  const csv = csvHeader(CLAIM_COLUMNS) + csvLines(rows, CLAIM_COLUMNS);
  return claimsOfRows(parseCsv(csv)).claims;
}

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

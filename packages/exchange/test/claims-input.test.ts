import { describe, expect, it } from 'vitest';
import { InputError, parseClaimsInput } from '../src/claims-input.js';

const claim = { claimant: { name: 'JNIM', kind: 'armed_group' }, statedAt: '2024-07-28' };

describe('parseClaimsInput', () => {
  it('reads a single JSON object as one claim', () => {
    expect(parseClaimsInput(JSON.stringify(claim, null, 2)).items).toEqual([claim]);
  });

  it('reads a JSON array of claims', () => {
    expect(parseClaimsInput(JSON.stringify([claim, { ...claim, statedAt: '2024-07-29' }])).items).toHaveLength(2);
  });

  it('reads { "claims": [...] }', () => {
    expect(parseClaimsInput(JSON.stringify({ claims: [claim, claim, claim] })).items).toEqual([claim, claim, claim]);
  });

  it('reads NDJSON, skipping blank lines and accepting CRLF', () => {
    const text = `${JSON.stringify(claim)}\r\n\r\n${JSON.stringify({ ...claim, n: 2 })}\n`;
    expect(parseClaimsInput(text).items).toEqual([claim, { ...claim, n: 2 }]);
  });

  it('reads the NDJSON claims export as claims: rows grouped by claim_id, figures in order, retracted ones left out', () => {
    const row = {
      incident_id: 'inc-1', incident_key: 'k', country: 'ML', start_date: '2024-07-25', lat: -0.5, claim_id: 'c1', claimant: 'JNIM', claimant_kind: 'armed_group',
      via: ['A > B', 'AFP'], via_kinds: ['media', 'media'], via_ids: ['a-b', 'afp'], stated_at: '2024-07-28', figure: 2, party_as_reported: 'FAMa',
      outcome: 'killed', count_form: 'range', count: '3-7', wording: null, retracted: false, shape: null,
    };
    const first = { ...row, figure: 1, party_as_reported: 'civilians', count_form: 'exact', count: '0' };
    const gone = { ...row, claim_id: 'c2', retracted: true };
    const input = parseClaimsInput([row, gone, first].map((r) => JSON.stringify(r)).join('\n'));
    expect(input.notes).toEqual(['left out 1 retracted claim(s): c2']);
    expect(input.items).toEqual([
      {
        incident: { country: 'ML', startDate: '2024-07-25', key: 'k', lat: -0.5 },
        claimant: { name: 'JNIM', kind: 'armed_group' },
        via: [{ name: 'A > B', kind: 'media' }, { name: 'AFP', kind: 'media' }],
        statedAt: '2024-07-28',
        figures: [
          { party: 'civilians', outcome: 'killed', count: { exact: 0 } },
          { party: 'FAMa', outcome: 'killed', count: { min: 3, max: 7 } },
        ],
      },
    ]);
    // One line of it is a whole JSON document too.
    expect(parseClaimsInput(JSON.stringify(first)).items).toHaveLength(1);
    expect((parseClaimsInput(JSON.stringify(first)).items[0] as { figures: unknown[] }).figures).toEqual([{ party: 'civilians', outcome: 'killed', count: { exact: 0 } }]);
  });

  it('names the line of a bad NDJSON line', () => {
    const lines = [claim, claim, claim, claim, claim, claim].map((c) => JSON.stringify(c));
    lines.splice(6, 0, '{"claimant": oops}');
    expect(() => parseClaimsInput(lines.join('\n'))).toThrow(InputError);
    expect(() => parseClaimsInput(lines.join('\n'))).toThrow(/^line 7: /);
  });

  it('names the line of a syntax error in a pretty-printed document when the parser gives its position', () => {
    const text = '[\n  {\n    "statedAt": "2024-07-28"\n    "claimant": {}\n  }\n]';
    expect(() => parseClaimsInput(text)).toThrow(/^line 4: Expected ','/);
    expect(() => parseClaimsInput('[\n  {"statedAt": }\n]')).toThrow(/^invalid JSON: Unexpected token/);
  });

  it('rejects empty input, a bare value, and "claims" that is not an array', () => {
    expect(() => parseClaimsInput(' \n ')).toThrow(/empty/);
    expect(() => parseClaimsInput('42')).toThrow(/expected a claim object/);
    expect(() => parseClaimsInput('{"claims": {}}')).toThrow(/"claims" must be an array/);
  });

  it('ignores a byte-order mark', () => {
    expect(parseClaimsInput(`\uFEFF${JSON.stringify(claim)}`).items).toEqual([claim]);
  });
});

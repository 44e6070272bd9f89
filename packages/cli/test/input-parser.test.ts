import { describe, expect, it } from 'vitest';
import { InputError, parseClaimsInput } from '../src/input-parser.js';

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

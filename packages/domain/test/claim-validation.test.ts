import { describe, it, expect } from 'vitest';
import { formatPath, LIMITS, TERMS, validateClaim, type FieldError } from '../src/index.js';
import { chars, contractExampleClaim, minimalClaim, registry, START_DATE } from './helpers.js';

/** Validates, expects a rejection, and returns the errors. */
function rejected(input: unknown, partyKey?: (name: string) => string): FieldError[] {
  const v = validateClaim(input, partyKey);
  if (v.ok) throw new Error(`expected a rejection, but the claim was accepted: ${JSON.stringify(input)}`);
  expect(v.errors.length).toBeGreaterThan(0);
  for (const e of v.errors) {
    expect(typeof e.path).toBe('string');
    expect(e.path.length).toBeGreaterThan(0);
    expect(e.message.trim().length).toBeGreaterThan(0);
  }
  return v.errors;
}

/** Expects a rejection with an error at exactly `path` whose message matches `message`. */
function expectError(input: unknown, path: string, message: RegExp, partyKey?: (name: string) => string): FieldError {
  const errors = rejected(input, partyKey);
  const hit = errors.find((e) => e.path === path);
  expect(hit, `no error at ${path}; got ${JSON.stringify(errors)}`).toBeDefined();
  expect(hit!.message).toMatch(message);
  return hit!;
}

function accepted(input: unknown, partyKey?: (name: string) => string) {
  const v = validateClaim(input, partyKey);
  if (!v.ok) throw new Error(`expected the claim to be accepted, got ${JSON.stringify(v.errors)}`);
  return v.claim;
}

/** A minimal claim changed by `mutate`. */
function withChange(mutate: (c: Record<string, any>) => void): Record<string, any> {
  const c = minimalClaim();
  mutate(c);
  return c;
}

describe('validateClaim: valid claims', () => {
  it('accepts the example claim of the contract, unchanged', () => {
    const input = contractExampleClaim();
    const claim = accepted(input);
    expect(claim).toEqual(input);
  });

  it('accepts the example claim when figures are checked by canonical party', () => {
    expect(validateClaim(contractExampleClaim(), registry.partyKey).ok).toBe(true);
  });

  it('accepts a minimal claim (only the required fields)', () => {
    expect(accepted(minimalClaim()).figures).toHaveLength(1);
  });

  const counts: Array<[string, unknown]> = [
    ['exact', { exact: 14 }],
    ['exact 0 (a denial)', { exact: 0 }],
    ['min', { min: 91 }],
    ['max', { max: 30 }],
    ['min and max', { min: 25, max: 82 }],
    ['min equal to max', { min: 7, max: 7 }],
    ['approx', { approx: 50 }],
    ...TERMS.map((t): [string, unknown] => [`term ${t}`, { term: t }]),
  ];
  it.each(counts)('accepts the count form %s', (_label, count) => {
    const claim = accepted(withChange((c) => (c.figures[0].count = count)));
    expect(claim.figures[0]!.count).toEqual(count);
  });

  it('accepts every actor kind for claimant, relays and partyKind', () => {
    const kinds = ['state_forces', 'foreign_forces', 'pmc', 'armed_group', 'rebel_group', 'militia', 'government', 'un', 'ngo', 'monitor', 'media', 'civilians', 'anonymous', 'other'];
    for (const kind of kinds) {
      const input = withChange((c) => {
        c.claimant.kind = kind;
        c.via = [{ name: 'AFP', kind }];
        c.figures[0].partyKind = kind;
      });
      expect(validateClaim(input).ok, kind).toBe(true);
    }
  });

  it('accepts every outcome', () => {
    const outcomes = ['killed', 'wounded', 'captured', 'missing', 'killed_or_wounded', 'killed_or_captured'];
    const input = withChange((c) => {
      c.figures = outcomes.map((outcome) => ({ party: 'FAMa', outcome, count: { exact: 1 } }));
    });
    expect(accepted(input, registry.partyKey).figures.map((f) => f.outcome)).toEqual(outcomes);
  });

  it('accepts YYYY-MM incident dates', () => {
    const claim = accepted(
      withChange((c) => {
        c.incident.startDate = '2024-07';
        c.incident.endDate = '2024-08';
        c.statedAt = '2024-07-01';
      }),
    );
    expect(claim.incident.startDate).toBe('2024-07');
    expect(claim.incident.endDate).toBe('2024-08');
  });

  it('accepts an end date that is the start date, and a month end date containing the start day', () => {
    expect(validateClaim(withChange((c) => (c.incident.endDate = START_DATE))).ok).toBe(true);
    expect(validateClaim(withChange((c) => (c.incident.endDate = '2024-07'))).ok).toBe(true);
  });

  it.each(['2024-08-01T10:00:00Z', '2024-08-01T10:00:00+02:00', '2024-08-01T10:00:00.123-05:30', '2024-08-01T10:00Z'])(
    'accepts statedAt as a date-time with an offset: %s',
    (statedAt) => {
      expect(accepted(withChange((c) => (c.statedAt = statedAt))).statedAt).toBe(statedAt);
    },
  );

  it('accepts statedAt on the start date itself', () => {
    expect(validateClaim(withChange((c) => (c.statedAt = START_DATE))).ok).toBe(true);
  });

  it('accepts strings of exactly 500 characters and an excerpt of exactly 10,000', () => {
    const input = withChange((c) => {
      c.incident.title = chars(500);
      c.claimant.name = chars(500, 'b');
      c.figures[0].wording = chars(500, 'c');
      c.source = { excerpt: chars(LIMITS.maxExcerpt, 'd') };
    });
    expect(validateClaim(input).ok).toBe(true);
  });

  it('accepts tab, line feed and carriage return in text', () => {
    expect(validateClaim(withChange((c) => (c.figures[0].wording = 'line one\n\tline two\r\n'))).ok).toBe(true);
  });

  it('accepts non-Latin and accented names', () => {
    expect(validateClaim(withChange((c) => (c.claimant.name = 'Forces Armées Maliennes — القوات'))).ok).toBe(true);
  });
});



describe('validateClaim: a root that is not a claim object', () => {
  it.each<[string, unknown]>([
    ['an array', [minimalClaim()]],
    ['a string', 'a claim'],
    ['null', null],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects %s at (root)', (_label, input) => {
    expectError(input, '(root)', /object/);
  });
});

describe('validateClaim: missing required fields', () => {
  it.each<[string, (c: Record<string, any>) => void]>([
    ['incident', (c) => delete c.incident],
    ['incident.country', (c) => delete c.incident.country],
    ['incident.startDate', (c) => delete c.incident.startDate],
    ['claimant', (c) => delete c.claimant],
    ['claimant.name', (c) => delete c.claimant.name],
    ['statedAt', (c) => delete c.statedAt],
    ['figures', (c) => delete c.figures],
    ['figures[0].party', (c) => delete c.figures[0].party],
    ['figures[0].count', (c) => delete c.figures[0].count],
  ])('rejects a claim without %s', (path, mutate) => {
    expectError(withChange(mutate), path, /is required/);
  });

  // A missing closed-vocabulary field is reported with the list of allowed values.
  it.each<[string, (c: Record<string, any>) => void]>([
    ['claimant.kind', (c) => delete c.claimant.kind],
    ['figures[0].outcome', (c) => delete c.figures[0].outcome],
  ])('rejects a claim without %s, listing the allowed values', (path, mutate) => {
    expectError(withChange(mutate), path, /required|must be one of/);
  });

  it('reports every missing field at once', () => {
    const errors = rejected({ incident: {}, claimant: {} });
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['incident.country', 'incident.startDate', 'claimant.name', 'claimant.kind', 'statedAt', 'figures']),
    );
  });
});

describe('validateClaim: figures', () => {
  it('rejects an empty figures list', () => {
    expectError(withChange((c) => (c.figures = [])), 'figures', /at least one/);
  });

  it(`rejects more than ${LIMITS.maxFigures} figures`, () => {
    const input = withChange((c) => {
      c.figures = Array.from({ length: LIMITS.maxFigures + 1 }, (_, i) => ({ party: `party ${i}`, outcome: 'killed', count: { exact: i } }));
    });
    expectError(input, 'figures', /at most/);
  });

  it('rejects an unknown outcome', () => {
    expectError(withChange((c) => (c.figures[0].outcome = 'neutralised')), 'figures[0].outcome', /must be one of .*killed_or_captured/);
  });

  it('rejects an empty or blank party', () => {
    expectError(withChange((c) => (c.figures[0].party = '')), 'figures[0].party', /empty/);
    expectError(withChange((c) => (c.figures[0].party = '   ')), 'figures[0].party', /empty/);
  });

  it('rejects an unknown partyKind', () => {
    expectError(withChange((c) => (c.figures[0].partyKind = 'army')), 'figures[0].partyKind', /must be one of/);
  });

  it('rejects two figures for the same (party, outcome), naming the second', () => {
    const input = withChange((c) => {
      c.figures = [
        { party: 'Wagner Group', outcome: 'killed', count: { exact: 2 } },
        { party: 'Wagner Group', outcome: 'killed', count: { exact: 3 } },
      ];
    });
    const e = expectError(input, 'figures[1]', /figures\[0\]/);
    expect(e.message).toMatch(/killed/);
  });

  it('accepts the same party with different outcomes, and different parties with the same outcome', () => {
    const input = withChange((c) => {
      c.figures = [
        { party: 'Wagner Group', outcome: 'killed', count: { exact: 2 } },
        { party: 'Wagner Group', outcome: 'wounded', count: { exact: 3 } },
        { party: 'FAMa', outcome: 'killed', count: { exact: 3 } },
      ];
    });
    expect(validateClaim(input, registry.partyKey).ok).toBe(true);
  });

  it('rejects duplicates by canonical party when registry.partyKey is given, accepts them without', () => {
    const input = withChange((c) => {
      c.figures = [
        { party: 'FAMa', outcome: 'killed', count: { exact: 2 } },
        { party: 'Malian troops', outcome: 'killed', count: { exact: 3 } },
      ];
    });
    const e = expectError(input, 'figures[1]', /Malian troops/, registry.partyKey);
    expect(e.message).toMatch(/figures\[0\]/);
    expect(validateClaim(input).ok).toBe(true);
  });

  it('folds unknown party names through partyKey too (case and accents)', () => {
    const input = withChange((c) => {
      c.figures = [
        { party: 'Katiba Sèrma', outcome: 'killed', count: { exact: 2 } },
        { party: 'katiba serma', outcome: 'killed', count: { exact: 3 } },
      ];
    });
    expectError(input, 'figures[1]', /repeats/, registry.partyKey);
  });
});

describe('validateClaim: counts', () => {
  const countError = (count: unknown, path: string, message: RegExp) =>
    expectError(withChange((c) => (c.figures[0].count = count)), path, message);

  it('rejects two count forms at once', () => {
    const e = countError({ exact: 1, approx: 2 }, 'figures[0].count', /exactly one count form/);
    expect(e.message).toMatch(/exact, approx/);
  });

  it.each<[unknown]>([[{ exact: 1, min: 1 }], [{ approx: 3, term: 'many' }], [{ max: 3, term: 'a_few' }], [{ exact: 1, max: 2 }], [{ min: 1, max: 2, approx: 2 }]])(
    'rejects the mixed count form %j',
    (count) => {
      countError(count, 'figures[0].count', /exactly one count form/);
    },
  );

  it('rejects an empty count {}', () => {
    countError({}, 'figures[0].count', /one count form/);
  });

  it('rejects min greater than max', () => {
    const errors = rejected(withChange((c) => (c.figures[0].count = { min: 5, max: 2 })));
    const e = errors.find((x) => x.path.startsWith('figures[0].count'));
    expect(e, JSON.stringify(errors)).toBeDefined();
    expect(e!.message).toMatch(/min/);
  });

  it.each(['exact', 'min', 'max', 'approx'])('rejects a negative %s', (form) => {
    countError({ [form]: -1 }, `figures[0].count.${form}`, /≥ 0/);
  });

  it('rejects a huge number (1e20, beyond safe integers)', () => {
    countError({ exact: 1e20 }, 'figures[0].count.exact', /whole number/);
  });

  it('rejects an unknown count key', () => {
    countError({ exact: 1, about: 2 }, 'figures[0].count.about', /not a field/);
  });

  it('rejects an unknown term', () => {
    countError({ term: 'lots' }, 'figures[0].count.term', /must be one of .*a_few/);
  });

  it('rejects a count that is not an object', () => {
    expect(rejected(withChange((c) => (c.figures[0].count = 5))).map((e) => e.path)).toContain('figures[0].count');
  });

  // The reason given for a number that is present but not a whole number must say so:
  // "is required" would tell the submitter the field is missing when it is not.
  it.each<[string, unknown]>([
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects a %s number with a reason about the number, not "is required"', (_label, n) => {
    const e = countError({ exact: n }, 'figures[0].count.exact', /whole number/);
    expect(e.message).not.toMatch(/required/);
  });

  it('rejects a number given as a string with a reason other than "is required"', () => {
    const errors = rejected(withChange((c) => (c.figures[0].count = { exact: '5' })));
    const e = errors.find((x) => x.path === 'figures[0].count.exact');
    expect(e).toBeDefined();
    expect(e!.message).not.toMatch(/required/);
  });
});

describe('validateClaim: actors and kinds', () => {
  it('rejects an unknown claimant kind', () => {
    expectError(withChange((c) => (c.claimant.kind = 'army')), 'claimant.kind', /must be one of .*state_forces/);
  });

  it('rejects an unknown relay kind', () => {
    expectError(withChange((c) => (c.via = [{ name: 'AFP', kind: 'news' }])), 'via[0].kind', /must be one of/);
  });

  it('names the failing relay by index', () => {
    const input = withChange((c) => (c.via = [{ name: 'SITE', kind: 'monitor' }, { name: 'AFP' }]));
    expectError(input, 'via[1].kind', /required|must be one of/);
  });

  it(`rejects more than ${LIMITS.maxVia} relays`, () => {
    const input = withChange((c) => (c.via = Array.from({ length: LIMITS.maxVia + 1 }, () => ({ name: 'AFP', kind: 'media' }))));
    expectError(input, 'via', /at most/);
  });

  it('rejects a claimant given as a string with a reason other than "is required"', () => {
    const e = expectError(withChange((c) => (c.claimant = 'FAMa')), 'claimant', /object/);
    expect(e.message).not.toMatch(/required/);
  });

  it('rejects a blank claimant name', () => {
    expectError(withChange((c) => (c.claimant.name = ' \t ')), 'claimant.name', /empty/);
  });
});

describe('validateClaim: dates', () => {
  it.each(['2024-02-30', '2024-13', '24-01-01', '2024-1-5', '2024-00', '2024/07/25', '2024-07-25T00:00:00Z', 'July 2024', '0999-01-01'])(
    'rejects the incident start date %s',
    (d) => {
      expectError(withChange((c) => (c.incident.startDate = d)), 'incident.startDate', /YYYY-MM/);
    },
  );

  it.each(['2024-02-30', '2024-13', '24-01-01'])('rejects the incident end date %s', (d) => {
    expectError(withChange((c) => (c.incident.endDate = d)), 'incident.endDate', /YYYY-MM/);
  });

  it('accepts 29 February in a leap year and rejects it otherwise', () => {
    expect(validateClaim(withChange((c) => ((c.incident.startDate = '2024-02-29'), (c.statedAt = '2024-03-01')))).ok).toBe(true);
    expectError(withChange((c) => ((c.incident.startDate = '2023-02-29'), (c.statedAt = '2023-03-01'))), 'incident.startDate', /calendar date/);
  });

  it.each(['2024-02-30', '2024-08', '2024-08-01T25:00:00Z', '2024-08-01T10:00:00', '2024-08-01 10:00:00Z', 'yesterday', '2024-08-01T10:60:00Z'])(
    'rejects statedAt %s',
    (d) => {
      expectError(withChange((c) => (c.statedAt = d)), 'statedAt', /date/);
    },
  );

  it('rejects statedAt before the incident start date', () => {
    expectError(withChange((c) => (c.statedAt = '2024-07-24')), 'statedAt', /before incident\.startDate/);
  });

  it('rejects a date-time statedAt before the start date', () => {
    expectError(withChange((c) => (c.statedAt = '2024-07-24T23:59:59Z')), 'statedAt', /before/);
  });

  it('rejects statedAt before the first day of a month start date', () => {
    expectError(withChange((c) => ((c.incident.startDate = '2024-07'), (c.statedAt = '2024-06-30'))), 'statedAt', /before/);
  });

  it('rejects an end date before the start date', () => {
    expectError(withChange((c) => (c.incident.endDate = '2024-07-24')), 'incident.endDate', /before incident\.startDate/);
    expectError(withChange((c) => (c.incident.endDate = '2024-06')), 'incident.endDate', /before/);
  });

  it('rejects an invalid publishedAt', () => {
    expectError(withChange((c) => (c.source = { publishedAt: '2024-02-30' })), 'source.publishedAt', /date/);
  });
});

describe('validateClaim: country', () => {
  it.each(['ml', 'XX', 'MLI', 'Mali', '', 'M'])('rejects the country %j', (country) => {
    expectError(withChange((c) => (c.incident.country = country)), 'incident.country', /ISO 3166-1 alpha-2/);
  });

  it.each(['ML', 'NE', 'BF', 'FR'])('accepts the country %s', (country) => {
    expect(validateClaim(withChange((c) => (c.incident.country = country))).ok).toBe(true);
  });
});

describe('validateClaim: string limits and control characters', () => {
  it.each<[string, (c: Record<string, any>, s: string) => void]>([
    ['incident.title', (c, s) => (c.incident.title = s)],
    ['incident.location', (c, s) => (c.incident.location = s)],
    ['incident.admin1', (c, s) => (c.incident.admin1 = s)],
    ['incident.key', (c, s) => (c.incident.key = s)],
    ['claimant.name', (c, s) => (c.claimant.name = s)],
    ['via[0].name', (c, s) => (c.via = [{ name: s, kind: 'media' }])],
    ['source.publisher', (c, s) => (c.source = { publisher: s })],
    ['source.title', (c, s) => (c.source = { title: s })],
    ['figures[0].party', (c, s) => (c.figures[0].party = s)],
    ['figures[0].wording', (c, s) => (c.figures[0].wording = s)],
  ])('rejects %s over 500 characters', (path, set) => {
    expectError(withChange((c) => set(c, chars(501))), path, /at most 500 characters/);
  });

  it('rejects source.excerpt over 10,000 characters', () => {
    expectError(withChange((c) => (c.source = { excerpt: chars(LIMITS.maxExcerpt + 1) })), 'source.excerpt', /at most 10000 characters/);
  });

  it('rejects a source URL over 500 characters', () => {
    expectError(withChange((c) => (c.source = { url: `https://example.org/${chars(490)}` })), 'source.url', /500/);
  });

  it.each<[string, string]>([
    ['NUL', 'FA\u0000Ma'],
    ['bell', 'FA\u0007Ma'],
    ['escape', '\u001b[31mFAMa'],
    ['DEL', 'FAMa\u007f'],
    ['vertical tab', 'FA\u000bMa'],
  ])('rejects a %s character in a name', (_label, s) => {
    expectError(withChange((c) => (c.claimant.name = s)), 'claimant.name', /control characters/);
  });

  it('rejects control characters in wording, excerpt and incident text', () => {
    expectError(withChange((c) => (c.figures[0].wording = 'killed\u0000 12')), 'figures[0].wording', /control/);
    expectError(withChange((c) => (c.source = { excerpt: 'a\u0001b' })), 'source.excerpt', /control/);
    expectError(withChange((c) => (c.incident.location = 'Tin\u0000zaouaten')), 'incident.location', /control/);
  });

  it('rejects lone surrogates, which are not text, and accepts U+FFFD and real surrogate pairs', () => {
    expectError(withChange((c) => (c.incident.key = 'k-\ud800')), 'incident.key', /well-formed Unicode/);
    expectError(withChange((c) => (c.claimant.name = 'JNIM \udfff')), 'claimant.name', /well-formed Unicode/);
    expect(validateClaim(withChange((c) => (c.incident.key = 'k-\ufffd'))).ok).toBe(true);
    expect(validateClaim(withChange((c) => (c.figures[0].wording = 'killed \ud83d\ude00'))).ok).toBe(true);
  });

  it('rejects a key with surrounding white space', () => {
    expectError(withChange((c) => (c.incident.key = ' ml-1 ')), 'incident.key', /white space/);
  });

  it('rejects a source URL that is not http(s)', () => {
    expectError(withChange((c) => (c.source = { url: 'javascript:alert(1)' })), 'source.url', /http/);
    expectError(withChange((c) => (c.source = { url: 'not a url' })), 'source.url', /http/);
  });

  it('rejects lat/lon outside the globe', () => {
    expectError(withChange((c) => (c.incident.lat = 91)), 'incident.lat', /-90 and 90/);
    expectError(withChange((c) => (c.incident.lon = -181)), 'incident.lon', /-180 and 180/);
  });
});

describe('validateClaim: unknown fields', () => {
  it.each<[string, (c: Record<string, any>) => void]>([
    ['incident.foo', (c) => (c.incident.foo = 1)],
    ['foo', (c) => (c.foo = 'bar')],
    ['claimant.side', (c) => (c.claimant.side = 'mali-state')],
    ['figures[0].note', (c) => (c.figures[0].note = 'x')],
    ['via[0].url', (c) => (c.via = [{ name: 'AFP', kind: 'media', url: 'https://afp.com' }])],
    ['source.author', (c) => (c.source = { author: 'x' })],
    ['figures[0].count.about', (c) => (c.figures[0].count = { exact: 1, about: 1 })],
  ])('rejects the unknown field %s', (path, mutate) => {
    expectError(withChange(mutate), path, /not a field/);
  });

  it('names every unknown key separately', () => {
    const errors = rejected(withChange((c) => ((c.incident.foo = 1), (c.incident.bar = 2))));
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['incident.foo', 'incident.bar']));
  });

  it('rejects a JSON "__proto__" key as an unknown field', () => {
    const input: unknown = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(minimalClaim()).slice(1)}`);
    expectError(input, '__proto__', /not a field/);
  });
});

describe('validateClaim: never half-applies', () => {
  it('does not mutate its input', () => {
    const input = contractExampleClaim();
    const before = JSON.stringify(input);
    validateClaim(input, registry.partyKey);
    validateClaim({ ...input, statedAt: 'nope' });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('returns only errors (no claim) on a rejection', () => {
    const v = validateClaim(withChange((c) => (c.statedAt = 'nope')));
    expect(v.ok).toBe(false);
    expect('claim' in v).toBe(false);
  });
});

describe('formatPath', () => {
  it('formats zod paths the way the contract names fields', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['figures', 0, 'count'])).toBe('figures[0].count');
    expect(formatPath(['incident', 'country'])).toBe('incident.country');
    expect(formatPath(['via', 2, 'kind'])).toBe('via[2].kind');
  });
});

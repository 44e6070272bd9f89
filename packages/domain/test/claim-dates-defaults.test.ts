import { describe, expect, it } from 'vitest';
import { defaultsErrors, digestOf, latestDayFor, validateClaim, withDefaults } from '../src/index.js';

const base = {
  incident: { key: 'ml-x', country: 'ML', startDate: '2024-07-25' },
  claimant: { name: 'JNIM', kind: 'armed_group' },
  statedAt: '2024-07-28',
  figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: 50 } }],
};
const TODAY = Date.UTC(2026, 11, 2, 15, 0); // 2026-12-02T15:00Z
const opts = { latestDay: latestDayFor(TODAY) };
const errorsOf = (c: unknown) => {
  const v = validateClaim(c, undefined, opts);
  return v.ok ? [] : v.errors;
};

describe('dates after tomorrow (UTC) are rejected', () => {
  it('accepts today and tomorrow, rejects the day after, naming the field', () => {
    expect(errorsOf({ ...base, statedAt: '2026-12-03' })).toEqual([]);
    expect(errorsOf({ ...base, statedAt: '2026-12-03T23:59:59Z' })).toEqual([]);
    expect(errorsOf({ ...base, statedAt: '2026-12-04' })).toEqual([{ path: 'statedAt', message: 'must not be in the future (after 2026-12-03, today in UTC plus one day)' }]);
    expect(errorsOf({ ...base, statedAt: '2031-01-01' })[0]?.path).toBe('statedAt');
    expect(errorsOf({ ...base, source: { publishedAt: '2027-01-01' } })[0]?.path).toBe('source.publishedAt');
    expect(errorsOf({ ...base, incident: { ...base.incident, startDate: '2027-01' }, statedAt: '2027-01-02' }).map((e) => e.path)).toEqual(['statedAt', 'incident.startDate']);
    expect(errorsOf({ ...base, incident: { ...base.incident, endDate: '2026-12-05' } })[0]?.path).toBe('incident.endDate');
  });

  it('compares date-times as instants: a late hour behind UTC is the next day, and past 9999 is the future', () => {
    // 2026-12-03T23:00-05:00 is 2026-12-04T04:00Z: after tomorrow.
    expect(errorsOf({ ...base, statedAt: '2026-12-03T23:00:00-05:00' })[0]?.path).toBe('statedAt');
    expect(errorsOf({ ...base, statedAt: '9999-12-31T23:00:00-05:00' })[0]?.path).toBe('statedAt');
  });

  it('checks nothing without a clock (pure callers)', () => {
    expect(validateClaim({ ...base, statedAt: '2031-01-01' }).ok).toBe(true);
  });
});

describe('errors that teach', () => {
  it('names the count forms, with an example, for a count written as text', () => {
    const errors = errorsOf({ ...base, figures: [{ party: 'Wagner', outcome: 'killed', count: 'about 50' }] });
    expect(errors).toEqual([{ path: 'figures[0].count', message: 'count must be an object such as {"exact": 50}, {"approx": 50} or {"min": 50}' }]);
  });

  it('names a count form put beside count as a count form', () => {
    const errors = errorsOf({ ...base, figures: [{ party: 'Wagner', outcome: 'killed', exact: 50 }] });
    expect(errors).toContainEqual({ path: 'figures[0].exact', message: expect.stringMatching(/^is a count form: put it inside the figure's count, e\.g\. "count": \{"exact": …\}/) });
    expect(errors).toContainEqual({ path: 'figures[0].count', message: 'is required' });
  });
});

describe('batch defaults', () => {
  const defaults = { source: { publisher: 'AFP', url: 'https://example.org/a' }, incident: { key: 'ml-x', country: 'ML', startDate: '2024-07-25' }, statedAt: '2024-07-28' };

  it('merges each claim with the defaults, its own fields winning, to the claim written out in full', () => {
    const short = { claimant: base.claimant, figures: base.figures, incident: { title: 'Ambush' }, source: { excerpt: 'killed 50' } };
    const full = {
      ...base,
      incident: { ...base.incident, title: 'Ambush' },
      source: { publisher: 'AFP', url: 'https://example.org/a', excerpt: 'killed 50' },
    };
    const merged = withDefaults(defaults, short);
    expect(digestOf(merged)).toBe(digestOf(full));
    expect(withDefaults(defaults, { ...short, statedAt: '2024-07-30' })).toMatchObject({ statedAt: '2024-07-30' });
  });

  it('refuses defaults that are not an object of the four fields', () => {
    expect(defaultsErrors([])).toEqual([{ path: 'defaults', message: 'must be an object with some of source, via, incident, statedAt' }]);
    expect(defaultsErrors({ claimant: {}, source: 'AFP' }).map((e) => e.path)).toEqual(['defaults.claimant', 'defaults.source']);
  });
});

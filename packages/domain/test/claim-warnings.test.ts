import { describe, expect, it } from 'vitest';
import { ActorRegistry, claimWarnings, suggestActors, validateClaim, type Claim } from '../src/index.js';

const registry = ActorRegistry.create();
const claimOf = (over: Record<string, unknown>, party = 'Wagner'): Claim => {
  const v = validateClaim({
    incident: { country: 'ML', startDate: '2024-07-25' },
    claimant: { name: 'JNIM', kind: 'armed_group' },
    statedAt: '2024-07-28',
    figures: [{ party, outcome: 'killed', count: { exact: 50 } }],
    ...over,
  });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.claim;
};

describe('warnings on accepted claims', () => {
  it('suggests registry names for a typo, by spelling and by shared words', () => {
    expect(suggestActors(registry, 'Wagnr mercenaries')[0]).toBe('Wagner Group');
    expect(suggestActors(registry, 'Islamic State Sahil')[0]).toBe('Islamic State Sahel');
    const [w] = claimWarnings(claimOf({}, 'Wagnr mercenaries'), registry);
    expect(w).toMatchObject({ path: 'figures[0].party', code: 'unknown_actor', suggestions: ['Wagner Group'] });
    expect(w!.message).toContain('did you mean "Wagner Group"');
  });

  it('says when a party joins several actors', () => {
    const [w] = claimWarnings(claimOf({}, 'Malian army and Wagner'), registry);
    expect(w).toMatchObject({ path: 'figures[0].party', code: 'several_actors' });
    expect(w!.message).toContain('Malian Armed Forces, Wagner Group');
  });

  it('says when a statement is dated after its source was published, comparing instants', () => {
    expect(claimWarnings(claimOf({ statedAt: '2024-08-03', source: { publishedAt: '2024-08-02' } }), registry)).toEqual([
      expect.objectContaining({ path: 'statedAt', code: 'stated_after_published' }),
    ]);
    // The same day, or a time within the published day, is no warning.
    expect(claimWarnings(claimOf({ statedAt: '2024-08-02T18:00:00Z', source: { publishedAt: '2024-08-02' } }), registry)).toEqual([]);
    expect(claimWarnings(claimOf({ statedAt: '2024-08-02T09:00:00+02:00', source: { publishedAt: '2024-08-02T08:00:00Z' } }), registry)).toEqual([]);
  });

  it('is silent for known names and for "unspecified"', () => {
    expect(claimWarnings(claimOf({}, 'unspecified'), registry)).toEqual([]);
    expect(claimWarnings(claimOf({}, 'Malian troops'), registry)).toEqual([]);
  });
});

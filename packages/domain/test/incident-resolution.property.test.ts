import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestOf,
  emptyCuration,
  endNotBeforeStart,
  Gazetteer,
  incidentFactsOf,
  MAX_AUTO_SPAN_DAYS,
  resolveIncidents,
  validateClaim,
  type IncidentFacts,
} from '../src/index.js';
import { permutation, scenarioArb } from './incident-arbitrary.js';

const gazetteer = Gazetteer.create();

function factsOf(raw: Record<string, unknown>): IncidentFacts {
  const v = validateClaim(raw);
  if (!v.ok) throw new Error(`the generator made an invalid claim: ${JSON.stringify(v.errors)}`);
  const place = v.claim.incident.location ? gazetteer.resolve(v.claim.incident.country, v.claim.incident.location) : null;
  return incidentFactsOf(digestOf(v.claim), v.claim, place);
}

describe('incident resolution is a function of the set of claims (property)', () => {
  it('gives the same incidents, ids and fields for every order of the same claims', () => {
    fc.assert(
      fc.property(scenarioArb(30), fc.integer({ min: 1, max: 2 ** 31 }), ({ claims }, seed) => {
        const facts = claims.map(factsOf);
        const shuffled = permutation(facts.length, seed).map((i) => facts[i]!);
        expect(resolveIncidents(shuffled, emptyCuration())).toEqual(resolveIncidents(facts, emptyCuration()));
      }),
      { numRuns: 300 },
    );
  });

  it('puts every claim in exactly one incident, never ends one before it starts, and bounds automatic ones', () => {
    fc.assert(
      fc.property(scenarioArb(30), ({ claims }) => {
        const facts = claims.map(factsOf);
        const incidents = [...resolveIncidents(facts, emptyCuration()).values()];
        const placed = incidents.flatMap((i) => i.claimIds).sort();
        expect(placed).toEqual([...new Set(facts.map((f) => f.id))].sort());
        for (const i of incidents) {
          if (i.endDate !== null) expect(endNotBeforeStart(i.startDate, i.endDate)).toBe(true);
          expect(i.lastDay).toBeGreaterThanOrEqual(i.firstDay);
          const members = facts.filter((f) => i.claimIds.includes(f.id));
          const oneSpan = members.every((m) => m.first === members[0]!.first && m.last === members[0]!.last);
          if (!i.anchor && !oneSpan) expect(i.lastDay - i.firstDay + 1).toBeLessThanOrEqual(MAX_AUTO_SPAN_DAYS);
          if (i.needsReview) expect(i.candidates.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ActorRegistry, digestOf, resolveClaim, validateClaim, type Claim } from '../src/index.js';

const ukraine = JSON.parse(readFileSync(new URL('../../../examples/actors-ukraine.json', import.meta.url), 'utf8')) as unknown;
const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const claim = (country: string, startDate: string, claimant: [string, string], party: string): Claim => {
  const v = validateClaim({
    incident: { country, startDate },
    claimant: { name: claimant[0], kind: claimant[1] },
    statedAt: startDate,
    figures: [{ party, outcome: 'killed', count: { exact: 5 } }],
  });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.claim;
};

describe('actors scoped to countries and dates', () => {
  it('does not read a Mali alias into another war: "Russian forces" in Ukraine is not Africa Corps', () => {
    const reg = ActorRegistry.create();
    expect(reg.lookup('Russian forces', { country: 'ML', day: day('2024-07-25') })?.id).toBe('africa-corps');
    expect(reg.lookup('Russian forces', { country: 'ML', day: day('2019-01-01') })).toBeUndefined();
    expect(reg.lookup('Russian forces', { country: 'UA', day: day('2023-03-01') })).toBeUndefined();
    const c = claim('UA', '2023-03-01', ['Ukrainian General Staff', 'government'], 'Russian forces');
    expect(resolveClaim(digestOf(c), c, reg).figures[0]!.party).toMatchObject({ id: 'russian-forces', name: 'Russian forces' });
  });

  it('with examples/actors-ukraine.json, the same name in Ukraine is the Russian armed forces, and Mali keeps Africa Corps', () => {
    const reg = ActorRegistry.create(ukraine);
    const ua = claim('UA', '2023-03-01', ['Ukrainian General Staff', 'government'], 'Russian forces');
    const r = resolveClaim(digestOf(ua), ua, reg);
    expect(r.claimant.id).toBe('ukrainian-general-staff');
    expect(r.figures[0]).toMatchObject({ party: { id: 'russian-armed-forces' }, perspective: 'adversary' });
    expect(reg.lookup('Russian forces', { country: 'ML', day: day('2024-07-25') })?.id).toBe('africa-corps');
  });

  it('an extension file may override a default alias for everywhere, instead of failing', () => {
    const reg = ActorRegistry.create({ actors: [{ id: 'new-army', name: 'New army', kind: 'state_forces', aliases: ['Malian troops'] }] });
    expect(reg.lookup('Malian troops', { country: 'ML', day: day('2024-01-01') })?.id).toBe('new-army');
    expect(reg.lookup('FAMa', { country: 'ML', day: day('2024-01-01') })?.id).toBe('fama');
  });

  it('counts French forces and the Malian state as allies only while the alliance held', () => {
    const reg = ActorRegistry.create();
    const during = claim('ML', '2020-05-01', ['Barkhane', 'foreign_forces'], 'Malian soldiers');
    const after = claim('ML', '2023-05-01', ['Barkhane', 'foreign_forces'], 'Malian soldiers');
    expect(resolveClaim(digestOf(during), during, reg).figures[0]!.perspective).toBe('ally');
    expect(resolveClaim(digestOf(after), after, reg).figures[0]!.perspective).toBe('adversary');
    expect(reg.allied('france', 'mali-state', day('2022-08-31'))).toBe(true);
    expect(reg.allied('france', 'mali-state', day('2022-09-01'))).toBe(false);
  });

  it('lists every alias with its scope', () => {
    const reg = ActorRegistry.create();
    const scoped = [...reg.aliases()].find((a) => a.alias === 'Russian forces')!;
    expect(scoped.actor.id).toBe('africa-corps');
    expect(scoped.scope).toMatchObject({ from: '2021-12' });
    expect(scoped.scope.countries).toContain('ML');
  });
});

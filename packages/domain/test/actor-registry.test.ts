import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ActorRegistry, RegistryError, resolveClaim, digestOf, type ActorKind, type Perspective } from '../src/index.js';
import { makeClaim, fig } from './helpers.js';

const registry = ActorRegistry.create();

const idOf = (name: string): string | undefined => registry.lookup(name)?.id;

describe('ActorRegistry: aliases of the contract', () => {
  it.each<[string[], string]>([
    [['FAMa', 'Malian army', 'malian TROOPS', 'Malian soldiers', 'MALIAN ARMY', 'fama', 'Forces Armées Maliennes', 'forces armees maliennes'], 'fama'],
    [['Wagner', 'Wagner mercenaries', 'Wagner Group', 'wagner group', 'WAGNER'], 'wagner-group'],
    [['GSIM', 'JNIM', 'jnim', 'Gsim'], 'jnim'],
    [['CSP-PSD', 'CSP-DPA', 'csp psd', 'CSP PSD', 'csp-dpa', 'CSPPSD'], 'csp-psd'],
    [['terrorists', 'jihadists', 'Islamist militants', 'TERRORISTS', 'Jihadists'], 'unidentified-militants'],
  ])('folds %j to one actor (%s)', (names, id) => {
    for (const n of names) expect(idOf(n), n).toBe(id);
  });

  it('is case- and accent-insensitive for any alias (property)', () => {
    const pairs: Array<[string, string]> = [
      ['Malian soldiers', 'fama'],
      ['Forces Armées Maliennes', 'fama'],
      ['État islamique au Grand Sahara', 'isgs'],
      ['Wagner mercenaries', 'wagner-group'],
      ['Groupe de soutien à l\'islam et aux musulmans', 'jnim'],
      ['Élysée', 'government-of-france'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), fc.boolean(), ([name, id], upper, stripAccents) => {
        let variant = [...name].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
        if (stripAccents) variant = variant.normalize('NFD').replace(/\p{M}/gu, '');
        expect(registry.lookup(variant)?.id).toBe(id);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores surrounding white space and punctuation variants', () => {
    expect(idOf('  FAMa  ')).toBe('fama');
    expect(idOf('Malian  army')).toBe('fama');
    expect(idOf('Al Mourabitoun')).toBe('al-mourabitoun');
  });

  it('resolves a known alias to the canonical name and kind, whatever kind was submitted', () => {
    const a = registry.resolve('Malian troops', 'other');
    expect(a).toEqual({ id: 'fama', name: 'Malian Armed Forces', kind: 'state_forces', side: 'mali-state', known: true });
  });
});

describe('ActorRegistry: the actors the default registry must cover', () => {
  it.each<[string, string, ActorKind]>([
    ['FAMa', 'fama', 'state_forces'],
    ['Government of Mali', 'government-of-mali', 'government'],
    ['Wagner Group', 'wagner-group', 'pmc'],
    ['Africa Corps', 'africa-corps', 'foreign_forces'],
    ['JNIM', 'jnim', 'armed_group'],
    ['AQIM', 'aqim', 'armed_group'],
    ['Katiba Macina', 'katiba-macina', 'armed_group'],
    ['ISGS', 'isgs', 'armed_group'],
    ['EIGS', 'isgs', 'armed_group'],
    ['IS Sahel', 'isgs', 'armed_group'],
    ['MUJAO', 'mujao', 'armed_group'],
    ['Al-Mourabitoun', 'al-mourabitoun', 'armed_group'],
    ['Signatories in Blood', 'al-mourabitoun', 'armed_group'],
    ['CSP-PSD', 'csp-psd', 'rebel_group'],
    ['MNLA', 'mnla', 'rebel_group'],
    ['MINUSMA', 'minusma', 'un'],
    ['OHCHR', 'ohchr', 'un'],
    ['French forces', 'french-forces', 'foreign_forces'],
    ['Barkhane', 'french-forces', 'foreign_forces'],
    ['Serval', 'french-forces', 'foreign_forces'],
    ['Human Rights Watch', 'human-rights-watch', 'ngo'],
    ['SITE Intelligence Group', 'site-intelligence-group', 'monitor'],
    ['civilians', 'civilians', 'civilians'],
    ['unidentified militants', 'unidentified-militants', 'armed_group'],
  ])('knows %s (→ %s, %s)', (name, id, kind) => {
    const a = registry.lookup(name);
    expect(a, name).toBeDefined();
    expect(a!.id).toBe(id);
    expect(a!.kind).toBe(kind);
    expect(a!.known).toBe(true);
    expect(registry.get(id)).toEqual(a);
  });

  it('puts FAMa, Wagner Group and the Government of Mali on one side', () => {
    const sides = ['FAMa', 'Wagner Group', 'Government of Mali'].map((n) => registry.lookup(n)!.side);
    expect(sides[0]).not.toBeNull();
    expect(new Set(sides).size).toBe(1);
  });

  it('gives every belligerent a side and no independent actor a kind of belligerent', () => {
    for (const n of ['FAMa', 'Wagner', 'JNIM', 'AQIM', 'ISGS', 'CSP-PSD', 'MNLA', 'Africa Corps', 'Katiba Macina', 'MUJAO']) {
      expect(registry.lookup(n)!.side, n).not.toBeNull();
    }
    for (const n of ['Human Rights Watch', 'SITE Intelligence Group', 'OHCHR', 'civilians']) {
      expect(registry.lookup(n)!.side, n).toBeNull();
    }
  });

  it('has ids that are lower-case slugs', () => {
    expect(registry.size).toBeGreaterThanOrEqual(20);
    expect(registry.lookup('FAMa')!.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe('ActorRegistry: unknown names', () => {
  it('keeps an unknown name as its own actor with the given kind', () => {
    expect(registry.lookup('Katiba Serma')).toBeUndefined();
    expect(registry.resolve('Katiba Serma', 'armed_group')).toEqual({
      id: 'katiba-serma',
      name: 'Katiba Serma',
      kind: 'armed_group',
      side: null,
      known: false,
    });
  });

  it('gives an unknown name without a kind the kind "other"', () => {
    expect(registry.resolve('Someone').kind).toBe('other');
  });

  it('gives unknown names a stable id from the folded spelling', () => {
    expect(registry.resolve('  Katiba Sèrma ').id).toBe('katiba-serma');
    expect(registry.resolve('KATIBA SERMA').id).toBe('katiba-serma');
    expect(registry.resolve('  Katiba Sèrma ').name).toBe('Katiba Sèrma');
    expect(registry.partyKey('Katiba Sèrma')).toBe(registry.partyKey('katiba serma'));
  });

  // Anonymous sources are often described at length; two different descriptions are two claimants
  // ("an unknown name is kept as its own actor"), or one would supersede the other's statements.
  it('keeps two different unknown names apart even when their first 80 characters are the same', () => {
    const gao = 'a senior security official speaking to AFP on condition of anonymity for safety reasons, in Gao';
    const kidal = 'a senior security official speaking to AFP on condition of anonymity for safety reasons, in Kidal';
    expect(registry.resolve(gao, 'anonymous').id).not.toBe(registry.resolve(kidal, 'anonymous').id);
    expect(registry.partyKey(gao)).not.toBe(registry.partyKey(kidal));
  });

  it('never rejects a name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (name) => {
        const a = registry.resolve(name, 'other');
        expect(a.id).toMatch(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$|^x$/u);
        expect(registry.partyKey(name)).toBe(a.id);
      }),
      { numRuns: 300 },
    );
  });

  it('partyKey is the canonical id for known names', () => {
    expect(registry.partyKey('FAMa')).toBe('fama');
    expect(registry.partyKey('Malian troops')).toBe('fama');
  });
});

describe('ActorRegistry: extension', () => {
  const extension = {
    sides: [{ id: 'new-front', name: 'A new front' }],
    actors: [
      { id: 'katiba-serma', name: 'Katiba Serma', kind: 'armed_group', side: 'jnim', aliases: ['Serma brigade'] },
      { id: 'new-front-fighters', name: 'New Front', kind: 'rebel_group', side: 'new-front', aliases: ['NF'] },
      { id: 'fama', name: 'Malian Armed Forces', kind: 'state_forces', side: 'mali-state', aliases: ['Malian Defence Forces'] },
    ],
  };

  it('adds actors and aliases, keeping the defaults', () => {
    const reg = ActorRegistry.create(extension);
    expect(reg.lookup('serma BRIGADE')?.id).toBe('katiba-serma');
    expect(reg.lookup('Katiba Serma')?.known).toBe(true);
    expect(reg.lookup('nf')?.id).toBe('new-front-fighters');
    expect(reg.lookup('Malian Defence Forces')?.id).toBe('fama');
    // the defaults are still there
    expect(reg.lookup('Malian troops')?.id).toBe('fama');
    expect(reg.lookup('GSIM')?.id).toBe('jnim');
    expect(reg.size).toBe(registry.size + 2);
  });

  it('lets extended actors take part in perspectives', () => {
    const reg = ActorRegistry.create(extension);
    const serma = reg.resolve('Katiba Serma');
    expect(reg.perspective(reg.resolve('JNIM'), serma)).toBe('ally');
    expect(reg.perspective(serma, reg.resolve('FAMa'))).toBe('adversary');
    expect(reg.perspective(reg.resolve('NF'), reg.resolve('JNIM'))).toBe('adversary');
  });

  it('does not change the default registry or other instances', () => {
    ActorRegistry.create(extension);
    const fresh = ActorRegistry.create();
    expect(fresh.lookup('Serma brigade')).toBeUndefined();
    expect(fresh.size).toBe(registry.size);
  });

  it('applies several extensions in turn', () => {
    const reg = ActorRegistry.create(
      { actors: [{ id: 'a-group', name: 'A group', kind: 'militia' }] },
      { actors: [{ id: 'a-group', name: 'A group', kind: 'militia', aliases: ['the A'] }] },
    );
    expect(reg.lookup('the a')?.id).toBe('a-group');
    expect(reg.lookup('A group')?.id).toBe('a-group');
  });

  it.each<[string, unknown, RegExp]>([
    ['an id that is not a slug', { actors: [{ id: 'Bad Id', name: 'x', kind: 'militia' }] }, /actors\.0\.id: must be a lower-case slug/],
    ['an unknown kind', { actors: [{ id: 'x-y', name: 'x', kind: 'army' }] }, /actors\.0\.kind/],
    ['a missing name', { actors: [{ id: 'x-y', kind: 'militia' }] }, /actors\.0\.name/],
    ['an unknown field', { actors: [{ id: 'x-y', name: 'x', kind: 'militia', colour: 'red' }] }, /actors\.0/],
    ['not an object', 'hello', /\(root\)/],
    [
      'one alias for two actors in the same file and scope',
      { actors: [{ id: 'a-army', name: 'A army', kind: 'state_forces', aliases: ['the army'] }, { id: 'b-army', name: 'B army', kind: 'state_forces', aliases: ['the army'] }] },
      /alias "the army" of "b-army" already names "a-army"/,
    ],
    ['a scope date that is not a date', { actors: [{ id: 'x-y', name: 'x', kind: 'militia', aliases: [{ alias: 'y', from: 'soon' }] }] }, /from/],
    ['an undefined side', { actors: [{ id: 'new-army', name: 'New army', kind: 'state_forces', side: 'nowhere' }] }, /side "nowhere", which no "sides" entry defines/],
    ['a side id that is not a slug', { sides: [{ id: 'Bad Side', name: 'x' }] }, /sides\.0\.id/],
  ])('rejects an extension with %s, with a readable RegistryError', (_label, ext, message) => {
    let caught: unknown;
    try {
      ActorRegistry.create(ext);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RegistryError);
    const err = caught as RegistryError;
    expect(err.name).toBe('RegistryError');
    expect(err.message).toMatch(/registry extension 1/);
    expect(err.message).toMatch(message);
  });

  it('rejects an actor whose side is only mentioned as an ally, never defined by a "sides" entry', () => {
    const ext = {
      sides: [{ id: 'a-side', name: 'A side', allies: ['ghost-side'] }],
      actors: [{ id: 'ghost-group', name: 'Ghost group', kind: 'militia', side: 'ghost-side' }],
    };
    expect(() => ActorRegistry.create(ext)).toThrow(RegistryError);
  });

  it('names which extension is bad', () => {
    expect(() => ActorRegistry.create({ actors: [] }, { actors: [{ id: 'Bad', name: 'x', kind: 'militia' }] })).toThrow(/registry extension 2/);
  });
});

describe('ActorRegistry: perspective (CONTRACT.md section 2)', () => {
  const p = (claimant: string, party: string, claimantKind?: ActorKind, partyKind?: ActorKind): Perspective =>
    registry.perspective(registry.resolve(claimant, claimantKind), registry.resolve(party, partyKind));

  it('self: the same actor, through different aliases', () => {
    expect(p('FAMa', 'Malian troops')).toBe('self');
    expect(p('CSP-DPA', 'CSP-PSD')).toBe('self');
    expect(p('JNIM', 'GSIM')).toBe('self');
  });

  it('self: an unknown actor speaking of itself', () => {
    expect(p('Katiba Serma', 'katiba serma', 'armed_group', 'armed_group')).toBe('self');
  });

  it.each<[string, string]>([
    ['FAMa', 'Wagner'],
    ['Wagner', 'FAMa'],
    ['Government of Mali', 'Wagner mercenaries'],
    ['Wagner Group', 'Government of Mali'],
    ['Government of Mali', 'Malian soldiers'],
    ['FAMa', 'Africa Corps'],
    ['JNIM', 'AQIM'],
    ['CSP-PSD', 'MNLA'],
  ])('ally: %s speaking of %s', (claimant, party) => {
    expect(p(claimant, party)).toBe('ally');
  });

  it.each<[string, string]>([
    ['JNIM', 'FAMa'],
    ['JNIM', 'Wagner'],
    ['FAMa', 'terrorists'],
    ['CSP-PSD', 'Wagner Group'],
    ['Government of Mali', 'CSP-DPA'],
    ['ISGS', 'JNIM'],
    ['Wagner', 'jihadists'],
  ])('adversary: %s speaking of %s', (claimant, party) => {
    expect(p(claimant, party)).toBe('adversary');
  });

  it.each<[string, ActorKind | undefined, string]>([
    ['MINUSMA', undefined, 'FAMa'],
    ['OHCHR', undefined, 'civilians'],
    ['Human Rights Watch', undefined, 'Wagner'],
    ['SITE Intelligence Group', undefined, 'JNIM'],
    ['AFP', undefined, 'unspecified'],
    ['Some local radio', 'media', 'FAMa'],
    ['A monitoring project', 'monitor', 'JNIM'],
    ['An NGO', 'ngo', 'civilians'],
    ['A UN panel', 'un', 'Wagner'],
  ])('independent: %s (%s) speaking of %s', (claimant, kind, party) => {
    expect(p(claimant, party, kind)).toBe('independent');
  });

  it.each<[string, string]>([
    ['FAMa', 'civilians'],
    ['JNIM', 'villagers'],
    ['Wagner', 'civilians'],
    ['CSP-PSD', 'residents'],
  ])('belligerent: %s speaking of %s', (claimant, party) => {
    expect(p(claimant, party)).toBe('belligerent');
  });

  it('belligerent: a belligerent speaking of an unknown party declared as civilians', () => {
    expect(p('FAMa', 'people of Moura', undefined, 'civilians')).toBe('belligerent');
  });

  it.each<[string, ActorKind | undefined, string, ActorKind | undefined]>([
    ['a security source', 'anonymous', 'FAMa', undefined],
    ['a local official', 'anonymous', 'civilians', undefined],
    ['FAMa', undefined, 'unspecified', undefined],
    ['JNIM', undefined, 'unspecified', undefined],
    ['civilians', undefined, 'FAMa', undefined],
  ])('unknown: %s (%s) speaking of %s', (claimant, kind, party, partyKind) => {
    expect(p(claimant, party, kind, partyKind)).toBe('unknown');
  });

  it('is decided per figure by resolveClaim', () => {
    const claim = makeClaim({
      claimant: 'JNIM',
      statedAt: '2024-07-28',
      figures: [
        fig('JNIM', 'killed', { exact: 3 }),
        fig('AQIM', 'wounded', { exact: 1 }),
        fig('FAMa', 'killed', { exact: 10 }),
        fig('Wagner mercenaries', 'killed', { exact: 50 }),
        fig('civilians', 'killed', { exact: 0 }),
        fig('unspecified', 'captured', { term: 'many' }),
      ],
    });
    const r = resolveClaim(digestOf(claim), claim, registry);
    expect(r.claimant).toEqual({ id: 'jnim', name: 'JNIM', kind: 'armed_group' });
    expect(r.figures.map((f) => [f.party.id, f.perspective])).toEqual([
      ['jnim', 'self'],
      ['aqim', 'ally'],
      ['fama', 'adversary'],
      ['wagner-group', 'adversary'],
      ['civilians', 'belligerent'],
      ['unspecified', 'unknown'],
    ]);
    expect(r.figures[3]!.partyAsReported).toBe('Wagner mercenaries');
    expect(r.figures[3]!.party.name).toBe('Wagner Group');
  });
});

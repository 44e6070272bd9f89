import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Gazetteer } from '../src/index.js';

const gazetteer = Gazetteer.create();

describe('Gazetteer', () => {
  it.each(['Tinzaouaten', 'Tinzaouatene', 'Tin Zaouatene', 'Tinzawaten', 'TIN-ZAOUATÈNE', 'tin zaouatène', '  Tinzaouaten  ', 'Tin-Zaouaten'])(
    'folds %j to Tinzaouaten',
    (spelling) => {
      const place = gazetteer.resolve('ML', spelling);
      expect(place).toEqual({ id: 'ml-tinzaouaten', name: 'Tinzaouaten', country: 'ML', admin1: 'Kidal', known: true });
    },
  );

  it('folds other known places and their aliases', () => {
    expect(gazetteer.resolve('ML', 'Tombouctou').id).toBe('ml-timbuktu');
    expect(gazetteer.resolve('ML', 'timbuktu').id).toBe('ml-timbuktu');
    expect(gazetteer.resolve('ML', "Aguel'hoc").id).toBe('ml-aguelhok');
    expect(gazetteer.resolve('ML', 'Anefis').id).toBe('ml-anefis');
    expect(gazetteer.resolve('ML', 'Anéfis').id).toBe('ml-anefis');
  });

  it('does not match the same name in another country', () => {
    const place = gazetteer.resolve('NE', 'Tinzaouaten');
    expect(place.known).toBe(false);
    expect(place.id).not.toBe('ml-tinzaouaten');
    expect(place.id).toBe('ne-tinzaouaten');
    expect(place.country).toBe('NE');
  });

  it('keeps an unknown place under a stable id from its folded spelling (spaces, case, accents ignored)', () => {
    const spellings = ['Nowhere Ville', 'nowhereville', 'NOWHÈRE  VILLE', ' Nowhere-Ville '];
    const ids = spellings.map((s) => gazetteer.resolve('ML', s).id);
    expect(new Set(ids)).toEqual(new Set(['ml-nowhereville']));
    const place = gazetteer.resolve('ML', ' Nowhere Ville ');
    expect(place).toEqual({ id: 'ml-nowhereville', name: 'Nowhere Ville', country: 'ML', admin1: null, known: false });
  });

  it('gives different unknown places different ids', () => {
    expect(gazetteer.resolve('ML', 'Alpha').id).not.toBe(gazetteer.resolve('ML', 'Beta').id);
  });

  it('is stable and insensitive to case and accents for any unknown name (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), fc.boolean(), (name, upper) => {
        const a = gazetteer.resolve('BF', name);
        const variant = upper ? name.toUpperCase() : name.toLowerCase().replace(/e/g, 'é');
        const b = gazetteer.resolve('BF', variant);
        expect(b.id).toBe(a.id);
        expect(a.id.startsWith('bf-')).toBe(true);
        expect(gazetteer.resolve('BF', name)).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('can be extended with more places', () => {
    const g = Gazetteer.create({ places: [{ id: 'ne-tillaberi', country: 'NE', name: 'Tillabéri', aliases: ['Tillaberi', 'Tillabery'] }] });
    expect(g.resolve('NE', 'TILLABERY')).toMatchObject({ id: 'ne-tillaberi', known: true });
    expect(g.resolve('ML', 'Tinzawaten').id).toBe('ml-tinzaouaten');
  });

  it('rejects a malformed extension', () => {
    expect(() => Gazetteer.create({ places: [{ id: 'Bad', country: 'ne', name: 'x' }] })).toThrow();
  });
});

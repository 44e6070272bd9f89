import { z } from 'zod';
import defaultData from './registry-data/places.json' with { type: 'json' };
import { foldTight, slug } from './text.js';

/** A canonical place. Unknown places are kept under their own folded spelling. */
export interface Place {
  id: string;
  name: string;
  country: string;
  admin1: string | null;
  known: boolean;
}

const PlaceEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/),
  country: z.string().regex(/^[A-Z]{2}$/),
  name: z.string().min(1),
  admin1: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  aliases: z.array(z.string().min(1)).default([]),
});
const GazetteerDataSchema = z.strictObject({ places: z.array(PlaceEntrySchema) });

/**
 * The gazetteer (CONTRACT.md section 3): folds spellings, accents, case and spaces of place names
 * within a country, so Tinzaouaten, Tinzaouatene, Tin Zaouatene and Tinzawaten are one place.
 */
export class Gazetteer {
  private readonly byKey = new Map<string, Place>();

  static create(...extensions: unknown[]): Gazetteer {
    const g = new Gazetteer();
    g.add(defaultData);
    for (const e of extensions) g.add(e);
    return g;
  }

  add(input: unknown): void {
    const data = GazetteerDataSchema.parse(input);
    for (const p of data.places) {
      const place: Place = { id: p.id, name: p.name, country: p.country, admin1: p.admin1 ?? null, known: true };
      for (const alias of [p.name, ...p.aliases]) this.byKey.set(`${p.country}|${foldTight(alias)}`, place);
    }
  }

  /** The canonical place for a location as written, in a country. */
  resolve(country: string, location: string): Place {
    const known = this.byKey.get(`${country}|${foldTight(location)}`);
    if (known) return known;
    return {
      id: `${country.toLowerCase()}-${slug(foldTight(location))}`,
      name: location.trim(),
      country,
      admin1: null,
      known: false,
    };
  }
}

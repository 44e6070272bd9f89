import { z } from 'zod';
import defaultData from './registry-data/actors.json' with { type: 'json' };
import { fold, foldTight, slug } from './text.js';
import { ACTOR_KINDS, BELLIGERENT_KINDS, INDEPENDENT_KINDS, UNSPECIFIED_PARTY, type ActorKind, type Perspective } from './vocab.js';

/** A canonical actor. `side` is set for belligerents only. */
export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  side: string | null;
  /** false for a name the registry did not know: it is kept as its own actor. */
  known: boolean;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;


/** A belligerent: an actor with a side, or one whose kind fights (its side unknown). */
export function isBelligerent(actor: Actor): boolean {
  return actor.side !== null || BELLIGERENT_KINDS.has(actor.kind);
}

const SideSchema = z.strictObject({
  id: z.string().regex(SLUG, { error: 'must be a lower-case slug like "mali-state"' }),
  name: z.string().min(1),
  allies: z.array(z.string()).optional(),
});

const ActorEntrySchema = z.strictObject({
  id: z.string().regex(SLUG, { error: 'must be a lower-case slug like "wagner-group"' }),
  name: z.string().min(1).max(500),
  kind: z.enum(ACTOR_KINDS),
  side: z.string().optional(),
  aliases: z.array(z.string().min(1).max(500)).default([]),
});

export const RegistryDataSchema = z.strictObject({
  sides: z.array(SideSchema).default([]),
  actors: z.array(ActorEntrySchema).default([]),
});
export type RegistryData = z.input<typeof RegistryDataSchema>;

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/**
 * The actor registry (CONTRACT.md section 2): canonicalises names through case- and
 * accent-insensitive aliases and decides the perspective of every figure.
 */
export class ActorRegistry {
  private readonly byId = new Map<string, Actor>();
  private readonly byAlias = new Map<string, string>();
  private readonly allies = new Map<string, Set<string>>();
  /** The aliases of each actor as written. */
  private readonly namesById = new Map<string, Set<string>>();

  /** The default registry, extended (never narrowed) by each of `extensions` in turn. */
  static create(...extensions: unknown[]): ActorRegistry {
    const reg = new ActorRegistry();
    reg.add(defaultData, 'the default registry');
    extensions.forEach((e, i) => reg.add(e, `registry extension ${i + 1}`));
    return reg;
  }

  /** Adds sides and actors; an entry whose id exists already adds aliases and may change its fields. */
  add(input: unknown, label: string): void {
    const parsed = RegistryDataSchema.safeParse(input);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new RegistryError(`${label} is not a valid actor registry:\n${lines.join('\n')}`);
    }
    const defined = new Set([...this.allies.keys(), ...parsed.data.sides.map((side) => side.id)]);
    for (const side of parsed.data.sides) {
      for (const ally of side.allies ?? []) {
        if (!defined.has(ally)) throw new RegistryError(`${label}: side "${side.id}" names ally "${ally}", which no "sides" entry defines`);
      }
    }
    for (const side of parsed.data.sides) {
      const set = this.allies.get(side.id) ?? new Set<string>();
      this.allies.set(side.id, set);
      for (const ally of side.allies ?? []) {
        set.add(ally);
        const back = this.allies.get(ally) ?? new Set<string>();
        back.add(side.id);
        this.allies.set(ally, back);
      }
    }
    for (const entry of parsed.data.actors) {
      if (entry.side !== undefined && !this.allies.has(entry.side)) {
        throw new RegistryError(`${label}: actor "${entry.id}" names side "${entry.side}", which no "sides" entry defines`);
      }
      const actor: Actor = { id: entry.id, name: entry.name, kind: entry.kind, side: entry.side ?? null, known: true };
      this.byId.set(actor.id, actor);
      const names = this.namesById.get(actor.id) ?? new Set<string>();
      this.namesById.set(actor.id, names);
      for (const alias of [entry.name, ...entry.aliases]) names.add(alias);
      for (const alias of [entry.id, entry.name, ...entry.aliases]) {
        for (const key of new Set([fold(alias), foldTight(alias)])) {
          const owner = this.byAlias.get(key);
          if (owner !== undefined && owner !== actor.id) {
            throw new RegistryError(`${label}: alias "${alias}" of "${actor.id}" already names "${owner}"`);
          }
          this.byAlias.set(key, actor.id);
        }
      }
    }
  }

  /** Every alias (names and ids included) with its actor, for suggestions and listings. */
  *aliases(): Generator<{ alias: string; actor: Actor }> {
    for (const [id, names] of this.namesById) {
      const actor = this.byId.get(id);
      if (actor) for (const alias of names) yield { alias, actor };
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Actor | undefined {
    return this.byId.get(id);
  }

  /** The registered actor a name stands for, if any. */
  lookup(name: string): Actor | undefined {
    const id = this.byAlias.get(fold(name)) ?? this.byAlias.get(foldTight(name));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /**
   * The canonical actor for a name. An unknown name is kept as its own actor (id from its
   * folded spelling), with the kind the submitter gave, or `other`.
   */
  resolve(name: string, kind?: ActorKind): Actor {
    const known = this.lookup(name);
    if (known) return known;
    return { id: slug(name), name: name.trim(), kind: kind ?? 'other', side: null, known: false };
  }

  /** The canonical id a party name stands for (for one-figure-per-party checks). */
  partyKey = (name: string): string => this.lookup(name)?.id ?? slug(name);

  /** Whether two sides are the same or allied. */
  allied(a: string, b: string): boolean {
    return a === b || (this.allies.get(a)?.has(b) ?? false);
  }

  /**
   * The perspective of a figure from the claimant towards the party (CONTRACT.md section 2). Sides
   * may be declared allied in the registry (French forces and the Malian state, 2013-2022): allied
   * sides count as one side. A belligerent whose side is unknown (an unregistered armed group) is
   * `belligerent` towards civilians and `unknown` towards other belligerents.
   */
  perspective(claimant: Actor, party: Actor): Perspective {
    if (claimant.id === party.id) return 'self';
    if (INDEPENDENT_KINDS.has(claimant.kind)) return 'independent';
    if (claimant.side !== null && party.side !== null) {
      return this.allied(claimant.side, party.side) ? 'ally' : 'adversary';
    }
    if (isBelligerent(claimant) && party.kind === 'civilians') return 'belligerent';
    return 'unknown';
  }
}

export { UNSPECIFIED_PARTY };

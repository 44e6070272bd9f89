import { z } from 'zod';
import defaultData from './registry-data/actors.json' with { type: 'json' };
import { dayRange, isPartialDate } from './dates.js';
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

const SCOPE_DATE = z.string().refine((v) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) && isPartialDate(v.length === 4 ? `${v}-01` : v), {
  error: 'must be a year YYYY, a month YYYY-MM or a date YYYY-MM-DD',
});
const COUNTRY = z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. ML' });
/** Where and when a name (or an actor, or an alliance) holds: countries, and a from/to range. */
const ScopeFields = { countries: z.array(COUNTRY).min(1).optional(), from: SCOPE_DATE.optional(), to: SCOPE_DATE.optional() };

const SideSchema = z.strictObject({
  id: z.string().regex(SLUG, { error: 'must be a lower-case slug like "mali-state"' }),
  name: z.string().min(1),
  /** Allied sides: an id, or `{ "side", "from", "to" }` for an alliance that began or ended. */
  allies: z.array(z.union([z.string(), z.strictObject({ side: z.string(), from: SCOPE_DATE.optional(), to: SCOPE_DATE.optional() })])).optional(),
});

const AliasSchema = z.union([z.string().min(1).max(500), z.strictObject({ alias: z.string().min(1).max(500), ...ScopeFields })]);

const ActorEntrySchema = z.strictObject({
  id: z.string().regex(SLUG, { error: 'must be a lower-case slug like "wagner-group"' }),
  name: z.string().min(1).max(500),
  kind: z.enum(ACTOR_KINDS),
  side: z.string().optional(),
  /** Scopes every alias of the actor (an alias's own scope fields replace these). */
  ...ScopeFields,
  aliases: z.array(AliasSchema).default([]),
});

export const RegistryDataSchema = z.strictObject({
  sides: z.array(SideSchema).default([]),
  actors: z.array(ActorEntrySchema).default([]),
});
export type RegistryData = z.input<typeof RegistryDataSchema>;

/** Where and when a name is used: the incident's country and first day (epoch days). */
export interface ActorContext {
  country: string;
  day: number;
}

/** A scope: countries (null: all) and a day range (null: open). */
export interface Scope {
  countries: string[] | null;
  from: string | null;
  to: string | null;
}

interface AliasEntry {
  actorId: string;
  alias: string;
  countries: Set<string> | null;
  from: number | null;
  to: number | null;
  scope: Scope;
  /** Later entries (extension files) win over earlier ones of the same specificity. */
  order: number;
  label: string;
}

const firstDayOf = (v: string): number => dayRange(v.length === 4 ? `${v}-01` : v).first;
const lastDayOf = (v: string): number => (v.length === 4 ? dayRange(`${v}-12`).last : dayRange(v).last);

function inScope(e: Pick<AliasEntry, 'countries' | 'from' | 'to'>, at: ActorContext): boolean {
  return (e.countries === null || e.countries.has(at.country)) && (e.from === null || at.day >= e.from) && (e.to === null || at.day <= e.to);
}
const specificity = (e: AliasEntry): number => (e.countries !== null ? 2 : 0) + (e.from !== null || e.to !== null ? 1 : 0);
const sameScope = (a: AliasEntry, b: AliasEntry): boolean =>
  a.from === b.from && a.to === b.to && JSON.stringify(a.scope.countries?.slice().sort() ?? null) === JSON.stringify(b.scope.countries?.slice().sort() ?? null);

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/**
 * The actor registry (CONTRACT.md section 2): canonicalises names through case- and
 * accent-insensitive aliases and decides the perspective of every figure.
 */
export class ActorRegistry {
  private readonly byId = new Map<string, Actor>();
  private readonly byAlias = new Map<string, AliasEntry[]>();
  /** side → ally → the days the alliance holds (null: always). */
  private readonly allies = new Map<string, Map<string, { from: number | null; to: number | null }>>();
  private readonly sideIds = new Set<string>();
  /** The aliases of each actor as written, with their scopes. */
  private readonly namesById = new Map<string, Map<string, Scope>>();
  private order = 0;

  /** The default registry, extended by each of `extensions` in turn (which may re-scope or override its aliases). */
  static create(...extensions: unknown[]): ActorRegistry {
    const reg = new ActorRegistry();
    reg.add(defaultData, 'the default registry');
    extensions.forEach((e, i) => reg.add(e, `registry extension ${i + 1}`));
    return reg;
  }

  /**
   * Adds sides and actors; an entry whose id exists already adds aliases and may change its fields.
   * An alias that another file gave another actor with the same scope is overridden by this one; in
   * one file it is an error. Aliases with other scopes stand side by side: the most specific match
   * for an incident's country and date wins.
   */
  add(input: unknown, label: string): void {
    const parsed = RegistryDataSchema.safeParse(input);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new RegistryError(`${label} is not a valid actor registry:\n${lines.join('\n')}`);
    }
    const defined = new Set([...this.sideIds, ...parsed.data.sides.map((side) => side.id)]);
    for (const side of parsed.data.sides) {
      for (const a of side.allies ?? []) {
        const ally = typeof a === 'string' ? a : a.side;
        if (!defined.has(ally)) throw new RegistryError(`${label}: side "${side.id}" names ally "${ally}", which no "sides" entry defines`);
      }
    }
    for (const side of parsed.data.sides) {
      this.sideIds.add(side.id);
      for (const a of side.allies ?? []) {
        const ally = typeof a === 'string' ? a : a.side;
        const span = typeof a === 'string' ? { from: null, to: null } : { from: a.from ? firstDayOf(a.from) : null, to: a.to ? lastDayOf(a.to) : null };
        for (const [x, y] of [[side.id, ally], [ally, side.id]] as const) {
          const m = this.allies.get(x) ?? new Map();
          m.set(y, span);
          this.allies.set(x, m);
        }
      }
    }
    for (const entry of parsed.data.actors) {
      if (entry.side !== undefined && !this.sideIds.has(entry.side)) {
        throw new RegistryError(`${label}: actor "${entry.id}" names side "${entry.side}", which no "sides" entry defines`);
      }
      const actor: Actor = { id: entry.id, name: entry.name, kind: entry.kind, side: entry.side ?? null, known: true };
      this.byId.set(actor.id, actor);
      const names = this.namesById.get(actor.id) ?? new Map<string, Scope>();
      this.namesById.set(actor.id, names);
      const actorScope = { countries: entry.countries, from: entry.from, to: entry.to };
      const aliases = [entry.id, entry.name, ...entry.aliases].map((a) =>
        typeof a === 'string' ? { alias: a, ...actorScope } : { ...actorScope, ...a },
      );
      for (const a of aliases) {
        const scope: Scope = { countries: a.countries ?? null, from: a.from ?? null, to: a.to ?? null };
        if (a.alias !== entry.id) names.set(a.alias, scope);
        const e: AliasEntry = {
          actorId: actor.id,
          alias: a.alias,
          countries: a.countries ? new Set(a.countries) : null,
          from: a.from ? firstDayOf(a.from) : null,
          to: a.to ? lastDayOf(a.to) : null,
          scope,
          order: this.order++,
          label,
        };
        for (const key of new Set([fold(a.alias), foldTight(a.alias)])) {
          const list = this.byAlias.get(key) ?? [];
          const clash = list.find((o) => sameScope(o, e));
          if (clash && clash.actorId !== actor.id && clash.label === label) {
            throw new RegistryError(`${label}: alias "${a.alias}" of "${actor.id}" already names "${clash.actorId}" (give one of them a scope: countries, from, to)`);
          }
          // The same name with the same scope: this entry replaces the earlier one.
          this.byAlias.set(key, [...list.filter((o) => !sameScope(o, e)), e]);
        }
      }
    }
  }

  /** Every alias (names included) with its actor and scope, for suggestions and listings. */
  *aliases(): Generator<{ alias: string; actor: Actor; scope: Scope }> {
    for (const [id, names] of this.namesById) {
      const actor = this.byId.get(id);
      if (actor) for (const [alias, scope] of names) yield { alias, actor, scope };
    }
  }

  /** Every actor, in the order they were defined. */
  actors(): Actor[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Actor | undefined {
    return this.byId.get(id);
  }

  /**
   * The registered actor a name stands for, if any: for an incident's country and date (`at`), the
   * most specific alias in scope (countries, then dates; a later file wins a tie). Without `at`, an
   * unscoped alias first, else the latest scoped one.
   */
  lookup(name: string, at?: ActorContext): Actor | undefined {
    return this.lookupFolded(fold(name), at);
  }

  /** `lookup` for a name already folded (`fold(name)`): for callers that fold words once and try many spans. */
  lookupFolded(folded: string, at?: ActorContext): Actor | undefined {
    const list = this.byAlias.get(folded) ?? this.byAlias.get(folded.replace(/ /g, ''));
    if (!list || list.length === 0) return undefined;
    let best: AliasEntry | undefined;
    for (const e of list) {
      if (at && !inScope(e, at)) continue;
      const rank = (x: AliasEntry) => (at ? specificity(x) : -specificity(x));
      if (!best || rank(e) > rank(best) || (rank(e) === rank(best) && e.order > best.order)) best = e;
    }
    return best ? this.byId.get(best.actorId) : undefined;
  }

  /**
   * The canonical actor for a name. An unknown name is kept as its own actor (id from its
   * folded spelling), with the kind the submitter gave, or `other`.
   */
  resolve(name: string, kind?: ActorKind, at?: ActorContext): Actor {
    const known = this.lookup(name, at);
    if (known) return known;
    return { id: slug(name), name: name.trim(), kind: kind ?? 'other', side: null, known: false };
  }

  /** The canonical id a party name stands for (for one-figure-per-party checks). */
  partyKey = (name: string, at?: ActorContext): string => this.lookup(name, at)?.id ?? slug(name);

  /** Whether two sides are the same, or allied (on day `day`, for an alliance with dates). */
  allied(a: string, b: string, day?: number): boolean {
    if (a === b) return true;
    const span = this.allies.get(a)?.get(b);
    if (!span) return false;
    if (day === undefined) return true;
    return (span.from === null || day >= span.from) && (span.to === null || day <= span.to);
  }

  /**
   * The perspective of a figure from the claimant towards the party (CONTRACT.md section 2), on the
   * incident's date when given. Sides may be declared allied in the registry, for a time (French
   * forces and the Malian state, 2013 to 2022): allied sides count as one side. A belligerent whose
   * side is unknown (an unregistered armed group) is `belligerent` towards civilians and `unknown`
   * towards other belligerents.
   */
  perspective(claimant: Actor, party: Actor, at?: ActorContext): Perspective {
    if (claimant.id === party.id) return 'self';
    if (INDEPENDENT_KINDS.has(claimant.kind)) return 'independent';
    if (claimant.side !== null && party.side !== null) {
      return this.allied(claimant.side, party.side, at?.day) ? 'ally' : 'adversary';
    }
    if (isBelligerent(claimant) && party.kind === 'civilians') return 'belligerent';
    return 'unknown';
  }
}

export { UNSPECIFIED_PARTY };

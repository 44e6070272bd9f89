import type { Outcome, Term } from '@recon/domain';
import type { Language } from '../types.js';

/** How a modifier bends the number after it ("at least 14" → min 14; "more than 90" → min 91). */
export type Bound = 'min' | 'above' | 'max' | 'below' | 'approx';

/** A generic class of people a head noun names, when the registry does not know the phrase. */
export type PartyClass = 'soldiers' | 'civilians' | 'militants' | 'peacekeepers' | 'people' | 'others' | 'self' | 'role';

/**
 * The words of one language. Every phrase is written as it appears (any case, accents welcome): it
 * is folded like the text before matching. To add a language, copy `en.ts`, translate every list and
 * register the lexicon in `lexicons.ts`.
 */
export interface Lexicon {
  language: Language;
  /** Frequent words of the language, for detection. */
  functionWords: string[];
  /** Number words and their values: units, tens, "hundred", "thousand" (multipliers are in `multipliers`). */
  numbers: Record<string, number>;
  multipliers: Record<string, number>;
  /** Words joining number words ("one hundred and five", "vingt et un"). */
  numberJoiners: string[];
  /** Words that stand for an exact number with the article ("a dozen" → 12). */
  exactNouns: Record<string, number>;
  /** Words for about a number ("une quarantaine" → about 40). */
  approxNouns: Record<string, number>;
  /** Modifiers before a number. */
  bounds: Array<[phrase: string, bound: Bound]>;
  /** "between 10 and 30": the opening word and the joining word. */
  between: [open: string, join: string];
  /** "10 to 30": words joining a range. */
  rangeJoiners: string[];
  /** Words instead of a number ("several", "des dizaines de"); trailing "of"/"de" included. */
  terms: Array<[phrase: string, term: Term]>;
  /** Adjectives that make a loss noun a count of "many" ("heavy losses"). */
  heavy: string[];
  /** Words for "an unknown number of". */
  unknown: string[];
  /** Articles that make a singular noun a count of one ("a French soldier"). */
  singular: string[];
  /** Denials: the phrase, and the outcome denied ("no casualties" → killed_or_wounded 0). */
  denials: Array<[phrase: string, outcome: Outcome]>;
  /** Participles and verb forms after the casualties ("were killed"; "tués"). */
  passive: Array<[phrase: string, outcome: Outcome]>;
  /** Active verbs before the casualties ("killed six soldiers"; "ont tué"). */
  active: Array<[phrase: string, outcome: Outcome]>;
  /** Nouns of an outcome after a number ("20 deaths", "8 morts") or before "of" ("the death of"). */
  nouns: Array<[phrase: string, outcome: Outcome]>;
  /** Nouns taking "of" + the victim ("the death of", "l'assassinat de"): the victim is one person unless counted. */
  eventNouns: Array<[phrase: string, outcome: Outcome]>;
  /** Nouns of a toll that take a number after them ("a toll of 8", "le bilan s'est alourdi à 8"). */
  tolls: string[];
  /** Words between the casualties and the outcome that do not break them ("were", "have been", "ont été"). */
  auxiliaries: string[];
  /** "and". */
  and: string[];
  /** Speech and claim verbs after their subject ("said", "a affirmé"). */
  sayVerbs: string[];
  /** Verbs meaning a statement only when followed by one of `claimComplements` ("claimed responsibility"). */
  claimVerbs: string[];
  claimComplements: string[];
  /** "according to", "selon". */
  accordingTo: string[];
  /** Phrases after which the next actor relayed the statement ("told", "cited by", "emailed to"). */
  relays: string[];
  /** Pronouns and phrases that carry the last claimant on ("It added", "the source said", "Elle a ajouté"). */
  carriers: string[];
  /** Heads of documents: their maker is the claimant ("an army report", "a statement from JNIM"). */
  documents: string[];
  /** Heads of unnamed sources: "a security source", "des sources locales". */
  anonymous: string[];
  /** Heads of media: "Russian military blogs", "state television". */
  media: string[];
  /** "including 10", "dont 10": a part of the figure just stated. */
  subset: string[];
  /** Phrases saying a figure was an earlier one ("an earlier toll", "un premier bilan"). */
  earlier: string[];
  /** Words that end a noun phrase. */
  stopWords: string[];
  /** Determiners and quantifiers stripped from names. */
  determiners: string[];
  /** Possessives that point at the claimant ("its forces", "leurs rangs"). */
  possessives: string[];
  /** Head nouns of people and their class. */
  heads: Array<[phrase: string, cls: PartyClass]>;
  /** Head nouns that are never people (vehicles, distances, years, money). */
  notPeople: string[];
  /** "the group", "le groupe": the armed group last named. */
  groupAnaphora: string[];
  /** Nationality adjectives per country: the army of "French soldiers" is France's. */
  nationalities: Record<string, string[]>;
  /** How the lexicon says the army and the government of a country when it names no country. */
  army: string[];
  government: string[];
  /** Heads of officials who speak for a body ("the army spokesman", "le ministre de la Défense"): the body, else the government. */
  officials: string[];
  /** Weekdays, Sunday first; months, January first. */
  weekdays: string[];
  months: string[];
  /** Relative days: "yesterday" → -1. */
  relativeDays: Array<[phrase: string, days: number]>;
  /** Phrases of a year in the past ("last year"). */
  lastYear: string[];
  /** "the number of" between a count and its people ("brings to 28 the number of peacekeepers killed"). */
  numberOf: string[];
  /** Verbs that deny ("denied that soldiers had been taken prisoner"): what follows is a count of 0. */
  denyVerbs: string[];
  /** Words of none ("no civilian was killed", "aucun soldat n'a été tué"). */
  none: string[];
  /** Verbs whose subject owns the dead or wounded after them ("the assailants carried away about twenty dead"). */
  ownVerbs: string[];
  /** Labels before figures that say whose ("Côté ami :" → the claimant's own; "Côté ennemi :" → the enemy). */
  sideLabels: Array<[phrase: string, side: 'self' | 'enemy']>;
  /** Nouns of lives lost ("claimed thousands of lives"). */
  lives: string[];
  /** Phrases after a figure that make it the claimant's own ("in its ranks", "dans ses rangs"). */
  ownRanks: string[];
  /** Military ranks before a name ("le lieutenant-colonel Mamadou Konaté"): an officer speaks for the army. */
  ranks: string[];
  /** Phrases after an outcome noun that name whose ("… dead among the attackers", "… morts du côté des assaillants"). */
  partyLinks: string[];
}

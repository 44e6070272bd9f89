import type { Outcome, Term } from '@recon/domain';
import type { Bound, Lexicon, PartyClass } from './lexicon/lexicon.js';
import { PhraseTable } from './phrases.js';
import { normWord } from './tokens.js';

const set = (words: Iterable<string>) => new Set([...words].map(normWord));

/** A lexicon made ready for matching: every list a phrase table or a set of folded words. */
export function compile(lx: Lexicon) {
  return {
    numbers: new Map(Object.entries(lx.numbers).map(([w, v]) => [normWord(w), v])),
    multipliers: new Map(Object.entries(lx.multipliers).map(([w, v]) => [normWord(w), v])),
    numberJoiners: set(lx.numberJoiners),
    exactNouns: new Map(Object.entries(lx.exactNouns).map(([w, v]) => [normWord(w), v])),
    approxNouns: new Map(Object.entries(lx.approxNouns).map(([w, v]) => [normWord(w), v])),
    bounds: new PhraseTable<Bound>(lx.bounds),
    between: [normWord(lx.between[0]), normWord(lx.between[1])] as const,
    rangeJoiners: set(lx.rangeJoiners),
    terms: new PhraseTable<Term>(lx.terms),
    heavy: set(lx.heavy),
    unknown: PhraseTable.of(lx.unknown),
    singular: set(lx.singular),
    denials: new PhraseTable<Outcome>(lx.denials),
    passive: new PhraseTable<Outcome>(lx.passive),
    active: new PhraseTable<Outcome>(lx.active),
    nouns: new PhraseTable<Outcome>(lx.nouns),
    eventNouns: new PhraseTable<Outcome>(lx.eventNouns),
    tolls: PhraseTable.of(lx.tolls),
    auxiliaries: set(lx.auxiliaries),
    and: PhraseTable.of(lx.and),
    sayVerbs: PhraseTable.of(lx.sayVerbs),
    claimVerbs: set(lx.claimVerbs),
    claimComplements: set(lx.claimComplements),
    accordingTo: PhraseTable.of(lx.accordingTo),
    relays: PhraseTable.of(lx.relays),
    carriers: PhraseTable.of(lx.carriers),
    documents: PhraseTable.of(lx.documents),
    anonymous: PhraseTable.of(lx.anonymous),
    media: set(lx.media),
    subset: PhraseTable.of(lx.subset),
    earlier: PhraseTable.of(lx.earlier),
    stopWords: set(lx.stopWords),
    determiners: PhraseTable.of(lx.determiners),
    possessives: set(lx.possessives),
    heads: new PhraseTable<PartyClass>(lx.heads),
    notPeople: set(lx.notPeople),
    groupAnaphora: PhraseTable.of(lx.groupAnaphora),
    nationalities: new Map(Object.entries(lx.nationalities).flatMap(([country, words]) => words.map((w) => [normWord(w), country] as const))),
    army: PhraseTable.of(lx.army),
    government: PhraseTable.of(lx.government),
    officials: PhraseTable.of(lx.officials),
    weekdays: new Map(lx.weekdays.map((w, i) => [normWord(w), i])),
    months: new Map(lx.months.map((w, i) => [normWord(w), i])),
    relativeDays: new PhraseTable<number>(lx.relativeDays),
    lastYear: PhraseTable.of(lx.lastYear),
    lives: set(lx.lives),
    numberOf: PhraseTable.of(lx.numberOf),
    denyVerbs: set(lx.denyVerbs),
    none: PhraseTable.of(lx.none),
    ownVerbs: PhraseTable.of(lx.ownVerbs),
    sideLabels: new PhraseTable<'self' | 'enemy'>(lx.sideLabels),
    ownRanks: PhraseTable.of(lx.ownRanks),
    ranks: PhraseTable.of(lx.ranks),
    partyLinks: PhraseTable.of(lx.partyLinks),
    functionWords: set(lx.functionWords),
  };
}

export type Words = ReturnType<typeof compile>;

import type { Actor, Count, Outcome } from '@recon/domain';
import type { Article } from './article.js';
import { readCount, type CountMatch } from './counts.js';
import { phraseEnd, resolveParties, type Party } from './parties.js';
import { LOSS_NOUNS, readDeniedOutcome, readDenial, readLoss, readNamedPerson, readPerson } from './uncounted-figures.js';
import type { Sentence } from './tokens.js';

/** One figure read in a sentence: whose, what happened to them, how many, and the words that say it. */
export interface FigureMention {
  sentence: number;
  party: Party;
  outcome: Outcome;
  count: Count;
  /** The number, for matching a headline with the body. */
  value: number | null;
  /** Token indices in the sentence: the figure's words. */
  start: number;
  end: number;
  /** A part of the figure before ("including 10"): a statement of its own. */
  subset: boolean;
  /** Said to be an earlier figure ("an earlier toll of 4"). */
  earlier: boolean;
  warnings: string[];
  /** No people named with the count ("14 morts"): whose, if anywhere, is said after it. */
  elided?: boolean;
  /** People of no side named ("12 people", "victims"): whose may be said elsewhere. */
  people?: boolean;
  /** Whose was said by a label before the figures ("Côté ennemi : …"): it holds for that line only. */
  labelled?: boolean;
}

/** Verbs of dying (not of killing: "wounded … were killed" is another figure's outcome). */
const DYING = /^(died|succumbed|passed|decede|decedes|decedee|decedees|succombe|succombes|mort|morts|peri|peris)$/;
const MARTYRS = new Set(['martyr', 'martyrs', 'chahid', 'chouhada', 'shuhada']);
/** Words before a count that say it is not the figure ("et non de quatorze morts"). */
const NEGATIONS = [[',', 'not'], ['non', 'de'], ['non', 'pas'], ['non'], ['and', 'not'], ['but', 'not'], ['rather', 'than'], ['instead', 'of'], ['au', 'lieu', 'de'], ['plutot', 'que']];
/** Bounds said after the people ("34 civils au moins"). */
const BOUND_AFTER = [
  { words: ['au', 'moins'], min: true },
  { words: ['at', 'least'], min: true },
  { words: ['au', 'plus'], min: false },
  { words: ['at', 'most'], min: false },
];
/** "of them": the people of the figure before. */
const OF_THEM = [['d', 'entre', 'eux'], ['d', 'entre', 'elles'], ['parmi', 'eux'], ['parmi', 'elles'], ['of', 'them'], ['among', 'them']];
/** Words set between an auxiliary and its verb. */
const ASIDES = [['par', 'ailleurs'], ['de', 'plus'], ['en', 'outre'], ['pour', 'leur', 'part'], ['pour', 'sa', 'part'], ['moreover'], ['furthermore'], ['meanwhile']];
const QUOTES = new Set(['"', '“', '”', '«', '»', '‘', "'"]);
const PREPOSITIONS = new Set(['from', 'in', 'of', 'at', 'near', 'de', 'du', 'des', 'dans', 'originaires', 'among', 'inside', 'within']);
const TOLL_LINKS = new Set(['had', 'has', 'have', 'been', 'of', 'to', 'at', 'rose', 'risen', 'reached', 'climbed', 'stood', 'stands', 'is', 'was', 'now', 'de', 'a', 's', 'est', 'alourdi', 'passe', 'porte', 'atteint', 'increased', 'revised', 'up', 'grew', 'se', 'eleve', 'elevait', 'etait']);

/** How an outcome was found: after the casualties ("were killed") or before them ("killed six"). */
export type Found = { outcome: Outcome; start: number; end: number; how: 'after' | 'before' | 'forward' | 'toll' };

export class FigureReader {
  /** The figures read so far in the sentence, in order. */
  readonly figures: Array<FigureMention & { npEnd: number; how: Found['how']; elided: boolean }> = [];

  constructor(
    readonly article: Article,
    readonly s: Sentence,
    readonly lastGroup: Actor | undefined,
    /** The party of the article's last figure before this sentence ("Several others are still missing"). */
    private readonly earlierParty: Party | null = null,
  ) {}

  /** Every figure of the sentence, left to right. */
  read(): FigureMention[] {
    const { w } = this.article;
    const tokens = this.s.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (this.figures.some((f) => i >= f.start && i < f.end && i < f.npEnd)) continue;
      const denial = w.denials.at(tokens, i);
      if (denial) {
        readDenial(this, i, denial.end, denial.value);
        i = denial.end - 1;
        continue;
      }
      const cm = readCount(tokens, i, w) ?? this.article1(i);
      if (cm) {
        const next = this.counted(cm);
        i = Math.max(i, next - 1);
        continue;
      }
      const event = w.eventNouns.at(tokens, i);
      if (event && !readCount(tokens, event.end, w)) {
        readPerson(this, i, event.end, event.value, 'before');
        continue;
      }
      const active = w.active.at(tokens, i);
      if (active && !readCount(tokens, active.end, w) && !this.article1(active.end)) {
        const k = this.skipQuotes(active.end);
        if (tokens[k] && !readCount(tokens, k, w)) readPerson(this, i, k, active.value, 'before');
      }
      if (LOSS_NOUNS.has(tokens[i]!.norm)) readLoss(this, i);
      const passive = w.passive.at(tokens, i);
      if (passive) {
        if (!readDeniedOutcome(this, i, passive.end, passive.value)) readNamedPerson(this, i, passive.end, passive.value);
      }
    }
    this.placeElided();
    return this.figures.map(({ npEnd: _n, how: _h, ...f }) => f);
  }

  /** "14 morts et 9 blessés dans ses rangs", "une quarantaine de morts du côté des assaillants", "8 morts, tous des civils". */
  private placeElided(): void {
    const { w } = this.article;
    const tokens = this.s.tokens;
    // "Côté ami : deux morts et cinq blessés" — a label before the figures says whose.
    let label: Party | null = null;
    for (let k = 0; k < Math.min(tokens.length, 4); k++) {
      const side = w.sideLabels.at(tokens, k);
      if (side) {
        label = side.value === 'self' ? { name: '', self: true, known: true } : { name: '', enemy: true, known: true };
        break;
      }
    }
    for (const f of this.figures) {
      if (label && (f.elided || f.party.name === 'unspecified')) {
        f.party = label;
        f.labelled = true;
      }
      if (!f.elided) continue;
      // "14 morts et 9 blessés dans ses rangs": what is said after the last one holds for those before it.
      let k = f.end;
      if (tokens[k]?.text === ',') k++;
      // "plus de 10 000 morts, civils et militaires": several parties together, said after the count.
      if (k > f.end) {
        const npEnd = phraseEnd(this.article, this.s, k);
        const parties = npEnd > k ? resolveParties(this.article, this.s, k, npEnd, this.lastGroup) : null;
        if (parties?.coordinated) {
          f.party = { name: 'unspecified', known: true };
          f.elided = false;
          f.warnings.push(`the count covers ${parties.parties.map((p) => p.name || 'the claimant').join(' and ')} together: party set to unspecified`);
          continue;
        }
      }
      const link = w.partyLinks.at(tokens, k);
      if (link) {
        const npEnd = phraseEnd(this.article, this.s, link.end);
        const parties = npEnd > link.end ? resolveParties(this.article, this.s, link.end, npEnd, this.lastGroup) : null;
        if (parties && !parties.coordinated && !parties.parties[0]!.others) {
          f.party = parties.parties[0]!;
          f.end = npEnd;
          continue;
        }
      }
      for (let j = f.end; j < Math.min(tokens.length, f.end + 14); j++) {
        if ([';', '.', '!', '?'].includes(tokens[j]!.text)) break;
        const own = w.ownRanks.at(tokens, j);
        if (own) {
          f.party = { name: '', self: true, known: true };
          break;
        }
      }
    }
  }

  /** "a French soldier", "one of the leaders", "un soldat": an article counts one when people follow. */
  private article1(i: number): CountMatch | null {
    const { w } = this.article;
    const t = this.s.tokens[i];
    if (!t || !w.singular.has(t.norm)) return null;
    // "selon un agent de santé", "according to a nurse": who speaks, not whom it befell.
    if (w.accordingTo.endingAt(this.s.tokens, i)) return null;
    const end = phraseEnd(this.article, this.s, i + 1);
    if (end <= i + 1) return null;
    const parties = resolveParties(this.article, this.s, i + 1, end, this.lastGroup);
    if (!parties || parties.coordinated) return null;
    // A person: a head noun ("soldier", "leader") or a personal name, not an organisation ("an al Qaeda group").
    const person = this.s.tokens.slice(i + 1, end).some((_, j) => w.heads.has(this.s.tokens, i + 1 + j)) || this.article.person(this.s, i + 1, end) !== undefined;
    if (!person) return null;
    // "a leader of EIGS", "a French soldier" — a person; not "a statement", not "a group".
    const words = this.s.tokens.slice(i + 1, end);
    const plural = words.some((x) => w.heads.has([x], 0) && /s$/.test(x.norm) && !['fils', 'corps'].includes(x.norm));
    if (plural && t.norm !== 'one' && !(this.s.tokens[i + 1] && ['of', 'd', 'des'].includes(this.s.tokens[i + 1]!.norm))) return null;
    return { count: { exact: 1 }, start: i, end: i + 1, numeric: true, value: 1 };
  }

  private skipQuotes(k: number): number {
    while (this.s.tokens[k] && QUOTES.has(this.s.tokens[k]!.text)) k++;
    return k;
  }

  /** The outcome after the casualties: "were killed", "killed", "deaths", "had their throats slit". */
  private after(k: number): Found | null {
    const { w } = this.article;
    const tokens = this.s.tokens;
    let j = k;
    let steps = 0;
    while (j < tokens.length && steps < 7) {
      const p = w.passive.at(tokens, j);
      const n = j === k || steps === 0 ? w.nouns.at(tokens, j) : null;
      // The longer of the two: "twenty dead and wounded" is killed_or_wounded, not "dead".
      if (n && (!p || n.end > p.end)) return { outcome: n.value, start: j, end: n.end, how: 'after' };
      if (p) return { outcome: p.value, start: j, end: p.end, how: 'after' };
      const t = tokens[j]!;
      if (QUOTES.has(t.text)) {
        j++;
        continue;
      }
      if (t.text === '—' || t.text === '(' || t.text === '–') {
        const close = t.text === '(' ? ')' : t.text;
        let q = j + 1;
        while (q < tokens.length && q < j + 30 && tokens[q]!.text !== close) q++;
        if (q >= tokens.length || tokens[q]!.text !== close) return null;
        j = q + 1;
        continue;
      }
      if (w.auxiliaries.has(t.norm)) {
        j++;
        steps++;
        continue;
      }
      // "sont par ailleurs portés disparus", "were moreover reported missing"
      const aside = ASIDES.find((x) => x.every((word, n) => tokens[j + n]?.norm === word));
      if (aside) {
        j += aside.length;
        continue;
      }
      // "two civilians from a nearby hamlet had been killed": past a short prepositional phrase.
      if (steps === 0 && PREPOSITIONS.has(t.norm)) {
        let q = j + 1;
        while (q < tokens.length && q < j + 7 && tokens[q]!.kind !== 'punct' && !w.auxiliaries.has(tokens[q]!.norm) && !w.passive.has(tokens, q)) q++;
        if (q < j + 7 && (w.auxiliaries.has(tokens[q]?.norm ?? '') || w.passive.has(tokens, q))) {
          j = q;
          steps++;
          continue;
        }
      }
      // "plusieurs VDP, les supplétifs civils de l'armée, ont été faits prisonniers": past an apposition.
      if (t.text === ',' && steps === 0) {
        let q = j + 1;
        while (q < tokens.length && q < j + 12 && tokens[q]!.text !== ',' && tokens[q]!.kind !== 'num' && !w.auxiliaries.has(tokens[q]!.norm) && !w.passive.has(tokens, q) && !w.sayVerbs.has(tokens, q)) q++;
        if (tokens[q]?.text === ',' && q > j + 1 && (w.auxiliaries.has(tokens[q + 1]?.norm ?? '') || w.passive.has(tokens, q + 1))) {
          j = q + 1;
          steps++;
          continue;
        }
      }
      return null;
    }
    return null;
  }

  /** The outcome before the casualties: "killed six", "the murder of five", "a toll of 8". */
  private before(start: number): Found | null {
    const { w } = this.article;
    const tokens = this.s.tokens;
    let j = start;
    while (j > 0 && (QUOTES.has(tokens[j - 1]!.text) || ['have', 'having', 'avoir', 'to', 'reportedly', 'allegedly', 'also', 'egalement', 'ete', 'been', 'que', 'qu', 'only', 'just'].includes(tokens[j - 1]!.norm))) j--;
    // "la mort de 29 soldats …, puis celle de 23 militaires": the outcome said before.
    const previous = this.figures.at(-1);
    if (previous && j >= 2 && ['celle', 'celles', 'that', 'those'].includes(tokens[j - 2]!.norm) && ['de', 'd', 'of'].includes(tokens[j - 1]!.norm)) {
      return { outcome: previous.outcome, start: j - 2, end: j, how: 'before' };
    }
    const active = w.active.endingAt(tokens, j);
    if (active) return { outcome: active.value, start: active.start, end: j, how: 'before' };
    const event = w.eventNouns.endingAt(tokens, j);
    if (event) return { outcome: event.value, start: event.start, end: j, how: 'before' };
    // "the death toll rose to 8", "le bilan s'est alourdi à 8"
    for (let k = j - 1; k >= Math.max(0, j - 7); k--) {
      const toll = w.tolls.at(tokens, k);
      if (toll) return { outcome: 'killed', start: k, end: j, how: 'toll' };
      if (!TOLL_LINKS.has(tokens[k]!.norm) && tokens[k]!.kind !== 'num' && !w.earlier.has(tokens, k) && !['death', 'the', 'an', 'earlier', 'initial', 'le', 'un', 'premier', 'provisoire', 'official', 'previous'].includes(tokens[k]!.norm)) break;
    }
    return null;
  }

  /** "five Wagner mercenaries and seven Malian troops were killed": the outcome of the last in the list. */
  private forward(npEnd: number, depth = 0): Found | null {
    const { w } = this.article;
    const tokens = this.s.tokens;
    if (depth > 4) return null;
    const and = w.and.at(tokens, npEnd);
    if (!and) return null;
    let next = and.end;
    if (['de', 'd', 'of'].includes(tokens[next]?.norm ?? '')) next++;
    const cm = readCount(tokens, next, w) ?? this.article1(next);
    if (!cm) return null;
    const end = phraseEnd(this.article, this.s, cm.end);
    const found = this.after(end) ?? this.forward(end, depth + 1);
    return found ? { ...found, how: 'forward' } : null;
  }

  private previousParties(): Party[] {
    const out: Party[] = [];
    for (const f of this.figures) if (!out.some((p) => p.name === f.party.name && p.self === f.party.self)) out.push(f.party);
    return out;
  }

  /** "others": the party just named in this sentence, else the last one before it. */
  private othersParty(): Party {
    const before = this.previousParties();
    if (before.length === 1) return before[0]!;
    if (before.length === 0 && this.earlierParty) return this.earlierParty;
    return { name: 'unspecified', known: true };
  }

  private earlierNear(start: number): boolean {
    const { w } = this.article;
    for (let k = Math.max(0, start - 8); k < start; k++) if (w.earlier.has(this.s.tokens, k)) return true;
    return false;
  }

  private isDate(cm: CountMatch): boolean {
    const { w } = this.article;
    const tokens = this.s.tokens;
    const before = tokens[cm.start - 1];
    const after = tokens[cm.end];
    if (before && w.months.has(before.norm)) return true;
    if (after && (w.months.has(after.norm) || after.text === '%' || ['percent', 'pour', 'pc'].includes(after.norm))) return true;
    const t = tokens[cm.start]!;
    if (t.kind !== 'num' || !/^\d{4}$/.test(t.text) || cm.end !== cm.start + 1) return false;
    // 1900–2099 is a year; an older one when it reads like one ("In 1850, …", "since 1962").
    if (/^(19|20)\d\d$/.test(t.text)) return true;
    return Number(t.text) >= 1000 && (after?.text === ',' || ['in', 'since', 'en', 'depuis', 'of', 'de', 'until', 'by'].includes(before?.norm ?? ''));
  }

  /** A counted figure: the count, its people and its outcome. Answers the index to read on from. */
  private counted(cm: CountMatch): number {
    // (the count may be bounded by words after its people: see BOUND_AFTER)
    const { w } = this.article;
    const tokens = this.s.tokens;
    if (this.isDate(cm)) return cm.end;
    // "quatorze blessés, et non quatorze morts", "wounded, not killed": a figure said not to be so.
    if (NEGATIONS.some((x) => x.every((word, n) => tokens[cm.start - x.length + n]?.norm === word))) return phraseEnd(this.article, this.s, cm.end) + 1;
    const subsetPhrase = w.subset.endingAt(tokens, cm.start);
    const previous = this.figures.at(-1);
    // "42 killed, including 10 this year": the part takes the whole's party and outcome, unless it names its own.
    let npStart = cm.end;
    // "porte à 28 le nombre de Casques bleus tués", "brings to 28 the number of peacekeepers killed"
    const numberOf = w.numberOf.at(tokens, npStart);
    if (numberOf) npStart = numberOf.end;
    // "Quatre d'entre eux sont décédés", "four of them died": the people of the figure before.
    const ofThem = OF_THEM.find((x) => x.every((word, n) => tokens[npStart + n]?.norm === word));
    if (ofThem) {
      const them = this.figures.at(-1)?.party ?? this.earlierParty ?? { name: 'unspecified', known: true };
      const themEnd = npStart + ofThem.length;
      const found = this.after(themEnd) ?? this.before(cm.start);
      if (found) this.push(cm, them, found.outcome, Math.min(cm.start, found.start), found.how === 'after' ? found.end : themEnd, themEnd, found.how, {});
      return found ? Math.max(themEnd, found.end) : themEnd;
    }
    // "Deux des blessés ont succombé", "two of the wounded died": the wounded of the figure before.
    const ofWounded = ofTheWounded(this.article, tokens, npStart);
    if (ofWounded) {
      const wounded = [...this.figures].reverse().find((f) => f.outcome === 'wounded')?.party ?? this.earlierParty ?? { name: 'unspecified', known: true };
      const found = this.after(ofWounded);
      if (found) this.push(cm, wounded, found.outcome, cm.start, found.end, ofWounded, 'after', {});
      return found ? found.end : ofWounded;
    }
    let npEnd = phraseEnd(this.article, this.s, npStart);
    // "34 civils au moins ont été tués", "12 soldiers at least": the bound said after the people.
    const bound = 'exact' in cm.count ? BOUND_AFTER.find((x) => x.words.every((word, n) => tokens[npEnd + n]?.norm === word)) : undefined;
    if (bound && npEnd > npStart) {
      const n = (cm.count as { exact: number }).exact;
      cm = { ...cm, count: bound.min ? { min: n } : { max: n } };
      npEnd += bound.words.length;
    }
    if (subsetPhrase) {
      const own = npEnd > npStart ? resolveParties(this.article, this.s, npStart, npEnd, this.lastGroup) : null;
      const found = this.after(npEnd) ?? this.before(cm.start);
      const antecedent = previous ? null : this.antecedent(subsetPhrase.start);
      const party = own && !own.coordinated ? own.parties[0]! : previous?.party ?? antecedent;
      const outcome = found?.outcome ?? previous?.outcome;
      if (party && outcome && (own || npEnd === npStart || tokens.slice(npStart, npEnd).some((t) => w.notPeople.has(t.norm)))) {
        this.push(cm, party, outcome, cm.start, found && found.how === 'after' ? found.end : Math.max(cm.end, npEnd), npEnd, found?.how ?? previous?.how ?? 'after', { subset: previous !== undefined });
        return Math.max(cm.end, found && found.how === 'after' ? found.end : npEnd);
      }
    }
    const read = this.after(npEnd) ?? this.before(cm.start) ?? this.coordinatedWithPrevious(cm) ?? this.forward(npEnd) ?? this.martyrs(npStart, npEnd);
    if (!read) return cm.end;
    const found = this.woundedWhoDied(read) ?? read;
    const start = Math.min(cm.start, found.how === 'before' || found.how === 'toll' ? found.start : cm.start);
    const end = found.how === 'after' ? found.end : npEnd;
    let parties = npEnd > npStart ? resolveParties(this.article, this.s, npStart, npEnd, this.lastGroup) : null;
    const warnings: string[] = [];
    if (!parties && npEnd > npStart) {
      const words = tokens.slice(npStart, npEnd);
      if (words.some((t) => w.notPeople.has(t.norm)) || words.every((t) => t.kind === 'punct' || w.determiners.has([t], 0))) return npEnd;
      const name = this.article.words(this.s, npStart, npEnd).replace(/^(of|de|d'|des)\s+/i, '');
      parties = { parties: [{ name, known: false, kind: 'other' }], coordinated: false };
      warnings.push(`party "${name}" is not in the actor registry: check it and give its kind`);
    }
    // "61 wounded civilians", "trois blessés civils": the people after the outcome noun.
    if (!parties && found.how === 'after' && found.start === npEnd && w.nouns.at(tokens, found.start)?.end === found.end) {
      const peopleEnd = phraseEnd(this.article, this.s, found.end);
      const after = peopleEnd > found.end ? resolveParties(this.article, this.s, found.end, peopleEnd, this.lastGroup) : null;
      if (after && !after.coordinated && !after.parties[0]!.others) {
        this.push(cm, after.parties[0]!, found.outcome, start, peopleEnd, peopleEnd, found.how, { warnings });
        return peopleEnd;
      }
    }
    if (!parties) {
      // "11 were injured", "8 morts": the people of the figure before; "the assailants carried away about twenty dead": theirs.
      const before = this.previousParties();
      const owner = this.owner(cm.start);
      const party: Party = owner ?? (before.length === 1 ? before[0]! : { name: 'unspecified', known: true });
      this.push(cm, party, found.outcome, start, end, npEnd, found.how, { warnings, elided: owner === null });
      return Math.max(cm.end, found.how === 'after' ? found.end : npEnd);
    }
    let list = parties.parties;
    // "we lost 20 men", "nous avons perdu 20 hommes": the speaker's own.
    const lost = tokens.slice(Math.max(0, cm.start - 3), cm.start).some((t) => t.norm === 'lost' || t.norm === 'perdu');
    const named = this.article.mentions.all(this.article.text, tokens, npStart, npEnd).length > 0;
    if (lost && list.length === 1 && (parties.cls === 'people' || parties.cls === 'soldiers') && (list[0]!.name === 'unspecified' || !named)) list = [{ name: '', self: true, known: true }];
    if (list.length === 1 && list[0]!.others) list = [this.othersParty()];
    // "military and civilian lives": the lives of several parties, not one figure each.
    const livesOf = found.how === 'after' && w.lives.has(tokens[found.start]!.norm) && tokens.slice(cm.end, npEnd).some((_, j) => w.and.has(tokens, cm.end + j));
    if ((parties.coordinated && cm.numeric) || livesOf) {
      warnings.push(`the count covers ${list.map((p) => p.name || 'the claimant').join(' and ')} together: party set to unspecified`);
      list = [{ name: 'unspecified', known: true }];
    }
    const people = parties.cls === 'people' && list.length === 1 && list[0]!.name === 'unspecified';
    for (const party of list) this.push(cm, party, found.outcome, start, end, npEnd, found.how, { warnings, people });
    return Math.max(cm.end, found.how === 'after' ? found.end : npEnd);
  }

  /**
   * "Trois blessés, évacués vers Ténenkou, y sont décédés", "three wounded later died": people counted
   * as wounded whose clause says they died are dead.
   */
  private woundedWhoDied(found: Found): Found | null {
    const { w } = this.article;
    const tokens = this.s.tokens;
    if (found.how !== 'after' || found.outcome !== 'wounded' || !w.nouns.has(tokens, found.start)) return null;
    for (let j = found.end; j < Math.min(tokens.length, found.end + 16); j++) {
      const t = tokens[j]!;
      if (['.', ';', '!', '?', ':'].includes(t.text) || readCount(tokens, j, w) || w.sayVerbs.has(tokens, j)) return null;
      const died = w.passive.at(tokens, j);
      if (died) return died.value === 'killed' && DYING.test(t.norm) ? { outcome: 'killed', start: found.start, end: died.end, how: 'after' } : null;
    }
    return null;
  }

  /** "deux martyrs dans ses rangs": martyrs are dead, whatever verb there is. */
  private martyrs(npStart: number, npEnd: number): Found | null {
    const k = this.s.tokens.slice(npStart, npEnd).findIndex((t) => MARTYRS.has(t.norm));
    return k < 0 ? null : { outcome: 'killed', start: npStart + k, end: npEnd, how: 'after' };
  }

  /** The people a subset phrase refers back to: "les assaillants, dont plusieurs ont été neutralisés". */
  private antecedent(at: number): Party | null {
    const tokens = this.s.tokens;
    let end = at;
    if (tokens[end - 1]?.text === ',') end--;
    for (let a = end - 1; a >= Math.max(0, end - 6); a--) {
      if (tokens[a]!.kind === 'punct') break;
      const parties = resolveParties(this.article, this.s, a, end, this.lastGroup);
      if (parties && !parties.coordinated && !parties.parties[0]!.others) return parties.parties[0]!;
    }
    return null;
  }

  /** The subject of a verb that owns the figure after it ("the assailants carried away", "l'armée a perdu"). */
  private owner(start: number): Party | null {
    const { w } = this.article;
    const tokens = this.s.tokens;
    for (let v = start - 1; v >= Math.max(0, start - 6); v--) {
      const own = w.ownVerbs.endingAt(tokens, v + 1);
      if (!own) continue;
      let a = own.start;
      while (a > 0 && ![',', ';', ':', '"', '“', '«', '—'].includes(tokens[a - 1]!.text) && !['that', 'que', 'qu', 'and', 'et'].includes(tokens[a - 1]!.norm)) a--;
      let b = own.start;
      while (b > a && w.auxiliaries.has(tokens[b - 1]!.norm)) b--;
      const parties = b > a ? resolveParties(this.article, this.s, a, b, this.lastGroup) : null;
      return parties && !parties.coordinated && !parties.parties[0]!.others ? parties.parties[0]! : null;
    }
    return null;
  }

  /** "murdered 10 Malian soldiers and 50 Russian Wagner mercenaries": the second takes the first's verb. */
  private coordinatedWithPrevious(cm: CountMatch): Found | null {
    const previous = this.figures.at(-1);
    const tokens = this.s.tokens;
    const and = this.article.w.and.endingAt(tokens, cm.start);
    if (!previous || !and) return null;
    if ((previous.how === 'before' || previous.how === 'toll') && and.start === previous.npEnd) return { outcome: previous.outcome, start: cm.start, end: cm.end, how: 'before' };
    // "31 civilians were killed at the market and seven soldiers in the ambush": the verb said once.
    const between = tokens.slice(previous.end, and.start);
    const plain = between.length <= 6 && between.every((t, n) => t.kind !== 'num' && t.text !== ',' && !this.article.w.passive.has(tokens, previous.end + n) && !this.article.w.auxiliaries.has(t.norm));
    if (previous.how === 'after' && and.start >= previous.end && tokens[and.start]?.text !== ',' && plain) return { outcome: previous.outcome, start: cm.start, end: cm.end, how: 'before' };
    return null;
  }

  /** Records a figure. */
  push(cm: CountMatch, party: Party, outcome: Outcome, start: number, end: number, npEnd: number, how: Found['how'], extra: { subset?: boolean; warnings?: string[]; elided?: boolean; people?: boolean }): void {
    this.figures.push({
      sentence: this.s.index,
      party,
      outcome,
      count: cm.count,
      value: cm.value,
      start,
      end: Math.max(end, start + 1),
      subset: extra.subset ?? false,
      earlier: this.earlierNear(start),
      warnings: [...(extra.warnings ?? [])],
      elided: extra.elided ?? false,
      people: extra.people ?? false,
      npEnd,
      how,
    });
  }

}

/** "des blessés", "of the wounded" after a count: the end of those words, or null. */
function ofTheWounded(article: Article, tokens: Sentence['tokens'], k: number): number | null {
  if (!['of', 'des', 'de', 'd', 'parmi'].includes(tokens[k]?.norm ?? '')) return null;
  let j = k + 1;
  if (['the', 'les', 'ces', 'these'].includes(tokens[j]?.norm ?? '')) j++;
  const noun = article.w.nouns.at(tokens, j);
  return noun && noun.value === 'wounded' ? noun.end : null;
}

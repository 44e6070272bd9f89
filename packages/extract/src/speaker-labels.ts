import { fold } from '@recon/domain';
import type { Article } from './article.js';
import { resolveSpeaker, speakerFromParty, speakerOf, type Speaker } from './attribution.js';
import { armyOf } from './parties.js';

/**
 * A paragraph opened by a speaker's label, as interviews and transcripts are printed: "Moussa Ag
 * Elkhalil : Nous avons perdu trois hommes", "M. A. E. : …", "Q: …". `speaker` is null for the
 * interviewer (the publisher, "Q", "Question"): a question says in its own words whose figures it cites.
 */
export interface SpeakerLabel {
  /** The paragraph's characters after the label. */
  start: number;
  end: number;
  speaker: Speaker | null;
  /** A document's section: its maker speaks only where no one else is said to (not before reported speech goes on). */
  section?: boolean;
}

/** A label: a few words at the start of a line, then a colon ("Lieutenant-colonel Mamadou Konaté :"). */
const LABEL = /^[ \t]*([^\n:•–—"“«'-][^\n:]{0,60}?)[ \t]*:[ \t]+(?=\S)/gm;
const INTERVIEWER = new Set(['q', 'question', 'questions', 'journaliste', 'journalist', 'interviewer', 'reporter']);
/** Labels of an answer: the speaker of the heading above ("BILAL AG ASSEYDOU, spokesman for the FLA" … "A: …"). */
const ANSWER = new Set(['a', 'r', 'answer', 'reponse']);
/** Titles before initials or a name ("M. K.", "Mme Diallo", "Dr Traoré"). */
const TITLES = new Set(['m', 'mme', 'mlle', 'dr', 'mr', 'mrs', 'ms', 'me', 'pr']);

export function speakerLabels(article: Article, publisher: string | null): SpeakerLabel[] {
  const text = article.text;
  const out: SpeakerLabel[] = [];
  const people = knownPeople(article);
  const headings = headingSpeakers(article, people);
  out.push(...documentSections(article));
  for (const m of text.matchAll(LABEL)) {
    const label = m[1]!.trim();
    const words = fold(label).split(' ').filter(Boolean);
    // A label is short and reads as a name, a title's initials or the interviewer: not a sentence.
    if (words.length === 0 || words.length > 7 || /[.!?]\s+\p{Lu}\p{Ll}/u.test(label) || /\d/.test(label)) continue;
    // "Côté ennemi :", "On the enemy side:": whose the figures are, not who speaks.
    const line = article.sentences.find((x) => x.tokens.length > 0 && x.tokens[0]!.start <= m.index! + m[0].indexOf(label) && m.index! + m[0].length <= x.end + 1);
    if (line && line.tokens.some((_, k) => article.w.sideLabels.has(line.tokens, k))) continue;
    const start = m.index! + m[0].length;
    const lineEnd = text.indexOf('\n', start);
    const end = lineEnd < 0 ? text.length : lineEnd;
    if (INTERVIEWER.has(words.join(' ')) || (publisher !== null && fold(publisher) === words.join(' '))) {
      out.push({ start, end, speaker: null });
      continue;
    }
    if (ANSWER.has(words.join(' '))) {
      out.push({ start, end, speaker: headings.filter((h) => h.at < m.index!).at(-1)?.speaker ?? null });
      continue;
    }
    const speaker = speakerOfLabel(article, people, label, words);
    if (speaker) out.push({ start, end, speaker });
  }
  return out;
}

/** Lines that read as headings: short, of their own, without a stop or a bullet (where each starts in the text, and its words). */
function headingLines(text: string): Array<{ at: number; line: string }> {
  return [...text.matchAll(/^[ \t]*([^\s•\-–—*][^\n]{0,200})$/gm)]
    .map((m) => ({ at: m.index! + m[0].indexOf(m[1]!), line: m[1]!.trim() }))
    .filter(({ line }) => !/[.!?:;»"”]$/.test(line) && line.split(/\s+/).length <= 20);
}

/**
 * A document printed whole under a heading that names it and its maker ("COMMUNIQUÉ OF THE MINISTRY OF
 * NATIONAL DEFENCE", "Communiqué de l'état-major général des armées"): the paragraphs down to the next
 * heading are the maker's, where they name no one else.
 */
function documentSections(article: Article): SpeakerLabel[] {
  const text = article.text;
  const lines = headingLines(text);
  const out: SpeakerLabel[] = [];
  lines.forEach(({ at, line }, n) => {
    const s = article.sentences.find((x) => x.tokens.length > 0 && x.tokens[0]!.start === at);
    if (!s) return;
    let b = 0;
    while (b < s.tokens.length && s.tokens[b]!.end <= at + line.length) b++;
    // It opens with the document's name ("Communiqué de …", "STATEMENT BY …"), and is not the article's title.
    let k = 0;
    while (k < b && article.w.determiners.has(s.tokens, k)) k = article.w.determiners.at(s.tokens, k)!.end;
    if (s.index === 0 || !article.w.documents.has(s.tokens, k)) return;
    // A maker the registry knows, or a government's or army's office: not "COMMUNIQUÉ DE PRESSE".
    const speaker = resolveSpeaker(article, s, 0, b);
    if (!speaker || !(speaker.known || speaker.kind === 'government' || speaker.kind === 'state_forces')) return;
    const next = lines[n + 1];
    out.push({ start: at + line.length, end: next ? next.at : text.length, speaker, section: true });
  });
  return out;
}

/**
 * Headings that name whom the answers below them are from: a line of its own, without a stop, that
 * opens with a person the article places ("CAPTAIN MODIBO COULIBALY, spokesman for the army's command").
 */
function headingSpeakers(article: Article, people: Map<string, Speaker>): Array<{ at: number; speaker: Speaker }> {
  const out: Array<{ at: number; speaker: Speaker }> = [];
  for (const { at, line } of headingLines(article.text)) {
    const words = fold(line.split(',')[0]!).split(' ').filter(Boolean);
    if (words.length === 0 || words.length > 8) continue;
    for (let k = 0; k < words.length; k++) {
      const person = people.get(words.slice(k).join(' '));
      if (person) {
        out.push({ at, speaker: person });
        break;
      }
    }
  }
  return out;
}

/**
 * The people an article names, by the last words of their names: those it places in a group ("Moussa Ag
 * Elkhalil, porte-parole du FLA") and officers by their rank ("le lieutenant-colonel Mamadou Konaté").
 */
function knownPeople(article: Article): Map<string, Speaker> {
  const people = new Map<string, Speaker>();
  for (const [name, actor] of article.persons) people.set(name, speakerOf(actor, actor.name));
  let army: Speaker | undefined;
  for (const s of article.sentences) {
    for (let i = 0; i < s.tokens.length; i++) {
      const rank = article.w.ranks.at(s.tokens, i);
      if (!rank) continue;
      const end = article.nameEnd(s, rank.end);
      if (end <= rank.end) continue;
      army ??= speakerFromParty(article, armyOf(article, article.country).name, 'state_forces');
      const words = fold(article.words(s, rank.end, end)).split(' ');
      for (let k = 0; k < words.length; k++) if (!people.has(words.slice(k).join(' '))) people.set(words.slice(k).join(' '), army);
    }
  }
  return people;
}

function speakerOfLabel(article: Article, people: Map<string, Speaker>, label: string, words: string[]): Speaker | null {
  // Initials ("M. A. E.", "M. K."): the one person of the article whose name ends with them.
  if (/^(\p{Lu}\p{Ll}{0,3}\.?\s*)?(\p{Lu}\.\s*)+$/u.test(label)) {
    const letters = words.map((x) => x[0]!);
    const tries = TITLES.has(words[0]!) ? [letters, letters.slice(1)] : [letters];
    const found = new Map<string, Speaker>();
    for (const [name, speaker] of people) {
      const initials = name.split(' ').map((x) => x[0]!);
      if (tries.some((t) => t.length > 0 && initials.length >= t.length && initials.slice(-t.length).join('') === t.join(''))) found.set(speaker.name, speaker);
    }
    return found.size === 1 ? [...found.values()][0]! : null;
  }
  // A person the article has placed, by their name's last words ("Lieutenant-colonel Mamadou Konaté").
  for (let k = 0; k < words.length; k++) {
    const person = people.get(words.slice(k).join(' '));
    if (person) return person;
  }
  // A body the registry knows, or one a speaker's words name ("Le porte-parole de l'armée").
  const known = article.mentions.lookup(label);
  if (known) return speakerOf(known, label);
  const line = article.sentences.find((s) => s.tokens.length > 0 && article.text.startsWith(label, s.tokens[0]!.start));
  if (!line) return null;
  let b = 0;
  while (b < line.tokens.length && line.tokens[b]!.end <= line.tokens[0]!.start + label.length) b++;
  return resolveSpeaker(article, line, 0, b);
}

import { wordsOf } from './lexicon/lexicons.js';
import { LANGUAGES, type Language } from './types.js';

/** The language of a text: the one whose frequent words it uses most (English on a tie). */
export function detectLanguage(text: string): Language {
  const counts = new Map<Language, number>(LANGUAGES.map((l) => [l, 0]));
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const m of sample.toLowerCase().matchAll(/[\p{L}]+/gu)) {
    for (const language of LANGUAGES) if (wordsOf(language).functionWords.has(m[0].normalize('NFKD').replace(/\p{M}+/gu, ''))) counts.set(language, counts.get(language)! + 1);
  }
  let best: Language = 'en';
  for (const language of LANGUAGES) if (counts.get(language)! > counts.get(best)!) best = language;
  return best;
}

import { compile, type Words } from '../compiled-lexicon.js';
import type { Language } from '../types.js';
import { en } from './en.js';
import { fr } from './fr.js';
import type { Lexicon } from './lexicon.js';

/** Every language the extractor reads. A new language: its lexicon file, and one line here. */
export const LEXICONS: Record<Language, Lexicon> = { en, fr };

const compiled = new Map<Language, Words>();

/** The lexicon of a language, compiled once. */
export function wordsOf(language: Language): Words {
  let w = compiled.get(language);
  if (!w) {
    w = compile(LEXICONS[language]);
    compiled.set(language, w);
  }
  return w;
}

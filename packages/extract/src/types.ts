import type { Claim, IncidentInput, Source } from '@recon/domain';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What `POST /extract` takes: an article's text and what the user knows of it. */
export interface ExtractRequest {
  /** The article, up to 100,000 characters. */
  text: string;
  /** Detected from the text when absent. */
  language?: Language;
  /** YYYY-MM-DD: the day relative dates ("on Sunday") count from, and the statement date by default. */
  publishedAt?: string;
  source?: Source;
  /** The incident as far as the user knows it; the gaps are filled from the text. */
  incident?: Partial<IncidentInput>;
}

/** Where a draft's words are in the text: UTF-16 offsets, `text.slice(start, end) === words`. */
export interface Evidence {
  /** The index in `claim.figures` of the figure these words state. */
  figure: number;
  start: number;
  end: number;
  text: string;
  /** What the words are: the figure itself, or who said it. */
  role: 'figure' | 'claimant';
}

/** One draft: a claim that passes `POST /claims` validation as it is, and why the extractor thinks so. */
export interface DraftClaim {
  claim: Claim;
  evidence: Evidence[];
  /** 0..1: how sure the rules are (attribution found, party known, count read). */
  confidence: number;
  /** What the analyst should check ("party not in the registry", "no attribution: the publisher is the claimant"). */
  warnings: string[];
}

export interface Extraction {
  language: Language;
  /** The incident every draft is filed under: what was given, gaps filled from the text. */
  incident: IncidentInput;
  claims: DraftClaim[];
  /** What the analyst should know of the whole extraction (no country found, a draft left out). */
  warnings: string[];
}

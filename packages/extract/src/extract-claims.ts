import type { ActorRegistry, Gazetteer } from '@recon/domain';
import type { Extraction, ExtractRequest } from './types.js';

export interface ExtractorDeps {
  registry: ActorRegistry;
  gazetteer: Gazetteer;
  /** Today (UTC, YYYY-MM-DD): the statement date when neither the text nor the request gives one. */
  today: string;
}

/** Draft claims from an article (stub: the real extractor is being written). */
export function extractClaims(req: ExtractRequest, deps: ExtractorDeps): Extraction {
  const day = req.publishedAt ?? deps.today;
  const incident = { country: 'ML', startDate: day, ...req.incident };
  const m = /(\d+) (soldiers|civilians) (?:were )?killed/.exec(req.text);
  if (!m) return { language: req.language ?? 'en', incident, claims: [] };
  const words = m[0];
  const start = m.index;
  return {
    language: req.language ?? 'en',
    incident,
    claims: [
      {
        claim: {
          incident,
          claimant: { name: req.source?.publisher ?? 'unknown publisher', kind: 'media' },
          statedAt: day,
          ...(req.source ? { source: req.source } : {}),
          figures: [{ party: m[2]!, outcome: 'killed', count: { exact: Number(m[1]) }, wording: words }],
        },
        evidence: [{ figure: 0, start, end: start + words.length, text: words, role: 'figure' }],
        confidence: 0.5,
        warnings: [],
      },
    ],
  };
}

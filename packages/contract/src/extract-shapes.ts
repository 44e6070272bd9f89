/**
 * `POST /extract` hands the parsed body to `@recon/extract` and answers with what it returns. This
 * file fails to compile if the extractor's types drift from the schemas the API validates with and
 * documents: a parsed body is a request the extractor takes, an extraction is an answer the schema
 * allows (only this way round, as for reports: the schema reads a count as one object whose forms a
 * refinement checks, the domain as a union) with the same fields (so that a field the extractor adds
 * is documented, and typed for clients), and both speak the same languages.
 */
import type { DraftClaim, Evidence, Extraction, ExtractRequest, Language } from '@recon/extract';
import type { z } from 'zod';
import type { EXTRACT_LANGUAGES, ExtractBodySchema, ExtractionSchema } from './schemas.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Answer = z.output<typeof ExtractionSchema>;

export const EXTRACT_SHAPES_FIT: [
  [z.output<typeof ExtractBodySchema>] extends [ExtractRequest] ? true : false,
  [Extraction] extends [z.output<typeof ExtractionSchema>] ? true : false,
  Same<keyof Extraction, keyof Answer>,
  Same<keyof DraftClaim, keyof Answer['claims'][number]>,
  Same<keyof Evidence, keyof Answer['claims'][number]['evidence'][number]>,
  Same<keyof ExtractRequest, keyof z.output<typeof ExtractBodySchema>>,
  Same<(typeof EXTRACT_LANGUAGES)[number], Language>,
] = [true, true, true, true, true, true, true];

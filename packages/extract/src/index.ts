export * from './types.js';
export { extractClaims, MAX_FIGURES, type ExtractorDeps } from './extract-claims.js';
export { detectLanguage } from './language.js';
export * from './evaluation.js';

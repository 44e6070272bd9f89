export * from './types.js';
export { extractClaims, type ExtractorDeps } from './extract-claims.js';
export { detectLanguage } from './language.js';
export * from './evaluation.js';

export * from './types.js';
export { extractClaims, type ExtractorDeps } from './extract-claims.js';

export * from './schema.js';
export * from './database.js';
export * from './migrate.js';
export * from './claim-store.js';
export * from './group-commit.js';
export * from './incidents/curation-error.js';
export { windowOf, type MatchWindow } from './incidents/incident-resolver.js';

export * from './schema.js';
export * from './database.js';
export * from './migrate.js';
export * from './claim-store.js';
export * from './group-commit.js';
export * from './incidents/curation-error.js';
export { ANCHORS_NEAR_SQL, POOL_NEAR_SQL, windowOf, type MatchWindow } from './incidents/incident-resolver.js';
export { rebuildIncidents } from './incidents/rebuild.js';
export { identityOf } from './reports/report-writer.js';

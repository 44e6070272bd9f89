export * from './ingest-handler.js';
export * from './ingest-worker.js';

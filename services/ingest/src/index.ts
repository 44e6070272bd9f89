export * from './ingest-handler.js';
export * from './ingest-worker.js';
export * from './store-batcher.js';

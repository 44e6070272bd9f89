export * from './reconcile-handler.js';
export * from './reconciler-worker.js';

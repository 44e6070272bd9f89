export * from './all-in-one.js';
export * from './supervised-service.js';
export * from './worker-supervisor.js';

export * from './job-catalog.js';
export * from './errors.js';
export * from './redis-connection.js';
export * from './recon-queues.js';
export * from './typed-worker.js';

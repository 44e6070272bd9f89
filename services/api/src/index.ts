export * from './api-deps.js';
export * from './api-error.js';
export * from './auth.js';
export * from './metrics.js';
export * from './app.js';
export * from './http-server.js';
export * from './api-service.js';

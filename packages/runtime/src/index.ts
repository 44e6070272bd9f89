export * from './env.js';
export * from './logger.js';
export * from './private-redis.js';
export * from './bootstrap.js';
export * from './shutdown.js';

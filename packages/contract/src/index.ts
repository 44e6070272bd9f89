export * from './schemas.js';
export * from './domain-shapes.js';
export * from './examples.js';
export * from './extract-shapes.js';

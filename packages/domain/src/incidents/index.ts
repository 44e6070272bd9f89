export * from './incident-facts.js';
export * from './incident-derivation.js';
export * from './keyless-clustering.js';
export * from './curation.js';
export * from './resolve-incidents.js';

export * from './claim-rows.js';
export * from './claims-of-rows.js';
export * from './cell-rows.js';
export * from './csv.js';
export * from './claims-input.js';

export * from './fill.js';
export * from './due.js';

export * from './fill.js';

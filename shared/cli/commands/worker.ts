import { runRole } from './process.js';

export const run = runRole('worker');

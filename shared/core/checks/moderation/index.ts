export { checkText } from './check.js';
export type { ModerationCategory, ModerationHit, ModerationResult } from './types.js';

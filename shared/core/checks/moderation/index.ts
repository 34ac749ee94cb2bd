export { createModeration, type CheckText } from './check.js';
export { patternSource } from './patterns.js';
export type { ModerationCategory, ModerationHit, ModerationLists, ModerationResult } from './types.js';

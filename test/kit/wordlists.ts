/**
 * The word lists as shipped, for the pure checks' tests: shared/core may not read files (its tests
 * neither, .dependency-cruiser.cjs), so they take the loaded lists from here.
 */
export { loadPhraseLists } from '../../shared/platform/wordlists/phrase-lists.js';
export { loadModerationLists } from '../../shared/platform/wordlists/moderation.js';

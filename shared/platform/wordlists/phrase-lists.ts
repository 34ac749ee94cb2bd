import { readFileSync } from 'node:fs';
import { parsePhraseList, type PhraseLists } from '../../core/checks/draft-checks.js';

/**
 * The draft checks' phrase lists shipped in ./data, read once on first use:
 * kept as text so wording can change without touching code. `checkDraft` in
 * the pure core takes them as an argument; its callers pass these.
 */
let cached: PhraseLists | null = null;

export function loadPhraseLists(): PhraseLists {
  cached ??= {
    bureaucratese: readList('bureaucratese.ru.txt'),
    measures: readList('measures.ru.txt'),
  };
  return cached;
}

function readList(name: string): string[] {
  return parsePhraseList(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'));
}

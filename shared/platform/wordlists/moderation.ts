// Reads the moderation word lists shipped in ./data (format: see the header of any data/*.ru.txt) once, and
// compiles them once on first use; the checking itself is pure, in shared/core/checks/moderation.
import { readFileSync } from 'node:fs';
import { createModeration, type CheckText, type ModerationLists, type ModerationResult } from '../../core/checks/moderation/index.js';

export function readLines(file: string): string[] {
  const text = readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

let lists: ModerationLists | null = null;

/** The shipped lists, read on first use. */
export function loadModerationLists(): ModerationLists {
  lists ??= {
    obscenity: readLines('obscenity.ru.txt'),
    insult: readLines('insult.ru.txt'),
    insultAddressed: readLines('insult-addressed.ru.txt'),
    addressee: readLines('addressee.ru.txt'),
    threat: readLines('threat.ru.txt'),
    masked: readLines('masked.ru.txt'),
  };
  return lists;
}

let shipped: CheckText | null = null;

/** Checks a citizen's text with the shipped lists (compiled on the first call). */
export function checkText(text: string): ModerationResult {
  shipped ??= createModeration(loadModerationLists());
  return shipped(text);
}

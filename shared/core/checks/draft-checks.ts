import type { DraftAttachment } from '../incident/commands.js';

/**
 * Warnings over a draft answer — never a block: the approver decides.
 * Returns codes and the offending phrase as written, not sentences; the bot
 * words them in Russian. Pure: the phrase lists come in as an argument
 * (`loadPhraseLists` in shared/platform/wordlists/phrase-lists.ts reads the
 * shipped ones).
 */

export type DraftWarning =
  /** The text neither greets nor addresses the author (severny-pos п.16). */
  | { readonly code: 'no_greeting' }
  /** A канцеляризм: `phrase` as it stands in the text, `pattern` the list entry it matched. */
  | { readonly code: 'bureaucratese'; readonly phrase: string; readonly pattern: string; readonly index: number }
  /** Longer than the network's conversational style allows (sobolevo п.23: short and informative). */
  | { readonly code: 'too_long'; readonly length: number; readonly limit: number }
  /** A repeat answer that reports no measures taken or progress. */
  | { readonly code: 'repeat_without_measures' }
  /** The executor said there is a photo or video, and none is attached. */
  | { readonly code: 'photo_missing' };

export type DraftWarningCode = DraftWarning['code'];

export type DraftCheckInput = {
  readonly text: string;
  readonly attachments?: readonly DraftAttachment[];
  readonly photoExpected?: boolean;
  readonly isRepeat?: boolean;
  /** The network's limit for a conversational reply, in characters. */
  readonly maxLength: number;
  /** The author's display name, to recognise an address by name («Анна, …»). */
  readonly authorName?: string | null;
};

export type PhraseLists = {
  readonly bureaucratese: readonly string[];
  readonly measures: readonly string[];
};

// How far into the text a greeting still counts as opening it.
const OPENING = 120;

const greetings = [
  'здравствуй*',
  'добр* день',
  'добр* вечер*',
  'добр* утр*',
  'доброго времени суток',
  'приветствуем',
  'уважаем*',
];

export function checkDraft(input: DraftCheckInput, lists: PhraseLists): DraftWarning[] {
  const warnings: DraftWarning[] = [];
  const text = input.text.trim();
  const normal = normalise(text);

  if (!greetsAuthor(normal, input.authorName ?? null)) warnings.push({ code: 'no_greeting' });
  warnings.push(...findBureaucratese(text, normal, lists.bureaucratese));

  const length = [...text].length;
  if (length > input.maxLength) warnings.push({ code: 'too_long', length, limit: input.maxLength });

  if (input.isRepeat && !lists.measures.some((p) => compile(p).test(normal))) {
    warnings.push({ code: 'repeat_without_measures' });
  }
  const evidence = (input.attachments ?? []).some((a) => a.kind === 'photo' || a.kind === 'video');
  if (input.photoExpected && !evidence) warnings.push({ code: 'photo_missing' });
  return warnings;
}

/** Lines of a phrase list: blank lines and `#` comments dropped. */
export function parsePhraseList(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function greetsAuthor(normal: string, authorName: string | null): boolean {
  const opening = normal.slice(0, OPENING);
  if (greetings.some((g) => compile(g).test(opening))) return true;
  // The author's name is the citizen's text: it is looked for as a plain word, never made into a RegExp.
  const firstName = normalise(authorName?.trim().split(/\s+/)[0]?.replace(/\*/g, '') ?? '');
  if (firstName === '') return false;
  const firstSentence = opening.split(/[.!?\n]/)[0] ?? '';
  return containsWord(firstSentence, firstName);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether `word` stands in `text` as a whole word (no letter or digit right before or after it). */
function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    // The character before may be a surrogate pair ending at at - 1.
    const low = at > 0 ? text.charCodeAt(at - 1) : 0;
    const beforeAt = low >= 0xdc00 && low <= 0xdfff && at > 1 ? at - 2 : at - 1;
    const before = at === 0 ? '' : String.fromCodePoint(text.codePointAt(beforeAt)!);
    const afterCode = text.codePointAt(at + word.length);
    const after = afterCode === undefined ? '' : String.fromCodePoint(afterCode);
    if (!LETTER_OR_DIGIT.test(before) && !LETTER_OR_DIGIT.test(after)) return true;
  }
  return false;
}

function findBureaucratese(text: string, normal: string, patterns: readonly string[]): DraftWarning[] {
  const found: Array<{ phrase: string; pattern: string; index: number; end: number }> = [];
  // Longer phrases first, so «в связи с вышеизложенным» is reported once, not also as «вышеизложенн*».
  const byLength = [...patterns].sort((a, b) => b.length - a.length);
  for (const pattern of byLength) {
    const match = compile(pattern).exec(normal);
    if (!match) continue;
    const index = match.index;
    const end = index + match[0].length;
    if (found.some((f) => index < f.end && f.index < end)) continue;
    found.push({ phrase: text.slice(index, end), pattern, index, end });
  }
  return found
    .sort((a, b) => a.index - b.index)
    .map(({ phrase, pattern, index }) => ({ code: 'bureaucratese', phrase, pattern, index }));
}

/**
 * Lower case and е for ё, one UTF-16 unit for one, so an index in the
 * normalised text is the same index in the original.
 */
function normalise(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out.replace(/ё/g, 'е');
}

const compiled = new Map<string, RegExp>();

/**
 * A phrase of a shipped or configured list (never the citizen's or author's
 * text) as a whole-word pattern; `word*` matches the word with any ending.
 * The words are escaped, and each quantifier is bounded by a literal or a
 * word boundary, so a match costs linear time in the text.
 */
function compile(phrase: string): RegExp {
  let re = compiled.get(phrase);
  if (!re) {
    const words = normalise(phrase.trim())
      .split(/\s+/)
      .map((w) => (w.endsWith('*') ? `${escape(w.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(w)));
    re = new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'u');
    compiled.set(phrase, re);
  }
  return re;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

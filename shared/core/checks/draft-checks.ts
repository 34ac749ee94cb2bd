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
  | { readonly code: 'photo_missing' }
  /** A word the dictionary does not know (sobolevo п.23.2): `phrase` as written, `suggestion` the dictionary's first guess. */
  | { readonly code: 'spelling'; readonly phrase: string; readonly index: number; readonly suggestion?: string }
  /** «ты» addressed to the citizen (severny-pos п.16: no familiarity towards the author). */
  | { readonly code: 'familiar'; readonly phrase: string; readonly index: number };

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
  /** The spelling dictionary, where spelling is checked; the caller loads it (I/O) and passes it in. */
  readonly spell?: SpellChecker | null;
};

/** A loaded dictionary as the checks use it. `correct` is asked only for the words `spellingCandidates` returns. */
export type SpellChecker = {
  correct(word: string): boolean;
  suggest?(word: string): string | undefined;
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
  warnings.push(...findFamiliarity(text, normal));
  if (input.spell) warnings.push(...findMisspelled(text, input.spell, input.authorName ?? null));
  return warnings;
}

/** Beyond this many unknown words the approver has seen enough: the rest is not listed. */
export const MAX_SPELLING_WARNINGS = 5;

export type Candidate = { readonly word: string; readonly index: number };

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const CYRILLIC_WORD = /^[а-яё]+(?:-[а-яё]+)*$/iu;

/**
 * The words of a draft worth asking a dictionary about, as written, once each,
 * in text order. Conservative, so a warning is worth reading: only Cyrillic
 * words of three letters or more; no abbreviations (all capitals: ЖКХ, МКД),
 * no words with digits or Latin letters, nothing in quotation marks (the
 * citizen's own words, a document's title), and no capitalised word inside a
 * sentence (a name: a street, a village, a person). A capitalised word that
 * opens a sentence is checked, in lower case too.
 */
export function spellingCandidates(text: string): Candidate[] {
  const quoted = quotedSpans(text);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const index = m.index;
    if ([...word].length < 3 || !CYRILLIC_WORD.test(word)) continue;
    if (quoted.some(([a, b]) => index >= a && index < b)) continue;
    if (word === word.toUpperCase()) continue;
    const capital = word[0] !== word[0]!.toLowerCase();
    if (capital && !opensSentence(text, index)) continue;
    if (seen.has(word)) continue;
    seen.add(word);
    out.push({ word, index });
  }
  return out;
}

function findMisspelled(text: string, spell: SpellChecker, authorName: string | null): DraftWarning[] {
  const name = normalise(authorName?.trim().split(/\s+/)[0] ?? '');
  const out: DraftWarning[] = [];
  for (const { word, index } of spellingCandidates(text)) {
    if (out.length >= MAX_SPELLING_WARNINGS) break;
    if (normalise(word) === name) continue;
    if (knownWord(word, spell)) continue;
    const suggestion = spell.suggest?.(word);
    out.push({ code: 'spelling', phrase: word, index, ...(suggestion ? { suggestion } : {}) });
  }
  return out;
}

/** A word is known as written, in lower case, with ё for е or е for ё, or (hyphenated) part by part. */
function knownWord(word: string, spell: SpellChecker): boolean {
  const forms = new Set([word, word.toLowerCase()]);
  for (const f of [...forms]) {
    if (f.includes('ё')) forms.add(f.replace(/ё/g, 'е'));
    // ё is mostly written as е: each е in turn may stand for it (one ё a word, as Russian has).
    for (let i = f.indexOf('е'); i !== -1; i = f.indexOf('е', i + 1)) forms.add(`${f.slice(0, i)}ё${f.slice(i + 1)}`);
  }
  for (const f of forms) if (spell.correct(f)) return true;
  // «кое-где», «северо-западный»: a compound the dictionary lacks is known when each part is.
  return word.includes('-') && word.split('-').every((part) => part.length < 3 || knownWord(part, spell));
}

/** Whether the word at `index` begins a sentence: the text's start, or after . ! ? … or a line break, spaces and quotes between. */
function opensSentence(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (/\s|[«"„(—–-]/u.test(ch)) {
      if (ch === '\n') return true;
      continue;
    }
    return /[.!?…]/u.test(ch);
  }
  return true;
}

/** Spans inside «…», „…“ or "…": quoted words are someone else's. */
function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const pairs: Array<[string, string]> = [
    ['«', '»'],
    ['„', '“'],
    ['"', '"'],
  ];
  for (const [open, close] of pairs) {
    let from = 0;
    for (;;) {
      const a = text.indexOf(open, from);
      if (a === -1) break;
      const b = text.indexOf(close, a + 1);
      if (b === -1) break;
      spans.push([a + 1, b]);
      from = b + 1;
    }
  }
  return spans;
}

/**
 * «Ты» addressed to the citizen (severny-pos п.16: «не содержит … фамильярности
 * по отношению к автору»). Conservative: the pronouns ты/тебя/тебе/тобой and
 * твой in every form; verbs in the second person singular (-ешь, -ишь:
 * «можешь», «звонишь») but not the few nouns so spelled; and a short list of
 * imperatives a reply would address to its reader («позвони», «обратись»),
 * since most imperatives cannot be told from other forms without a grammar.
 * Quoted words (the citizen's own) are left alone; the conversational tone
 * Sobolevo п.23.1 asks for is untouched, «вы» is not required anywhere.
 */
function findFamiliarity(text: string, normal: string): DraftWarning[] {
  const quoted = quotedSpans(text);
  const out: DraftWarning[] = [];
  for (const m of normal.matchAll(WORD)) {
    const word = m[0];
    const index = m.index;
    if (!FAMILIAR_PRONOUNS.has(word) && !FAMILIAR_IMPERATIVES.has(word) && !secondPersonVerb(word)) continue;
    if (quoted.some(([a, b]) => index >= a && index < b)) continue;
    out.push({ code: 'familiar', phrase: text.slice(index, index + word.length), index });
  }
  return out;
}

// Normalised (ё → е), as `normalise` gives them.
const FAMILIAR_PRONOUNS = new Set([
  'ты', 'тебя', 'тебе', 'тобой', 'тобою',
  'твой', 'твоя', 'твое', 'твои', 'твоего', 'твоей', 'твоему', 'твоим', 'твоих', 'твоими', 'твою', 'твоем',
]);
const FAMILIAR_IMPERATIVES = new Set([
  'обратись', 'позвони', 'звони', 'напиши', 'приходи', 'подожди', 'уточни', 'зайди', 'сообщи', 'извини', 'посмотри', 'проверь',
]);
// Nouns and particles that end like a second-person verb.
const NOT_VERBS = new Set(['лишь', 'тишь', 'брешь', 'плешь', 'ешь', 'ишь', 'мышь', 'вошь', 'глушь']);

function secondPersonVerb(word: string): boolean {
  return word.length >= 5 && /(?:ешь|ишь)$/u.test(word) && !NOT_VERBS.has(word) && !word.includes('-');
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

// Normalisation undoes the common obfuscations before any pattern runs, and keeps a map from
// every normalised character back to the citizen's text so hits quote the original.

/** Latin letters that look like Cyrillic ones (mapped inside Cyrillic words or when standing alone). */
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а', b: 'б', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', n: 'п', o: 'о', p: 'р', r: 'г',
  t: 'т', u: 'и', x: 'х', y: 'у',
};
/** Digits and symbols used for letters; mapped only inside words that have Cyrillic letters. */
const SUBSTITUTE: Readonly<Record<string, string>> = {
  '0': 'о', '3': 'з', '4': 'ч', '6': 'б', '@': 'а', $: 'с',
};
/** Characters that split words (besides whitespace); dots, hyphens, asterisks stay inside a word. */
const SPLIT = new Set([...',;:!?()[]{}"\'«»„“”<>/\\|…–—']);
const SENTENCE_END = new Set([...'.!?…;']);
const CYRILLIC = /[а-яё]/i;

export interface Token {
  /** Normalised word: [а-я*]+ */
  text: string;
  /** Original offset of each character of `text` (of the first of a collapsed run). */
  offsets: number[];
  /** Original offset of the last character behind each character of `text`. */
  ends: number[];
  /** Sentence number, so addressee checks stay within one sentence. */
  sentence: number;
}

export interface Normalised {
  /** Words joined by ' ' inside a sentence and by '\n' between sentences. */
  text: string;
  /** Original offsets of the first and the last character behind every character of `text`. */
  offsets: number[];
  ends: number[];
  /** Word number of every character of `text` (separators belong to the preceding word). */
  wordOf: number[];
  tokens: Token[];
  /** Where each token starts in `text`. */
  starts: number[];
}

function isSplit(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || SPLIT.has(ch);
}

function normaliseToken(raw: string, start: number, sentence: number): Token {
  let letterish = 0;
  for (const ch of raw) if (/[\p{L}\d]/u.test(ch)) letterish++;
  const hasCyrillic = CYRILLIC.test(raw);
  const mapLatin = hasCyrillic || letterish === 1;
  let text = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    let ch = (raw[i] ?? '').toLowerCase().charAt(0);
    if (ch === 'ё') ch = 'е';
    let out = '';
    if ((ch >= 'а' && ch <= 'я') || ch === '*') out = ch;
    else if (mapLatin && LOOKALIKE[ch] !== undefined) out = LOOKALIKE[ch] ?? '';
    else if (hasCyrillic && SUBSTITUTE[ch] !== undefined) out = SUBSTITUTE[ch] ?? '';
    // Anything else inside a word (dots, hyphens, stray symbols) is a separator to drop: «б.л.я».
    if (out === '') continue;
    // Repeated letters collapse («ссуукаа» → «сука»); the quote still covers all of them.
    if (text.endsWith(out)) {
      ends[ends.length - 1] = start + i;
      continue;
    }
    text += out;
    offsets.push(start + i);
    ends.push(start + i);
  }
  // A leading or trailing asterisk is emphasis or a footnote, not a mask.
  while (text.startsWith('*')) { text = text.slice(1); offsets.shift(); ends.shift(); }
  while (text.endsWith('*')) { text = text.slice(0, -1); offsets.pop(); ends.pop(); }
  return { text, offsets, ends, sentence };
}

export function normalise(input: string): Normalised {
  const tokens: Token[] = [];
  let sentence = 0;
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? '';
    if (isSplit(ch)) {
      if (ch === '\n' || SENTENCE_END.has(ch)) sentence++;
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !isSplit(input[j] ?? '')) j++;
    const token = normaliseToken(input.slice(i, j), i, sentence);
    if (token.text !== '') tokens.push(token);
    // A dot at the end of a word ends the sentence; dots inside a word are obfuscation.
    if (input[j - 1] === '.') sentence++;
    i = j;
  }
  let text = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  const wordOf: number[] = [];
  const starts: number[] = [];
  tokens.forEach((token, n) => {
    if (n > 0) {
      const sameSentence = tokens[n - 1]?.sentence === token.sentence;
      text += sameSentence ? ' ' : '\n';
      offsets.push(token.offsets[0] ?? 0);
      ends.push(token.offsets[0] ?? 0);
      wordOf.push(n - 1);
    }
    starts.push(text.length);
    text += token.text;
    offsets.push(...token.offsets);
    ends.push(...token.ends);
    for (let k = 0; k < token.text.length; k++) wordOf.push(n);
  });
  return { text, offsets, ends, wordOf, tokens, starts };
}

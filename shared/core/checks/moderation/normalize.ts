// Normalisation undoes the common obfuscations before any pattern runs, and keeps a map from
// every normalised character back to the citizen's text so hits quote the original.
// It works on char codes in one pass: checking a long text must stay far below a millisecond.

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
const SPLIT = ',;:!?()[]{}"\'«»„“”<>/\\|…–—';
/** Split characters that also end a sentence; a dot ends one only at the end of a word (see below). */
const SENTENCE_END = '!?…;\n';

const A = 0x430; // а
const YA = 0x44f; // я
const YO = 0x451; // ё
const IE = 0x435; // е
const STAR = 0x2a;
const DOT = 0x2e;

/** Per char code below 0x2100: 1 splits words, 2 also ends a sentence. */
const splitKind = new Uint8Array(0x2100);
for (const ch of ' \t\r\u00a0\u2028') splitKind[ch.charCodeAt(0)] = 1;
for (const ch of SPLIT) splitKind[ch.charCodeAt(0)] = 1;
for (const ch of SENTENCE_END) splitKind[ch.charCodeAt(0)] = 2;
/** Latin look-alike → Cyrillic code, and digit/symbol → Cyrillic code (0 = none). */
const latinCode = new Uint16Array(128);
const substituteCode = new Uint16Array(128);
for (const [from, to] of Object.entries(LOOKALIKE)) latinCode[from.charCodeAt(0)] = to.charCodeAt(0);
for (const [from, to] of Object.entries(SUBSTITUTE)) substituteCode[from.charCodeAt(0)] = to.charCodeAt(0);

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

function splits(code: number): number {
  return code < 0x2100 ? (splitKind[code] ?? 0) : code === 0x3000 ? 1 : 0;
}

function isCyrillic(code: number): boolean {
  return (code >= A && code <= YA) || code === YO;
}

/** Normalises lower[start, end) — the lower-cased input, same offsets as the original. */
function normaliseToken(lower: string, start: number, end: number, sentence: number): Token {
  let letterish = 0;
  let hasCyrillic = false;
  for (let i = start; i < end; i++) {
    const code = lower.charCodeAt(i);
    if (isCyrillic(code)) { hasCyrillic = true; letterish++; }
    else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) letterish++;
  }
  const mapLatin = hasCyrillic || letterish === 1;
  const codes: number[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  for (let i = start; i < end; i++) {
    let code = lower.charCodeAt(i);
    if (code === YO) code = IE;
    let out = 0;
    if ((code >= A && code <= YA) || code === STAR) out = code;
    else if (code < 128 && mapLatin && latinCode[code]) out = latinCode[code] ?? 0;
    else if (code < 128 && hasCyrillic && substituteCode[code]) out = substituteCode[code] ?? 0;
    // Anything else inside a word (dots, hyphens, stray symbols) is a separator to drop: «б.л.я».
    if (out === 0) continue;
    // Repeated letters collapse («ссуукаа» → «сука»); the quote still covers all of them.
    if (codes[codes.length - 1] === out) {
      ends[ends.length - 1] = i;
      continue;
    }
    codes.push(out);
    offsets.push(i);
    ends.push(i);
  }
  // A leading or trailing asterisk is emphasis or a footnote, not a mask.
  while (codes[0] === STAR) { codes.shift(); offsets.shift(); ends.shift(); }
  while (codes[codes.length - 1] === STAR) { codes.pop(); offsets.pop(); ends.pop(); }
  return { text: fromCodes(codes), offsets, ends, sentence };
}

/** String.fromCharCode in chunks: spreading a very long word as arguments overflows the stack. */
function fromCodes(codes: number[]): string {
  const CHUNK = 8192;
  if (codes.length <= CHUNK) return String.fromCharCode(...codes);
  let out = '';
  for (let i = 0; i < codes.length; i += CHUNK) out += String.fromCharCode(...codes.slice(i, i + CHUNK));
  return out;
}

/** Lower-cases keeping offsets: per character only when some character changes length. */
function lowerCase(input: string): string {
  const lower = input.toLowerCase();
  if (lower.length === input.length) return lower;
  let out = '';
  for (const ch of input) out += ch.toLowerCase().slice(0, ch.length).padEnd(ch.length, ' ');
  return out;
}

export function normalise(input: string): Normalised {
  const lower = lowerCase(input);
  const tokens: Token[] = [];
  let sentence = 0;
  let i = 0;
  while (i < lower.length) {
    const kind = splits(lower.charCodeAt(i));
    if (kind !== 0) {
      if (kind === 2) sentence++;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lower.length && splits(lower.charCodeAt(j)) === 0) j++;
    const token = normaliseToken(lower, i, j, sentence);
    if (token.text !== '') tokens.push(token);
    // A dot at the end of a word ends the sentence; dots inside a word are obfuscation.
    if (lower.charCodeAt(j - 1) === DOT) sentence++;
    i = j;
  }
  const parts: string[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  const wordOf: number[] = [];
  const starts: number[] = [];
  let length = 0;
  tokens.forEach((token, n) => {
    if (n > 0) {
      parts.push(tokens[n - 1]?.sentence === token.sentence ? ' ' : '\n');
      const at = token.offsets[0] ?? 0;
      offsets.push(at);
      ends.push(at);
      wordOf.push(n - 1);
      length++;
    }
    starts.push(length);
    parts.push(token.text);
    length += token.text.length;
    for (let k = 0; k < token.text.length; k++) {
      offsets.push(token.offsets[k] ?? 0);
      ends.push(token.ends[k] ?? 0);
      wordOf.push(n);
    }
  });
  return { text: parts.join(''), offsets, ends, wordOf, tokens, starts };
}

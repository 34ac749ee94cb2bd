// createModeration: flags Russian obscenity, insults and threats in a citizen's text. It only suggests
// «не подлежит рассмотрению»; the curator decides. The word lists come in as data (shared/platform/wordlists
// reads the shipped ones) and are compiled once, by the factory.
import { normalise, type Normalised } from './normalize.js';
import { compile, type Matcher } from './patterns.js';
import type { ModerationCategory, ModerationHit, ModerationLists, ModerationResult } from './types.js';

/** Checks one text against the lists it was made with. */
export type CheckText = (text: string) => ModerationResult;

interface Compiled {
  obscenity: Matcher;
  insult: Matcher;
  insultAddressed: Matcher;
  addressee: Matcher;
  threat: Matcher;
  /** Full forms a masked word is compared with, each with the category its own spelling hits. */
  maskedForms: Array<{ word: string; category: ModerationCategory }>;
}

/**
 * How far an addressee may be for «воры», «бездельники» to count as an insult: up to three words
 * before («вы там все воры») or right after («воры вы»), so «воры вскрыли гараж, вы…» stays clean.
 */
const ADDRESSEE_BEFORE = 3;
const ADDRESSEE_AFTER = 1;
/** At least this many single letters in a row are read as one spaced-out word («б л я т ь»). */
const SPACED_RUN = 3;

function categoryOf(c: Pick<Compiled, 'obscenity' | 'insult'>, word: string): ModerationCategory | undefined {
  for (const [category, matcher] of [['obscenity', c.obscenity], ['insult', c.insult]] as const) {
    matcher.atWordStart.lastIndex = 0;
    if (matcher.atWordStart.test(word)) return category;
  }
  return undefined;
}

export function createModeration(lists: ModerationLists): CheckText {
  const words = {
    obscenity: compile(lists.obscenity),
    insult: compile(lists.insult),
    insultAddressed: compile(lists.insultAddressed),
    addressee: compile(lists.addressee),
    threat: compile(lists.threat),
  };
  const maskedForms = lists.masked.flatMap((word) => {
    const category = categoryOf(words, word);
    return category === undefined ? [] : [{ word, category }];
  });
  const c: Compiled = { ...words, maskedForms };
  return (text) => checkText(c, text);
}

interface Span { start: number; end: number }

function* matches(re: RegExp, text: string): Generator<Span> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    yield { start: m.index, end: m.index + m[0].length };
  }
}

function checkText(c: Compiled, text: string): ModerationResult {
  const norm = normalise(text);
  const hits: ModerationHit[] = [];
  const add = (category: ModerationCategory, start: number, end: number): void => {
    const from = norm.offsets[start] ?? 0;
    const to = (norm.ends[end - 1] ?? from) + 1;
    hits.push({ category, match: text.slice(from, to), index: from });
  };

  for (const [category, matcher] of [
    ['obscenity', c.obscenity], ['insult', c.insult], ['threat', c.threat],
  ] as const) {
    for (const span of matches(matcher.atWordStart, norm.text)) add(category, span.start, span.end);
  }
  const addressed = addressedWords(c, norm);
  for (const span of matches(c.insultAddressed.atWordStart, norm.text)) {
    if (nearAddressee(norm, span.start, addressed)) add('insult', span.start, span.end);
  }
  checkSpacedLetters(c, norm, add);
  checkMasked(c, norm, add);

  const seen = new Set<string>();
  const unique = hits
    .sort((a, b) => a.index - b.index)
    .filter((hit) => {
      const key = `${hit.category}:${hit.index}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { verdict: unique.length === 0 ? 'clean' : 'suspect', hits: unique };
}

function addressedWords(c: Compiled, norm: Normalised): Set<number> {
  const words = new Set<number>();
  for (const span of matches(c.addressee.atWordStart, norm.text)) {
    const word = norm.wordOf[span.start];
    if (word !== undefined) words.add(word);
  }
  return words;
}

function nearAddressee(norm: Normalised, start: number, addressed: Set<number>): boolean {
  const word = norm.wordOf[start];
  if (word === undefined) return false;
  const sentence = norm.tokens[word]?.sentence;
  for (let w = word - ADDRESSEE_BEFORE; w <= word + ADDRESSEE_AFTER; w++) {
    if (addressed.has(w) && norm.tokens[w]?.sentence === sentence) return true;
  }
  return false;
}

type Add = (category: ModerationCategory, start: number, end: number) => void;

/** «х у й», «б л я т ь»: runs of single letters are joined and searched without word anchoring. */
function checkSpacedLetters(c: Compiled, norm: Normalised, add: Add): void {
  let runStart = 0;
  const flush = (runEnd: number): void => {
    if (runEnd - runStart >= SPACED_RUN) searchRun(c, norm, runStart, runEnd, add);
  };
  norm.tokens.forEach((token, n) => {
    const single = token.text.length === 1 && token.text !== '*';
    const joinsRun = single && n > runStart && norm.tokens[n - 1]?.sentence === token.sentence;
    if (!joinsRun) {
      flush(n);
      runStart = single ? n : n + 1;
    }
  });
  flush(norm.tokens.length);
}

function searchRun(c: Compiled, norm: Normalised, from: number, to: number, add: Add): void {
  // Join the letters, collapsing repeats again («х у у й»); first/last map a joined letter to tokens.
  // The previous letter is kept aside: endsWith() on a string being built flattens it each time (quadratic).
  const letters: string[] = [];
  const first: number[] = [];
  const last: number[] = [];
  for (let n = from; n < to; n++) {
    const letter = norm.tokens[n]?.text ?? '';
    if (letters.length > 0 && letters[letters.length - 1] === letter) { last[last.length - 1] = n; continue; }
    letters.push(letter);
    first.push(n);
    last.push(n);
  }
  const joined = letters.join('');
  for (const [category, matcher] of [['obscenity', c.obscenity], ['insult', c.insult]] as const) {
    for (const span of runMatches(matcher.anywhere, joined)) {
      const start = norm.starts[first[span.start] ?? -1];
      const end = norm.starts[last[span.end - 1] ?? -1];
      if (start !== undefined && end !== undefined) add(category, start, end + 1);
    }
  }
}

/** How far one search in a run of spaced letters looks: a spaced-out word is far shorter. */
const RUN_WINDOW = 64;
/** Letters before a window that its search still sees, for a pattern's look-behind. */
const RUN_CONTEXT = 16;

/**
 * The `anywhere` patterns tried at every position of a long run could each
 * scan to its end («[а-я]*?п[ие]зд»), which is quadratic in the run's length;
 * a citizen controls that length. Long runs are searched in windows of two
 * RUN_WINDOWs stepping by one: a window reports the matches that start in its
 * first half (the second half leaves room for a match and its look-ahead),
 * and, like one pass of a global RegExp, none that starts inside the last one.
 */
function* runMatches(re: RegExp, joined: string): Generator<Span> {
  if (joined.length <= 2 * RUN_WINDOW) {
    yield* matches(re, joined);
    return;
  }
  let lastEnd = 0;
  for (let from = 0; from < joined.length; from += RUN_WINDOW) {
    const last = from + 2 * RUN_WINDOW >= joined.length;
    const sliceStart = Math.max(0, from - RUN_CONTEXT);
    for (const span of matches(re, joined.slice(sliceStart, from + 2 * RUN_WINDOW))) {
      const start = sliceStart + span.start;
      if (!last && start >= from + RUN_WINDOW) break;
      if (start < from || start < lastEnd) continue;
      lastEnd = sliceStart + span.end;
      yield { start, end: lastEnd };
    }
    if (last) break;
  }
}

/** «с*ка», «х*й», «б**ть»: each run of «*» stands for one to four letters of a known full form. */
function checkMasked(c: Compiled, norm: Normalised, add: Add): void {
  norm.tokens.forEach((token, n) => {
    const start = norm.starts[n] ?? 0;
    if (!token.text.includes('*')) return;
    const letters = token.text.replace(/\*/g, '').length;
    if (letters < 2) return;
    const form = c.maskedForms.find((f) => fitsMask(token.text, f.word));
    if (form !== undefined) add(form.category, start, start + token.text.length);
  });
}

const CYR_A = 0x430; // а
const CYR_YA = 0x44f; // я
/** How many letters one «*» may hide. */
const MASK_REACH = 4;

/**
 * Whether `word` is `masked` with every «*» read as one to four letters а–я.
 * Hand-written rather than a RegExp built from the citizen's text: a mask of
 * thousands of stars made such a RegExp overflow the stack. A mask that cannot
 * fit the word's length is rejected at once, so the work is bounded by the
 * (short) list word, whatever the citizen wrote.
 */
export function fitsMask(masked: string, word: string): boolean {
  let stars = 0;
  for (let i = 0; i < masked.length; i++) if (masked.charCodeAt(i) === 0x2a) stars++;
  const letters = masked.length - stars;
  if (word.length < letters + stars || word.length > letters + MASK_REACH * stars) return false;
  // reach[p]: the mask's prefix read so far can end at word position p.
  let reach = new Uint8Array(word.length + 1);
  reach[0] = 1;
  for (let i = 0; i < masked.length; i++) {
    const ch = masked.charCodeAt(i);
    const next = new Uint8Array(word.length + 1);
    let any = false;
    for (let p = 0; p <= word.length; p++) {
      if (reach[p] !== 1) continue;
      if (ch === 0x2a) {
        for (let k = 1; k <= MASK_REACH && p + k <= word.length; k++) {
          const c = word.charCodeAt(p + k - 1);
          if (c < CYR_A || c > CYR_YA) break;
          next[p + k] = 1;
          any = true;
        }
      } else if (p < word.length && word.charCodeAt(p) === ch) {
        next[p + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    reach = next;
  }
  return reach[word.length] === 1;
}

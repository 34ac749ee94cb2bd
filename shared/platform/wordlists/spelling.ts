/**
 * The Russian spelling dictionary for the draft checks (sobolevo п.23.2):
 * hunspell's Russian dictionary (`dictionary-ru`, BSD) read by `nspell`,
 * plus the words of municipal answers it lacks (./data/spelling-extra.ru.txt).
 *
 * Building it is the costly part — some seconds of CPU and a few hundred MB
 * — so it is built once per process, on first need (or at start where a
 * process warms it), fed to nspell in slices with a pause as long as each
 * slice between them, so the process keeps serving at half pace meanwhile.
 * Answers are memoised per word: a card is redrawn often, a suggestion
 * costs tens of milliseconds.
 */
import { readFile } from 'node:fs/promises';
import nspell from 'nspell';
import { parsePhraseList, type SpellChecker } from '../../core/checks/draft-checks.js';

// About 50 ms of work a slice on a small server: the event loop is never held for long.
const LINES_PER_SLICE = 1000;
const MEMO_LIMIT = 20_000;

let loading: Promise<SpellChecker> | null = null;
let loaded: SpellChecker | null = null;

/** The dictionary, built once per process; later calls get the same one. */
export function loadSpeller(): Promise<SpellChecker> {
  loading ??= build().then((s) => (loaded = s));
  return loading;
}

/** The dictionary if it is built already (null while it is still being built or was never asked for). */
export function spellerIfReady(): SpellChecker | null {
  return loaded;
}

async function build(): Promise<SpellChecker> {
  // dictionary-ru reads its two files (asynchronously) when imported.
  const [{ default: dictionary }, extra] = await Promise.all([
    import('dictionary-ru'),
    readFile(new URL('./data/spelling-extra.ru.txt', import.meta.url), 'utf8'),
  ]);
  const aff = Buffer.from(dictionary.aff);
  const dic = Buffer.from(dictionary.dic).toString('utf8');
  const spell = nspell(aff);
  const lines = dic.split('\n');
  // nspell skips the first line of what it is given (a .dic's word count), so each slice starts with a dummy one.
  for (let i = 1; i < lines.length; i += LINES_PER_SLICE) {
    const started = performance.now();
    spell.dictionary(`0\n${lines.slice(i, i + LINES_PER_SLICE).join('\n')}`);
    // At most half the process's time: as long a pause as the slice took, so cards and jobs keep their pace meanwhile.
    await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(performance.now() - started)));
  }
  spell.personal(parsePhraseList(extra).join('\n'));
  return memoised({
    correct: (word) => spell.correct(word),
    suggest: (word) => spell.suggest(word)[0],
  });
}

function memoised(inner: Required<SpellChecker>): SpellChecker {
  const correct = new Map<string, boolean>();
  const suggest = new Map<string, string | undefined>();
  const remember = <V>(map: Map<string, V>, key: string, value: V): V => {
    if (map.size >= MEMO_LIMIT) map.clear();
    map.set(key, value);
    return value;
  };
  return {
    correct: (word) => (correct.has(word) ? correct.get(word)! : remember(correct, word, inner.correct(word))),
    suggest: (word) => (suggest.has(word) ? suggest.get(word) : remember(suggest, word, inner.suggest(word))),
  };
}

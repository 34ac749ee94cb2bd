// The word lists' format (see the header of any shared/platform/wordlists/data/*.ru.txt) compiled into regular
// expressions: checking a text then costs one pass per category.

const WORD = '[а-я*]';
const WORD_START = `(?<!${WORD})`;
const WORD_END = `(?!${WORD})`;

/** Rewrites one data line into regex source: ё→е, doubled letters collapsed, shorthands expanded. */
export function patternSource(line: string): string {
  return line
    .replace(/ё/g, 'е')
    .replace(/([а-я])\1+/g, '$1')
    .replace(/ ~ /g, ` (?:${WORD}+ ){0,3}`)
    .replace(/>/g, WORD_END);
}

export interface Matcher {
  /** Finds the patterns at word starts; each match is extended to the end of its last word. */
  atWordStart: RegExp;
  /** The same patterns anywhere: used on letters the citizen spaced apart («х у й»). */
  anywhere: RegExp;
}

export function compile(lines: readonly string[]): Matcher {
  // No patterns match nothing (an empty alternation would match every word).
  if (lines.length === 0) return { atWordStart: /(?!)/g, anywhere: /(?!)/g };
  const alternation = lines.map(patternSource).join('|');
  return {
    atWordStart: new RegExp(`${WORD_START}(?:${alternation})${WORD}*`, 'g'),
    anywhere: new RegExp(`(?:${alternation})`, 'g'),
  };
}

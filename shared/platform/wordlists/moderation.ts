// Compiles the data files (format: see the header of any data/*.ru.txt) into regular expressions
// once, at import time; checking a text then costs one pass per category.
import { readFileSync } from 'node:fs';

const WORD = '[а-я*]';
const WORD_START = `(?<!${WORD})`;
const WORD_END = `(?!${WORD})`;

export function readLines(file: string): string[] {
  const text = readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

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

export function compile(file: string): Matcher {
  const alternation = readLines(file).map(patternSource).join('|');
  return {
    atWordStart: new RegExp(`${WORD_START}(?:${alternation})${WORD}*`, 'g'),
    anywhere: new RegExp(`(?:${alternation})`, 'g'),
  };
}

/**
 * What stands for a citizen inside texts Otklik keeps (staff drafts and notes,
 * the audit's data, a pending input): their name, profile link, id and own
 * words, found as whole words and replaced by the locale's placeholders. Pure.
 *
 * Russian names decline (Анна, Анне, Анну): only the forms the citizen's
 * stored name has are found. docs/privacy.md says so.
 */
import { t } from '../../platform/i18n.js';

/** What identifies one citizen: exact strings, each found as a whole word, case-insensitively. */
export type Traces = {
  /** Full names and first names: replaced by the name placeholder, so a greeting still reads as one. */
  names: string[];
  /** Ids, profile links, message links, the citizen's own texts: replaced by the fragment placeholder. */
  fragments: string[];
};

/** A first name shorter than this is too likely an ordinary word to be replaced in staff texts. */
const MIN_NAME = 3;
/** A citizen's text shorter than this ("Да", "Спасибо") is not looked for inside staff texts. */
const MIN_QUOTE = 12;
/** An id shorter than this (a test's "7") would match numbers that are not it. */
const MIN_ID = 4;

export function tracesOf(input: {
  ids?: readonly string[];
  names?: readonly (string | null | undefined)[];
  links?: readonly (string | null | undefined)[];
  texts?: readonly (string | null | undefined)[];
}): Traces {
  const names = new Set<string>();
  for (const raw of input.names ?? []) {
    const name = raw?.trim();
    if (!name) continue;
    names.add(name);
    for (const part of name.split(/\s+/)) if (part.length >= MIN_NAME) names.add(part);
  }
  const fragments = new Set<string>();
  for (const id of input.ids ?? []) if (id.trim().length >= MIN_ID) fragments.add(id.trim());
  for (const link of input.links ?? []) if (link?.trim()) fragments.add(link.trim());
  for (const text of input.texts ?? []) if (text && text.trim().length >= MIN_QUOTE) fragments.add(text.trim());
  return { names: [...names], fragments: [...fragments] };
}

export function mergeTraces(...all: Traces[]): Traces {
  return { names: [...new Set(all.flatMap((x) => x.names))], fragments: [...new Set(all.flatMap((x) => x.fragments))] };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// A numeric id is found after letters too ("id610001" in a profile link), never inside a longer number.
const word = (s: string) => (/^\d+$/.test(s) ? `(?<!\\d)${s}(?!\\d)` : `(?<![\\p{L}\\p{N}])${escapeRe(s)}(?![\\p{L}\\p{N}])`);

/** One regex per kind, longest first, so a full name goes before its first name and a text before a word in it. */
function matcher(list: readonly string[]): RegExp | null {
  if (!list.length) return null;
  const sorted = [...list].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(word).join('|'), 'giu');
}

export type Redactor = {
  text(s: string): string;
  /** Every string inside a JSON value; keys and other values are kept. */
  json<T>(value: T): T;
  /** Whether a string holds any trace (for scans). */
  found(s: string): boolean;
};

export function redactor(traces: Traces): Redactor {
  const fragments = matcher(traces.fragments);
  const names = matcher(traces.names);
  const text = (s: string) => {
    let out = s;
    if (fragments) out = out.replace(fragments, () => t('privacy-erased-fragment'));
    if (names) out = out.replace(names, () => t('privacy-erased-name'));
    return out;
  };
  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, json(v)]));
    return value;
  };
  const found = (s: string) => {
    if (fragments) {
      fragments.lastIndex = 0;
      if (fragments.test(s)) return true;
    }
    if (names) {
      names.lastIndex = 0;
      if (names.test(s)) return true;
    }
    return false;
  };
  return { text, json: json as <T>(v: T) => T, found };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetIds, presets } from '../../shared/core/sla/profile/presets/index.js';

/**
 * docs/profiles.md quotes every clause each preset encodes. A preset that
 * starts citing a clause the page does not list fails here, so the page and
 * the data cannot drift apart.
 */

const doc = readFileSync(new URL('../../docs/profiles.md', import.meta.url), 'utf8');

/** Every string a preset holds under a key ending in "clause"/"Clause", at any depth. */
function clauseStrings(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) clauseStrings(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (/clause$/i.test(key) && typeof v === 'string') out.push(v);
      else clauseStrings(v, out);
    }
  }
  return out;
}

/** "п.10 (…), п.18" → ["10", "18"]; Kamchatka's annex numbers its clauses "2.5". */
function clauseNumbers(text: string): string[] {
  const pn = [...text.matchAll(/п\.\s?(\d+(?:\.\d+)*)/g)].map((m) => m[1]!);
  return pn.length > 0 ? pn : [...text.matchAll(/\b(\d+\.\d+)\b/g)].map((m) => m[1]!);
}

/** The first column of the preset's table in "Clause by clause". */
function documentedClauses(id: string): Set<string> {
  const start = doc.indexOf(`### \`${id}\``);
  expect(start, `docs/profiles.md has no section for ${id}`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n### ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const found = new Set<string>();
  for (const line of section.split('\n')) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
    if (cell && cell !== 'clause' && !cell.startsWith('---')) for (const n of clauseNumbers(cell)) found.add(n);
  }
  return found;
}

describe('docs/profiles.md, clause by clause', () => {
  it.each(presetIds)('%s: every clause the preset cites is quoted', (id) => {
    const cited = new Set(clauseStrings(presets[id]).flatMap(clauseNumbers));
    expect(cited.size).toBeGreaterThan(3);
    const documented = documentedClauses(id);
    expect([...cited].filter((n) => !documented.has(n))).toEqual([]);
  });
});

/**
 * What the curator's card proposes for a new message, so a typical one is
 * routed in one tap: topics and a location whose names occur in the text,
 * and the departments that answer those topics. Only a proposal: every
 * part can be changed on the card, and nothing is decided without a tap.
 */
import type { Org } from '../../platform/config/org.js';

export type Suggestion = { topics: string[]; location: string | null; departments: string[] };

/** Settlement-type prefixes as locations are usually written: "г. Завитинск", "с. Антоновка". */
const PREFIX = /^(г|с|п|пос|д|пгт|ст|х|мкр|ул)\.\s*/i;

/** A crude Russian stem: enough to match "Антоновка" in "в Антоновке", "Дороги" in "дорогу". */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  return w.length > 6 ? w.slice(0, -2) : w.length > 3 ? w.slice(0, -1) : w;
}

function mentions(text: string, name: string): boolean {
  const words = name.replace(PREFIX, '').split(/[\s-]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => text.includes(stem(w)));
}

export function suggest(text: string, org: Org): Suggestion {
  const haystack = text.toLowerCase().replace(/ё/g, 'е');
  const topics = org.topics.filter((t) => mentions(haystack, t));
  const location = org.locations.find((l) => mentions(haystack, l)) ?? null;
  const departments = org.departments.filter((d) => d.topics?.some((t) => topics.includes(t))).map((d) => d.id);
  return { topics, location, departments };
}

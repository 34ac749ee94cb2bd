import type { Importance } from '../../core/incident/index.js';
import type { Suggestion } from './suggest.js';

/** Which part of the curator's card keyboard is open. */
// 'departments' picks one department and routes; 'several' (behind «Несколько…») toggles any number.
export const views = ['main', 'topics', 'location', 'departments', 'reject', 'repeat', 'reopen', 'several', 'forward', 'importance', 'term'] as const;
export type View = (typeof views)[number];

/**
 * The curator's choices on a card before they confirm: seeded from the
 * suggestion, changed by taps, kept in the card's row.
 */
export type Selection = {
  view: View;
  topics: string[];
  location: string | null;
  importance: Importance;
  significant: boolean;
  departments: string[];
  responsible: string | null;
  /** The open picker's page, from 0; absent in selections stored before pickers were paged. */
  page?: number;
  /** The message's own term the curator chose (zavitinsk п.8, kamchatka 2.6), in the profile's unit; set when routing. */
  term?: number | null;
};

export function initialSelection(s: Suggestion): Selection {
  return {
    view: 'main',
    topics: s.topics,
    location: s.location,
    importance: 'normal',
    significant: false,
    departments: s.departments,
    responsible: s.departments.length > 1 ? s.departments[0]! : null,
  };
}

export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

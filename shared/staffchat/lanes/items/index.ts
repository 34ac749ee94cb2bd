/**
 * Lane items: a letter for what is shown and the row id it is rendered from.
 * Adding a kind of staff message means one source here, nothing in the lane.
 */
import { cardSource } from './card.js';
import { digestSource } from './digest.js';
import type { LiveSource } from './live.js';
import { mediaSource } from './media.js';
import { messageSource } from './message.js';

const sources = { c: cardSource, d: digestSource, m: messageSource, p: mediaSource } satisfies Record<string, LiveSource>;
export type ItemType = keyof typeof sources;

export const itemKey = (type: ItemType, id: number) => `${type}${id}`;

export function parseItem(item: string): { source: LiveSource; id: number } | null {
  const m = /^([cdmp])(\d+)$/.exec(item);
  return m ? { source: sources[m[1] as ItemType], id: Number(m[2]) } : null;
}

import type { Org } from '../../platform/config/org.js';

/** The staff chats where a newly detected incident's card appears. */
export function curatorChats(org: Org): number[] {
  return [org.chats.curators];
}

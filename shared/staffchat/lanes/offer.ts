/** Puts an item in its chat's lane and makes sure a pump run will drain it. */
import { closeDigest } from './digest-store.js';
import type { Offer, OfferResult } from './lane.js';
import type { LaneRuntime } from './runtime.js';

export async function offerItem(rt: LaneRuntime, chatId: number, offer: Offer): Promise<OfferResult> {
  const result = await rt.lane.offer(chatId, offer);
  if (result.status === 'queued') {
    // Added even when the run was already due: if its job was lost (a crash between marker and enqueue)
    // this re-creates it; otherwise BullMQ ignores a job id it already holds.
    await rt.start(chatId, result.run);
    if (result.closedDigest) await closeDigest(rt.ctx.database.db, result.closedDigest);
  }
  return result;
}

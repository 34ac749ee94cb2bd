/**
 * A staff-facing request the bot makes at once instead of through a lane
 * (the card redrawn for the curator who just pressed its menu button, a
 * forced-reply question): charged to the chat's and the bot's buckets, so the
 * lane leaves room for it and the next 429 is not the lane's surprise.
 */
import type { AppContext } from '../../networks/context.js';
import { createBuckets } from './bucket.js';
import type { LaneKind } from './lane.js';
import { chatBucket } from './limits.js';
import { lanesOf } from './runtime.js';

export async function chargeDirect(ctx: AppContext, chatId: number, kind: LaneKind): Promise<void> {
  const rt = lanesOf(ctx);
  if (!rt) return;
  const k = rt.lane.keys(chatId);
  await createBuckets(ctx.redis, rt.clock).charge([
    { key: kind === 'send' ? k.sendBucket : k.editBucket, spec: chatBucket(rt.limits, chatId, kind) },
    { key: k.global, spec: rt.limits.global },
  ]);
}

/**
 * Like `chargeDirect`, but only when the chat and the bot have room now: true when taken. For a request
 * that is a nicety (a tapped card redrawn before the lane gets to it), skipped rather than crowding the lane.
 */
export async function takeDirect(ctx: AppContext, chatId: number, kind: LaneKind): Promise<boolean> {
  const rt = lanesOf(ctx);
  if (!rt) return false;
  const k = rt.lane.keys(chatId);
  const wait = await createBuckets(ctx.redis, rt.clock).take([
    { key: kind === 'send' ? k.sendBucket : k.editBucket, spec: chatBucket(rt.limits, chatId, kind) },
    { key: k.global, spec: rt.limits.global },
  ]);
  return wait === 0;
}

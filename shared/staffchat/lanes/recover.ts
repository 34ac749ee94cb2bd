/**
 * For the reconciler, every minute. After Redis lost its data, digests and
 * lane messages that PostgreSQL says are missing or behind go back into
 * their lanes (cards come back through the stale-card pass and the card
 * job). And a lane that still holds items but whose pump vanished (its job
 * failed while Redis was unreachable) gets a new run. Safe at any time:
 * offering what is already queued changes nothing.
 */
import { sql } from 'drizzle-orm';
import { laneMessages } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';
import { digestsBehind } from './digest-store.js';
import { reofferMedia } from './media.js';
import { itemKey } from './items/index.js';
import { offerItem } from './offer.js';
import { newId, PUMP_TTL_MS } from './lane.js';
import { lanesOf, type LaneRuntime } from './runtime.js';

export async function reofferPending(ctx: AppContext): Promise<{ digests: number; messages: number; restarted: number }> {
  const rt = lanesOf(ctx);
  if (!rt) return { digests: 0, messages: 0, restarted: 0 };
  const { db } = ctx.database;
  const digests = await digestsBehind(db);
  for (const d of digests) {
    await offerItem(rt, d.chatId, { item: itemKey('d', d.id), version: d.version, kind: d.messageId === null ? 'send' : 'edit', front: true });
  }
  const messages = await db
    .select()
    .from(laneMessages)
    .where(sql`${laneMessages.shownVersion} is null or ${laneMessages.shownVersion} < ${laneMessages.version}`)
    .limit(1000);
  for (const m of messages) {
    await offerItem(rt, m.chatId, { item: itemKey('m', m.id), version: m.version, kind: m.messageId === null ? 'send' : 'edit' });
  }
  // Albums under cards (and their withdrawal after erasure) that no lane delivered.
  const media = await reofferMedia(ctx);
  return { digests: digests.length, messages: messages.length + media, restarted: await restartOrphanedLanes(rt) };
}

async function restartOrphanedLanes(rt: LaneRuntime): Promise<number> {
  const { redis, queuePrefix } = rt.ctx;
  const chats = new Set<number>();
  for (const queue of ['send', 'edit']) {
    const stream = redis.scanStream({ match: `${queuePrefix}:lane:{*}:${queue}`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) chats.add(Number(/:lane:\{(-?\d+)\}:/.exec(key)?.[1]));
    }
  }
  let restarted = 0;
  for (const chatId of chats) {
    if (!Number.isSafeInteger(chatId)) continue;
    const run = newId();
    // Only where no run holds the chat: a live pump keeps its marker fresh.
    if ((await redis.set(rt.lane.keys(chatId).pump, run, 'PX', PUMP_TTL_MS, 'NX')) !== 'OK') continue;
    await rt.start(chatId, run);
    restarted += 1;
  }
  return restarted;
}

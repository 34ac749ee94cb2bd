/**
 * After Redis lost its data: digests and lane messages that PostgreSQL says
 * are missing or behind go back into their lanes (cards come back through the
 * reconciler's stale-card pass and the card job). Safe to call any time:
 * offering what is already queued changes nothing.
 */
import { sql } from 'drizzle-orm';
import { laneMessages } from '../db/schema.js';
import type { AppContext } from '../runtime/context.js';
import { digestsBehind } from './digest-store.js';
import { itemKey } from './items/index.js';
import { offerItem } from './offer.js';
import { lanesOf } from './runtime.js';

export async function reofferPending(ctx: AppContext): Promise<{ digests: number; messages: number }> {
  const rt = lanesOf(ctx);
  if (!rt) return { digests: 0, messages: 0 };
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
  return { digests: digests.length, messages: messages.length };
}

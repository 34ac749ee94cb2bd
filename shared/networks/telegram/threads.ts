/**
 * The channel post ↔ discussion copy map (telegram_threads). The Bot API
 * says which channel post a discussion thread copies only in the automatic
 * forward's update, so ingest stores it then; a comment deep in a thread
 * (a reply to another comment) names only the thread, and is linked to its
 * channel post through this map.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { telegramThreads } from '../../platform/db/schema.js';
import type { InboundMessage, ThreadMap } from '../types.js';
import { telegramLinks } from './links.js';

export async function storeThreadMap(db: Db, map: ThreadMap): Promise<void> {
  await db
    .insert(telegramThreads)
    .values({ ...map, channelUsername: map.channelUsername ?? null })
    .onConflictDoUpdate({
      target: [telegramThreads.discussionChatId, telegramThreads.discussionMessageId],
      set: { channelChatId: map.channelChatId, channelPostId: map.channelPostId, channelUsername: map.channelUsername ?? null },
    });
}

export async function threadMapOf(db: Db, discussionChatId: number, discussionMessageId: number) {
  const [row] = await db
    .select()
    .from(telegramThreads)
    .where(and(eq(telegramThreads.discussionChatId, discussionChatId), eq(telegramThreads.discussionMessageId, discussionMessageId)));
  return row ?? null;
}

/** A discussion comment with its channel post filled in from the map, and linked as the channel shows it. */
export async function withChannelPost(db: Db, m: InboundMessage): Promise<InboundMessage> {
  const { chatId, threadId, messageId } = m.thread;
  if (m.network !== 'telegram' || typeof chatId !== 'number' || typeof threadId !== 'number') return m;
  const map = await threadMapOf(db, chatId, threadId);
  if (!map) return m;
  const thread = { ...m.thread, channelChatId: map.channelChatId, channelPostId: map.channelPostId };
  const permalink =
    map.channelUsername && typeof messageId === 'number' ? telegramLinks.channelComment(map.channelUsername, map.channelPostId, messageId) : m.permalink;
  return { ...m, thread, ...(permalink ? { permalink } : {}) };
}

/** The channel post a Telegram comment is under, as a link for the card; null when unknown or not a comment. */
export async function channelPostLink(db: Db, incident: { network: string; thread: InboundMessage['thread'] }): Promise<string | null> {
  if (incident.network !== 'telegram') return null;
  const { chatId, threadId } = incident.thread;
  if (typeof chatId !== 'number' || typeof threadId !== 'number') return null;
  const map = await threadMapOf(db, chatId, threadId);
  if (map) return telegramLinks.channelPost({ id: map.channelChatId, username: map.channelUsername }, map.channelPostId) ?? null;
  const { channelChatId, channelPostId } = incident.thread;
  return typeof channelChatId === 'number' && typeof channelPostId === 'number' ? (telegramLinks.channelPost({ id: channelChatId }, channelPostId) ?? null) : null;
}

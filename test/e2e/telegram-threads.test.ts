/**
 * Telegram discussion comments linked to their channel post: the automatic
 * forward of a channel post into the discussion group is stored as the
 * post ↔ copy map, so a comment — and a reply deep in its thread, which
 * names only the thread — shows on the card with a link to the post and a
 * link to the comment as the channel shows it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents, telegramThreads } from '../../shared/platform/db/schema.js';
import { cardSays, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CHANNEL = -1001987654321;
const DISCUSSION = -1001123456789;

beforeAll(async () => {
  h = await testHarness({ orgOverrides: { networks: { vk: { groupId: 123456 }, telegram: { channelId: CHANNEL, discussionChatId: DISCUSSION } } } });
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;

async function incidentOf(messageId: number) {
  const key = `${DISCUSSION}:${messageId}`;
  return until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, key)))[0], `incident ${key}`);
}

it('stores the channel post ↔ discussion copy map and links comments and replies to the post', async () => {
  const post = h.telegram.injectChannelPost({ channelId: CHANNEL, username: 'adm_city', title: 'Администрация', text: 'С 1 декабря меняется расписание автобуса № 5.' });
  const forward = h.telegram.injectAutomaticForward({ post, discussionChatId: DISCUSSION, discussionTitle: 'Обсуждение' });
  const map = await until(async () => (await db().select().from(telegramThreads).where(eq(telegramThreads.discussionMessageId, forward.message_id)))[0], 'the thread map');
  expect(map).toMatchObject({ discussionChatId: DISCUSSION, channelChatId: CHANNEL, channelPostId: post.message_id, channelUsername: 'adm_city' });

  const comment = h.telegram.injectMessage({ chatId: DISCUSSION, from: { id: 391_200_002, first_name: 'Игорь' }, text: 'А вечерний рейс в 21:40 останется?', replyTo: forward.message_id });
  const reply = h.telegram.injectMessage({ chatId: DISCUSSION, from: { id: 391_200_003, first_name: 'Ольга' }, text: 'Поддерживаю, без вечернего рейса плохо.', replyTo: comment.message_id });

  const deep = await incidentOf(reply.message_id);
  expect(deep.kind).toBe('reply');
  expect(deep.thread).toMatchObject({ threadId: forward.message_id, channelChatId: CHANNEL, channelPostId: post.message_id });
  expect(deep.permalink).toBe(`https://t.me/adm_city/${post.message_id}?comment=${reply.message_id}`);
  const card = await cardSays(h, h.org.chats.curators, deep.id, (t) => t.includes('Пост в канале'), 'the reply card');
  const links = JSON.stringify(card.raw.entities ?? []);
  expect(links).toContain(`https://t.me/adm_city/${post.message_id}"`);
  expect(links).toContain(`https://t.me/adm_city/${post.message_id}?comment=${reply.message_id}`);

  const top = await incidentOf(comment.message_id);
  expect((await cardSays(h, h.org.chats.curators, top.id, (t) => t.includes('Пост в канале'), 'the comment card')).text).toContain('вечерний рейс');
});

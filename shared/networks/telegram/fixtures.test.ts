/**
 * One fixture per kind of Telegram update Otklik reads, shaped as the Bot
 * API documents them (core.telegram.org/bots/api#update, Bot API 7+), each
 * parsed to exactly what ingest should make of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInboundEvent } from '../registry.js';
import type { ParsedEvent } from '../types.js';
import { telegramNetwork } from './adapter.js';
import { parseTelegramUpdate } from './parse.js';

type Json = Record<string, unknown>;
const fixture = (name: string): Json & { message?: Json } =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const at = (seconds: number) => new Date(seconds * 1000);

const DISCUSSION = -1001123456789;

describe('Telegram update fixtures', () => {
  it('a private message to the public bot is a direct message with its photo and caption', () => {
    expect(parseTelegramUpdate(fixture('private_message'))).toEqual({
      outcome: 'message',
      message: {
        network: 'telegram',
        kind: 'direct',
        sourceKey: '284717001:211',
        thread: { chatId: 284717001, messageId: 211 },
        author: { id: '284717001', name: 'Анна Кузнецова', link: 'https://t.me/anna_kuz' },
        text: 'Добрый день. Во дворе дома 12 по ул. Садовой упало дерево и перегородило проезд.',
        attachments: [{ type: 'photo', ref: 'AgACAgIAAxkBAAIBY2VxS-large' }],
        postedAt: at(1763874500),
      },
    });
  });

  it('an automatic forward of a channel post maps the post to its discussion copy', () => {
    expect(parseTelegramUpdate(fixture('automatic_forward'))).toEqual({
      outcome: 'thread_map',
      network: 'telegram',
      map: { channelChatId: -1001987654321, channelPostId: 1500, discussionChatId: DISCUSSION, discussionMessageId: 88, channelUsername: 'adm_city' },
      reason: `channel post -1001987654321:1500 is discussed as ${DISCUSSION}:88`,
    });
  });

  it('a comment under the channel post is a comment, linked as the channel shows it', () => {
    expect(parseTelegramUpdate(fixture('discussion_comment'))).toEqual({
      outcome: 'message',
      message: {
        network: 'telegram',
        kind: 'comment',
        sourceKey: `${DISCUSSION}:89`,
        thread: { chatId: DISCUSSION, messageId: 89, threadId: 88, channelChatId: -1001987654321, channelPostId: 1500 },
        author: { id: '391200002', name: 'Игорь Смирнов', link: 'tg://user?id=391200002' },
        text: 'А вечерний рейс в 21:40 останется? Иначе из Антоновки не уехать.',
        attachments: [],
        permalink: 'https://t.me/adm_city/1500?comment=89',
        postedAt: at(1763874700),
      },
    });
  });

  it('a reply to another comment is a reply in the same thread', () => {
    expect(parseTelegramUpdate(fixture('discussion_reply'))).toEqual({
      outcome: 'message',
      message: {
        network: 'telegram',
        kind: 'reply',
        sourceKey: `${DISCUSSION}:91`,
        thread: { chatId: DISCUSSION, messageId: 91, threadId: 88, parentMessageId: 89 },
        author: { id: '391200003', name: 'Ольга', link: 'https://t.me/olga_v' },
        text: 'Поддерживаю, без вечернего рейса совсем плохо.',
        attachments: [],
        permalink: 'https://t.me/c/1123456789/91?thread=88',
        postedAt: at(1763874800),
        repliesTo: '-1001123456789:89',
      },
    });
  });

  it('an edited message is an edit under the same source key', () => {
    const parsed = parseTelegramUpdate(fixture('edited_message'));
    expect(parsed).toMatchObject({
      outcome: 'edit',
      sourceKey: '284717001:211',
      message: { kind: 'direct', sourceKey: '284717001:211', text: expect.stringContaining('Уточнение: подъезд 3.') },
    });
  });

  it('dedupes deliveries on update_id and messages on chat:message_id', () => {
    expect(telegramNetwork.eventKey(fixture('discussion_comment'))).toBe('500000103');
    expect(telegramNetwork.eventKey({ message: {} })).toBeNull();
    // The same message delivered under a new update id keeps its source key.
    const again = parseTelegramUpdate({ ...fixture('discussion_comment'), update_id: 500000999 });
    expect(again.outcome === 'message' && again.message.sourceKey).toBe(`${DISCUSSION}:89`);
  });

  it('ignores what is not a citizen writing: commands, bots, channels, anonymous admins, loose group chatter, service messages', () => {
    const priv = fixture('private_message').message!;
    const comment = fixture('discussion_comment').message!;
    const update = (message: Json) => ({ update_id: 1, message });
    const cases: Array<[string, unknown]> = [
      ['a command', update({ ...priv, photo: undefined, caption: undefined, text: '/start' })],
      ['a bot', update({ ...priv, from: { id: 5, is_bot: true, first_name: 'Bot' } })],
      ['a channel post', { update_id: 1, channel_post: { message_id: 1, date: 1, chat: { id: -100, type: 'channel' }, text: 'x' } }],
      ['an anonymous admin', update({ ...comment, sender_chat: { id: DISCUSSION, type: 'supergroup', title: 'x' } })],
      ['a group message outside any post', update({ ...comment, reply_to_message: undefined, message_thread_id: undefined })],
      ['a forum topic message', update({ ...fixture('discussion_reply').message!, is_topic_message: true })],
      ['a member joining', update({ ...comment, text: undefined, reply_to_message: undefined, new_chat_members: [{ id: 9, is_bot: false, first_name: 'Н' }] })],
      ['a callback query', { update_id: 1, callback_query: { id: '1', from: { id: 1, is_bot: false, first_name: 'x' }, data: 'x' } }],
    ];
    for (const [name, payload] of cases) expect(parseTelegramUpdate(payload).outcome, name).toBe('ignored');
  });

  it('answers malformed updates with invalid, never a throw', () => {
    const cases: unknown[] = [null, 'x', 42, {}, { update_id: 'one' }, { update_id: 1, message: { message_id: 1 } }, { update_id: 1, message: { ...fixture('private_message').message, chat: { id: 1, type: 'moon' } } }];
    for (const payload of cases) {
      let parsed: ParsedEvent | undefined;
      expect(() => (parsed = parseTelegramUpdate(payload))).not.toThrow();
      expect(parsed!.outcome, JSON.stringify(payload)?.slice(0, 60)).toBe('invalid');
    }
  });

  it('is what the registry routes "telegram" events to', () => {
    expect(parseInboundEvent('telegram', fixture('discussion_reply'))).toEqual(parseTelegramUpdate(fixture('discussion_reply')));
  });
});

import { describe, expect, it } from 'vitest';
import type { Update as MaxUpdate } from '@maxhub/max-bot-api/types';
import { botApiUpdateOf, whoAndWhere } from './updates.js';
import type { MaxIds } from './ids.js';
import { parseFileId } from './files.js';

/** The table's behaviour in memory: a number per mid, the same one each time. */
function memoryIds(): MaxIds {
  const byMid = new Map<string, number>();
  return {
    numberOf: async (mid) => byMid.get(mid) ?? (byMid.set(mid, byMid.size + 1), byMid.size),
    midOf: async (id) => [...byMid].find(([, n]) => n === id)?.[0] ?? null,
  };
}

const BOT = 9_000_001;
const person = (id: number, name = 'Ирина') => ({ user_id: id, name, first_name: name, username: null, is_bot: false, last_activity_time: 0 });
const dialog = (userId: number) => ({ chat_id: 77_000 + userId, chat_type: 'dialog' as const, user_id: BOT, post_id: null });
const group = (chatId: number) => ({ chat_id: chatId, chat_type: 'chat' as const, user_id: null, post_id: null });

describe('MAX updates as the staff bot reads them', () => {
  it('a command in a dialog is a private message from the person, with its bot_command entity', async () => {
    const update = { update_type: 'message_created', timestamp: 1_700_000_000_000, message: { sender: person(201), recipient: dialog(201), timestamp: 1_700_000_000_000, body: { mid: 'mid.a', seq: 1, text: '/my', attachments: [] } } } as unknown as MaxUpdate;
    const out = await botApiUpdateOf(update, BOT, memoryIds(), 1);
    expect(out?.message).toMatchObject({ message_id: 1, chat: { id: 201, type: 'private' }, from: { id: 201 }, text: '/my', entities: [{ type: 'bot_command', offset: 0, length: 3 }] });
    expect(whoAndWhere(update, BOT)).toEqual({ userId: 201, chatId: 201, privateChat: true });
  });

  it('an answer with MAX\'s «Ответить» and a photo is a reply with a caption; the photo\'s id carries its token and URL', async () => {
    const ids = memoryIds();
    const prompt = await ids.numberOf('mid.prompt');
    const update = {
      update_type: 'message_created',
      timestamp: 1_700_000_000_000,
      message: {
        sender: person(201),
        recipient: dialog(201),
        timestamp: 1_700_000_000_000,
        link: { type: 'reply', chat_id: 77_201, message: { mid: 'mid.prompt', seq: 1, text: '✍️ Сообщение №5' } },
        body: { mid: 'mid.b', seq: 2, text: 'Яму засыпали', attachments: [{ type: 'image', payload: { photo_id: 3, token: 'tok', url: 'https://max/files/tok' } }] },
      },
    } as unknown as MaxUpdate;
    const out = (await botApiUpdateOf(update, BOT, ids, 2))!.message as unknown as Record<string, unknown>;
    expect(out).toMatchObject({ caption: 'Яму засыпали', reply_to_message: { message_id: prompt } });
    expect(out.text).toBeUndefined();
    const photo = (out.photo as Array<{ file_id: string }>)[0]!;
    expect(parseFileId(photo.file_id)).toEqual({ token: 'tok', url: 'https://max/files/tok' });
  });

  it('a tap is a callback query on the message it was under', async () => {
    const ids = memoryIds();
    const card = await ids.numberOf('mid.card');
    const update = {
      update_type: 'message_callback',
      timestamp: 1,
      callback: { timestamp: 1, callback_id: 'cb1', payload: 'a1b2', user: person(101) },
      message: { sender: { ...person(BOT, 'Бот'), is_bot: true }, recipient: group(-700), timestamp: 1, body: { mid: 'mid.card', seq: 1, text: 'Сообщение №1', attachments: [] } },
    } as unknown as MaxUpdate;
    const out = await botApiUpdateOf(update, BOT, ids, 3);
    expect(out?.callback_query).toMatchObject({ id: 'cb1', data: 'a1b2', from: { id: 101 }, message: { message_id: card, chat: { id: -700, type: 'group' } } });
    expect(whoAndWhere(update, BOT)).toEqual({ userId: 101, chatId: -700, privateChat: false });
  });

  it('a deep link (bot_started with its payload) is «/start <payload>», as Telegram sends it', async () => {
    const update = { update_type: 'bot_started', timestamp: 1_700_000_000_000, chat_id: 77_201, user: person(201), payload: 'd12' } as unknown as MaxUpdate;
    const out = await botApiUpdateOf(update, BOT, memoryIds(), 4);
    expect(out?.message).toMatchObject({ chat: { id: 201, type: 'private' }, text: '/start d12', entities: [{ type: 'bot_command', length: 6 }] });
  });

  it('the bot\'s own messages and what staff do not read give nothing', async () => {
    const own = { update_type: 'message_created', timestamp: 1, message: { sender: { ...person(BOT, 'Бот'), is_bot: true }, recipient: group(-700), timestamp: 1, body: { mid: 'mid.c', seq: 1, text: 'x' } } } as unknown as MaxUpdate;
    expect(await botApiUpdateOf(own, BOT, memoryIds(), 5)).toBeNull();
    const removed = { update_type: 'message_removed', timestamp: 1, message_id: 'mid.c', chat_id: -700, user_id: 1 } as unknown as MaxUpdate;
    expect(await botApiUpdateOf(removed, BOT, memoryIds(), 6)).toBeNull();
    expect(whoAndWhere(removed, BOT)).toBeNull();
  });
});

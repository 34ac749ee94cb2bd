import { describe, expect, it } from 'vitest';
import { maxEventKey, parseMaxEvent } from './parse.js';

const citizen = { user_id: 4_100_001, name: 'Анна Смирнова', first_name: 'Анна', last_name: 'Смирнова', username: null, is_bot: false, last_activity_time: 1 };
const created = (over: { chatType?: string; chatId?: number; text?: string | null; attachments?: unknown[]; sender?: unknown; link?: unknown } = {}) => ({
  update_type: 'message_created',
  timestamp: 1_764_900_000_000,
  message: {
    sender: over.sender === undefined ? citizen : over.sender,
    recipient: { chat_id: over.chatId ?? -70_000_000_001, chat_type: over.chatType ?? 'dialog', user_id: 9_000_001 },
    timestamp: 1_764_900_000_000,
    link: over.link ?? null,
    body: { mid: 'mid.1000000001', seq: 1, text: over.text === undefined ? 'Яма во дворе' : over.text, attachments: over.attachments ?? [] },
  },
});

describe('parseMaxEvent', () => {
  it('makes a private message to the bot a direct message answered in the same dialog', () => {
    const parsed = parseMaxEvent(created());
    expect(parsed).toEqual({
      outcome: 'message',
      message: {
        network: 'max',
        kind: 'direct',
        sourceKey: 'mid.1000000001',
        thread: { chatId: '-70000000001', mid: 'mid.1000000001', userId: '4100001', peerId: '-70000000001' },
        author: { id: '4100001', name: 'Анна Смирнова' },
        text: 'Яма во дворе',
        attachments: [],
        postedAt: new Date(1_764_900_000_000),
      },
    });
  });

  it('makes a message in the channel\'s chat a comment, with its photo and the message it answers', () => {
    const parsed = parseMaxEvent(
      created({
        chatType: 'chat',
        chatId: -72_000_000_000,
        text: '',
        attachments: [{ type: 'image', payload: { url: 'https://i.max.ru/p.jpg', token: 't', photo_id: 1 } }, { type: 'inline_keyboard', payload: { buttons: [] } }],
        link: { type: 'reply', message: { mid: 'mid.post' } },
      }),
    );
    expect(parsed.outcome).toBe('message');
    if (parsed.outcome !== 'message') return;
    expect(parsed.message).toMatchObject({ kind: 'comment', thread: { chatId: '-72000000000', mid: 'mid.1000000001' }, repliesTo: 'mid.post', attachments: [{ type: 'photo', url: 'https://i.max.ru/p.jpg' }] });
    expect(parsed.message.thread).not.toHaveProperty('peerId');
  });

  it('gives a username a profile link', () => {
    const parsed = parseMaxEvent(created({ sender: { ...citizen, username: 'anna_s' } }));
    expect(parsed.outcome === 'message' && parsed.message.author.link).toBe('https://max.ru/anna_s');
  });

  it('reports edits and removals under the same source key', () => {
    expect(parseMaxEvent({ ...created({ text: 'Яма во дворе, уточняю адрес' }), update_type: 'message_edited' })).toMatchObject({ outcome: 'edit', sourceKey: 'mid.1000000001', message: { text: 'Яма во дворе, уточняю адрес' } });
    expect(parseMaxEvent({ update_type: 'message_removed', timestamp: 2, message_id: 'mid.1000000001', chat_id: -1, user_id: 4_100_001, post_id: null })).toMatchObject({
      outcome: 'deleted',
      network: 'max',
      sourceKey: 'mid.1000000001',
      deletedBy: '4100001',
    });
  });

  it('ignores bots, channel posts, empty messages and other updates; never throws on junk', () => {
    expect(parseMaxEvent(created({ sender: { ...citizen, is_bot: true } })).outcome).toBe('ignored');
    expect(parseMaxEvent(created({ sender: null, chatType: 'channel' })).outcome).toBe('ignored');
    expect(parseMaxEvent(created({ chatType: 'channel' })).outcome).toBe('ignored');
    expect(parseMaxEvent(created({ text: '   ' })).outcome).toBe('ignored');
    expect(parseMaxEvent({ update_type: 'message_callback', timestamp: 1, callback: { callback_id: 'c', payload: 'x', user: citizen } }).outcome).toBe('ignored');
    expect(parseMaxEvent({ update_type: 'bot_started', timestamp: 1, chat_id: 1, user: citizen }).outcome).toBe('ignored');
    for (const junk of [null, 42, 'x', [], {}, { update_type: 'message_created' }, { update_type: 'message_created', message: { body: {} } }]) {
      expect(['invalid', 'ignored']).toContain(parseMaxEvent(junk).outcome);
    }
  });
});

describe('maxEventKey', () => {
  it('keys a message by its mid, an edit by mid and time, and has none for junk', () => {
    expect(maxEventKey(created())).toBe('created:mid.1000000001');
    expect(maxEventKey({ ...created(), update_type: 'message_edited', timestamp: 5 })).toBe('edited:mid.1000000001:5');
    expect(maxEventKey({ update_type: 'message_removed', message_id: 'mid.9' })).toBe('removed:mid.9');
    expect(maxEventKey({ hello: 1 })).toBeNull();
    expect(maxEventKey(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseVkEvent } from './parse.js';

// Shaped as VK documents its Callback API events (API v5.199).
const messageNew = {
  group_id: 123456,
  type: 'message_new',
  event_id: 'a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4',
  v: '5.199',
  object: {
    message: {
      date: 1763874300,
      from_id: 555001,
      id: 1042,
      out: 0,
      attachments: [
        {
          type: 'photo',
          photo: {
            id: 1,
            owner_id: 555001,
            sizes: [
              { type: 's', width: 75, height: 56, url: 'https://sun9-1.userapi.com/s.jpg' },
              { type: 'w', width: 1280, height: 960, url: 'https://sun9-1.userapi.com/w.jpg' },
            ],
          },
        },
      ],
      conversation_message_id: 17,
      fwd_messages: [],
      important: false,
      is_hidden: false,
      peer_id: 555001,
      random_id: 0,
      text: 'Здравствуйте! Во дворе дома 5 по ул. Мира третий день нет света.',
    },
    client_info: { button_actions: ['text'], keyboard: true, inline_keyboard: true, carousel: true, lang_id: 0 },
  },
};

const wallReplyNew = {
  group_id: 123456,
  type: 'wall_reply_new',
  event_id: 'b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5',
  v: '5.199',
  object: {
    id: 77,
    from_id: 555002,
    date: 1763874400,
    text: 'Когда отремонтируют дорогу на Антоновку?',
    post_owner_id: -123456,
    owner_id: -123456,
    post_id: 10,
    parents_stack: [],
    thread: { count: 0 },
  },
};

describe('parseVkEvent', () => {
  it('turns message_new into a direct message with its reply coordinates and a link', () => {
    const parsed = parseVkEvent(messageNew);
    expect(parsed.outcome).toBe('message');
    if (parsed.outcome !== 'message') return;
    expect(parsed.message).toEqual({
      network: 'vk',
      kind: 'direct',
      sourceKey: 'dm:555001:1042',
      thread: { groupId: 123456, peerId: 555001, messageId: 1042 },
      author: { id: '555001', link: 'https://vk.com/id555001' },
      text: 'Здравствуйте! Во дворе дома 5 по ул. Мира третий день нет света.',
      attachments: [{ type: 'photo', url: 'https://sun9-1.userapi.com/w.jpg' }],
      permalink: 'https://vk.com/gim123456?sel=555001&msgid=1042',
      postedAt: new Date(1763874300 * 1000),
    });
  });

  it('turns wall_reply_new into a comment under the post', () => {
    const parsed = parseVkEvent(wallReplyNew);
    expect(parsed.outcome).toBe('message');
    if (parsed.outcome !== 'message') return;
    expect(parsed.message.kind).toBe('comment');
    expect(parsed.message.sourceKey).toBe('wall:-123456_10:77');
    expect(parsed.message.thread).toEqual({ ownerId: -123456, postId: 10, commentId: 77 });
    expect(parsed.message.permalink).toBe('https://vk.com/wall-123456_10?reply=77');
  });

  it('recognises a reply to another comment by its parents stack', () => {
    const parsed = parseVkEvent({ ...wallReplyNew, object: { ...wallReplyNew.object, id: 78, parents_stack: [77] } });
    expect(parsed.outcome === 'message' && parsed.message.kind).toBe('reply');
    expect(parsed.outcome === 'message' && parsed.message.permalink).toBe('https://vk.com/wall-123456_10?reply=78&thread=77');
  });

  it('ignores what the community itself writes', () => {
    const own = { ...wallReplyNew, object: { ...wallReplyNew.object, from_id: -123456 } };
    expect(parseVkEvent(own).outcome).toBe('ignored');
  });

  it('ignores event types it does not handle and rejects malformed ones without throwing', () => {
    expect(parseVkEvent({ type: 'group_join', group_id: 1, event_id: 'x', object: {} }).outcome).toBe('ignored');
    expect(parseVkEvent({ type: 'message_new', group_id: 1, event_id: 'x', object: { message: { id: 'nope' } } }).outcome).toBe('invalid');
    expect(parseVkEvent('garbage').outcome).toBe('invalid');
    expect(parseVkEvent(null).outcome).toBe('invalid');
  });
});

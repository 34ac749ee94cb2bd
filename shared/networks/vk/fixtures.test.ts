/**
 * One fixture per Callback API event type, shaped as VK documents them
 * (dev.vk.com/ru/api/community-events/json-schema, API 5.199), each parsed
 * to exactly the message, edit or deletion Otklik should make of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInboundEvent } from '../registry.js';
import type { ParsedEvent } from '../types.js';
import { parseVkEvent } from './parse.js';

const fixture = (name: string): Record<string, unknown> & { object: Record<string, unknown> } =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

const at = (seconds: number) => new Date(seconds * 1000);

describe('VK Callback API fixtures', () => {
  it('message_new: a direct message with the widest photo, reply coordinates and a dialogue link', () => {
    expect(parseVkEvent(fixture('message_new'))).toEqual({
      outcome: 'message',
      message: {
        network: 'vk',
        kind: 'direct',
        sourceKey: 'dm:555001:1042',
        thread: { groupId: 123456, peerId: 555001, messageId: 1042 },
        author: { id: '555001', link: 'https://vk.com/id555001' },
        text: 'Здравствуйте! Во дворе дома 5 по ул. Мира третий день нет света.',
        attachments: [{ type: 'photo', url: 'https://sun9-1.userapi.com/impg/w.jpg' }],
        permalink: 'https://vk.com/gim123456?sel=555001&msgid=1042',
        postedAt: at(1763874300),
      },
    });
  });

  it('wall_reply_new: a reply in a comment thread under a community post', () => {
    expect(parseVkEvent(fixture('wall_reply_new'))).toEqual({
      outcome: 'message',
      message: {
        network: 'vk',
        kind: 'reply',
        sourceKey: 'wall:-123456_10:78',
        thread: { ownerId: -123456, postId: 10, commentId: 78, parentCommentId: 77 },
        author: { id: '555002', link: 'https://vk.com/id555002' },
        text: 'Когда отремонтируют дорогу на Антоновку? Обещали ещё весной.',
        attachments: [{ type: 'photo', url: 'https://sun9-2.userapi.com/impg/x.jpg' }],
        permalink: 'https://vk.com/wall-123456_10?reply=78&thread=77',
        postedAt: at(1763874400),
        repliesTo: 'wall:-123456_10:77',
      },
    });
  });

  it('wall_reply_new without a parent is a top-level comment', () => {
    const event = fixture('wall_reply_new');
    const { parents_stack: _p, reply_to_comment: _r, reply_to_user: _u, ...object } = event.object;
    const parsed = parseVkEvent({ ...event, object: { ...object, parents_stack: [] } });
    expect(parsed).toMatchObject({
      outcome: 'message',
      message: { kind: 'comment', thread: { ownerId: -123456, postId: 10, commentId: 78 }, permalink: 'https://vk.com/wall-123456_10?reply=78' },
    });
  });

  it('wall_reply_edit: the new text under the same source key, so the card can be updated', () => {
    expect(parseVkEvent(fixture('wall_reply_edit'))).toEqual({
      outcome: 'edit',
      sourceKey: 'wall:-123456_10:77',
      message: {
        network: 'vk',
        kind: 'comment',
        sourceKey: 'wall:-123456_10:77',
        thread: { ownerId: -123456, postId: 10, commentId: 77 },
        author: { id: '555002', link: 'https://vk.com/id555002' },
        text: 'Яма на дороге в Антоновку, у остановки «Школа». Уже две машины пробили колёса.',
        attachments: [],
        permalink: 'https://vk.com/wall-123456_10?reply=77',
        postedAt: at(1763874350),
        repliesTo: 'post:-123456_10', // a top-level comment answers the post
      },
      reason: 'wall_reply_edit of wall:-123456_10:77',
    });
  });

  it('wall_reply_delete: the deleted comment\'s source key and who deleted it', () => {
    expect(parseVkEvent(fixture('wall_reply_delete'))).toEqual({
      outcome: 'deleted',
      network: 'vk',
      sourceKey: 'wall:-123456_10:77',
      deletedBy: '555002',
      reason: 'wall_reply_delete of wall:-123456_10:77',
    });
  });

  it('wall_post_new: a suggested post becomes a wall_post message', () => {
    expect(parseVkEvent(fixture('wall_post_new'))).toEqual({
      outcome: 'message',
      message: {
        network: 'vk',
        kind: 'wall_post',
        sourceKey: 'post:-123456_31',
        thread: { ownerId: -123456, postId: 31 },
        author: { id: '555003', link: 'https://vk.com/id555003' },
        text: 'Предлагаю поставить лавочки в сквере у ДК. Пожилым людям негде присесть.',
        attachments: [],
        permalink: 'https://vk.com/wall-123456_31',
        postedAt: at(1763875000),
      },
    });
  });

  it('wall_post_new: the community\'s own posts and admins\' posts are ignored', () => {
    const event = fixture('wall_post_new');
    const own = { ...event, object: { ...event.object, post_type: 'post', from_id: -123456 } };
    const byAdmin = { ...event, object: { ...event.object, post_type: 'post', from_id: 555999 } };
    expect(parseVkEvent(own).outcome).toBe('ignored');
    expect(parseVkEvent(byAdmin).outcome).toBe('ignored');
  });

  it('photo_comment_new: a comment under a community photo', () => {
    expect(parseVkEvent(fixture('photo_comment_new'))).toEqual({
      outcome: 'message',
      message: {
        network: 'vk',
        kind: 'photo_comment',
        sourceKey: 'photo:-123456_457240001:77',
        thread: { ownerId: -123456, photoId: 457240001, commentId: 77 },
        author: { id: '555004', link: 'https://vk.com/id555004' },
        text: 'А на фото это двор на Лесной? Там до сих пор не убран мусор.',
        attachments: [],
        permalink: 'https://vk.com/photo-123456_457240001',
        postedAt: at(1763875100),
      },
    });
  });

  it('video_comment_new: a comment under a community video', () => {
    expect(parseVkEvent(fixture('video_comment_new'))).toEqual({
      outcome: 'message',
      message: {
        network: 'vk',
        kind: 'video_comment',
        sourceKey: 'video:-123456_456239020:12',
        thread: { ownerId: -123456, videoId: 456239020, commentId: 12 },
        author: { id: '555005', link: 'https://vk.com/id555005' },
        text: 'Когда будет следующая трансляция заседания совета?',
        attachments: [],
        permalink: 'https://vk.com/video-123456_456239020',
        postedAt: at(1763875200),
      },
    });
  });

  it('board_post_new: a post in a discussion topic', () => {
    expect(parseVkEvent(fixture('board_post_new'))).toEqual({
      outcome: 'message',
      message: {
        network: 'vk',
        kind: 'board_post',
        sourceKey: 'board:-123456_47771234:5',
        thread: { ownerId: -123456, topicId: 47771234, commentId: 5 },
        author: { id: '555006', link: 'https://vk.com/id555006' },
        text: 'Вопрос по записи в детский сад: куда подавать документы?',
        attachments: [],
        permalink: 'https://vk.com/topic-123456_47771234?post=5',
        postedAt: at(1763875300),
      },
    });
  });

  it('keeps a photo comment and a wall comment with the same numeric id apart', () => {
    const keys = ['wall_reply_edit', 'photo_comment_new'].map((name) => {
      const parsed = parseVkEvent(fixture(name));
      return parsed.outcome === 'message' || parsed.outcome === 'edit' ? parsed.message.sourceKey : undefined;
    });
    expect(keys).toEqual(['wall:-123456_10:77', 'photo:-123456_457240001:77']);
  });

  it('edits and deletions of photo, video and board comments use the same keys as their new events', () => {
    const edit = (name: string, type: string) => {
      const event = fixture(name);
      return parseVkEvent({ ...event, type });
    };
    expect(edit('photo_comment_new', 'photo_comment_edit')).toMatchObject({ outcome: 'edit', sourceKey: 'photo:-123456_457240001:77' });
    expect(edit('video_comment_new', 'video_comment_edit')).toMatchObject({ outcome: 'edit', sourceKey: 'video:-123456_456239020:12' });
    expect(edit('board_post_new', 'board_post_edit')).toMatchObject({ outcome: 'edit', sourceKey: 'board:-123456_47771234:5' });
    const envelope = { group_id: 123456, event_id: 'x', v: '5.199' };
    expect(parseVkEvent({ ...envelope, type: 'photo_comment_delete', object: { owner_id: -123456, id: 77, user_id: 555004, deleter_id: 1, photo_id: 457240001 } }))
      .toMatchObject({ outcome: 'deleted', sourceKey: 'photo:-123456_457240001:77', deletedBy: '1' });
    expect(parseVkEvent({ ...envelope, type: 'video_comment_delete', object: { owner_id: -123456, id: 12, user_id: 555005, deleter_id: 555005, video_id: 456239020 } }))
      .toMatchObject({ outcome: 'deleted', sourceKey: 'video:-123456_456239020:12' });
    expect(parseVkEvent({ ...envelope, type: 'board_post_delete', object: { topic_owner_id: -123456, topic_id: 47771234, id: 5 } }))
      .toMatchObject({ outcome: 'deleted', sourceKey: 'board:-123456_47771234:5' });
  });

  it('ignores what the community itself writes, in every kind of comment', () => {
    for (const name of ['wall_reply_new', 'photo_comment_new', 'video_comment_new', 'board_post_new']) {
      const event = fixture(name);
      expect(parseVkEvent({ ...event, object: { ...event.object, from_id: -123456 } }).outcome, name).toBe('ignored');
    }
  });

  it('like_add: a like of a wall comment names the comment as a message would, its place, and one key per liker and object', () => {
    expect(parseVkEvent(fixture('like_add'))).toEqual({
      outcome: 'like',
      network: 'vk',
      likerId: '555002',
      sourceKey: 'wall:-123456_10:79',
      place: { ownerId: -123456, postId: 10 },
      messageId: '79',
      reactionKey: 'like:comment:-123456_79:555002',
      reason: 'like_add of comment -123456_10:79',
    });
  });

  it('like_add: a post is matched as a suggested post; photos, videos and the community\'s own likes are dropped', () => {
    const event = fixture('like_add');
    const post = parseVkEvent({ ...event, object: { liker_id: 555003, object_type: 'post', object_owner_id: -123456, object_id: 10 } });
    expect(post).toMatchObject({ outcome: 'like', sourceKey: 'post:-123456_10', place: { ownerId: -123456, postId: 10 }, messageId: '10' });
    expect(parseVkEvent({ ...event, object: { ...event.object, object_type: 'photo' } })).toMatchObject({ outcome: 'ignored' });
    expect(parseVkEvent({ ...event, object: { ...event.object, liker_id: -123456 } })).toMatchObject({ outcome: 'ignored' });
    expect(parseVkEvent({ ...event, object: { object_type: 'comment' } })).toEqual({ outcome: 'invalid', reason: 'malformed like_add' });
  });

  it('answers malformed and unknown events with invalid/ignored, never a throw', () => {
    const outcomes: Array<[unknown, ParsedEvent['outcome']]> = [
      [null, 'invalid'],
      ['garbage', 'invalid'],
      [[], 'invalid'],
      [{ type: 'wall_reply_new' }, 'invalid'], // no group_id
      [{ type: 'group_join', group_id: 1, event_id: 'x', object: { user_id: 1, join_type: 'join' } }, 'ignored'],
      [{ type: 'wall_reply_restore', group_id: 1, event_id: 'x', object: {} }, 'ignored'],
      [{ type: 'toString', group_id: 1, event_id: 'x', object: {} }, 'ignored'], // not a prototype lookup
      [{ ...fixture('wall_reply_new'), object: { id: 'x' } }, 'invalid'],
      [{ ...fixture('wall_reply_delete'), object: { id: 77 } }, 'invalid'],
      [{ ...fixture('photo_comment_new'), object: null }, 'invalid'],
      [{ ...fixture('board_post_new'), object: undefined }, 'invalid'],
      [{ ...fixture('wall_post_new'), object: { ...fixture('wall_post_new').object, date: 'yesterday' } }, 'invalid'],
    ];
    for (const [payload, outcome] of outcomes) {
      expect(() => parseVkEvent(payload)).not.toThrow();
      expect(parseVkEvent(payload).outcome, JSON.stringify(payload)?.slice(0, 80)).toBe(outcome);
    }
  });

  it('is what the registry routes "vk" events to', () => {
    expect(parseInboundEvent('vk', fixture('board_post_new'))).toEqual(parseVkEvent(fixture('board_post_new')));
    expect(parseInboundEvent('myspace', fixture('board_post_new')).outcome).toBe('ignored');
  });
});

/**
 * A stored topic comment (fixture shaped like discussions.getComments'
 * comment, wrapped as topic polling stores it) parses to exactly what ingest
 * should make of it; the group's own, empty and malformed ones are dropped
 * with a reason, never thrown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { okNetwork } from './adapter.js';
import { parseOkTopicComment } from './topic-comment.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as {
    topicComment: { comment: Record<string, unknown> } & Record<string, unknown>;
  };
const withComment = (over: Record<string, unknown>) => {
  const f = fixture('topic_comment_reply');
  return { topicComment: { ...f.topicComment, comment: { ...f.topicComment.comment, ...over } } };
};

describe('OK topic comments', () => {
  it('a reply under a group topic is a reply incident linked to the topic, written at Moscow time', () => {
    const payload = fixture('topic_comment_reply');
    expect(okNetwork.parse(payload)).toEqual({
      outcome: 'message',
      message: {
        network: 'ok',
        kind: 'reply',
        sourceKey: 'topic:155000000000001:comment:MTc2Mzg4MjA0NTM4NjoxMjM0NQ',
        thread: { groupId: '70000001234567', topicId: '155000000000001', commentId: 'MTc2Mzg4MjA0NTM4NjoxMjM0NQ' },
        author: { id: 'user:575493468852', name: 'Пётр Лаптев', link: 'https://ok.ru/profile/575493468852' },
        text: 'Поддерживаю, у школы на ул. Полевой такая же яма.',
        attachments: [],
        permalink: 'https://ok.ru/group/70000001234567/topic/155000000000001',
        // 10:20:45 in Moscow (UTC+3).
        postedAt: new Date('2026-11-23T07:20:45Z'),
        repliesTo: 'topic:155000000000001:comment:MTc2Mzg4MTk5OTAwMDoxMjM0NA',
      },
    });
    expect(okNetwork.eventKey(payload)).toBe('topic:155000000000001:comment:MTc2Mzg4MjA0NTM4NjoxMjM0NQ');
  });

  it('takes a numeric author id, a millisecond time, and falls back to the poll time without a readable date', () => {
    const parsed = parseOkTopicComment(withComment({ author_id: 575493468852, date: undefined, date_ms: 1763882000000, reply_to_comment_id: undefined }));
    expect(parsed).toMatchObject({ outcome: 'message', message: { kind: 'comment', author: { id: 'user:575493468852' }, postedAt: new Date(1763882000000) } });
    expect(parsed.outcome === 'message' ? parsed.message : null).not.toHaveProperty('repliesTo');
    expect(parseOkTopicComment(withComment({ date: 'вчера' }))).toMatchObject({ message: { postedAt: new Date(1763882100000) } });
  });

  it('drops the group\'s own comments, empty ones and anything unreadable', () => {
    expect(parseOkTopicComment(withComment({ author_type: 'GROUP' }))).toEqual({ outcome: 'ignored', reason: 'ok topic comment by the group itself' });
    expect(parseOkTopicComment(withComment({ author_ref: 'group:70000001234567' }))).toMatchObject({ outcome: 'ignored' });
    expect(parseOkTopicComment(withComment({ author_id: '70000001234567' }))).toMatchObject({ outcome: 'ignored' });
    expect(parseOkTopicComment(withComment({ text: '   ' }))).toEqual({ outcome: 'ignored', reason: 'ok topic comment without text' });
    expect(parseOkTopicComment(withComment({ author_id: undefined }))).toMatchObject({ outcome: 'ignored' });
    expect(parseOkTopicComment(withComment({ id: '' }))).toEqual({ outcome: 'invalid', reason: 'not an OK topic comment' });
    expect(okNetwork.parse({ topicComment: 'junk' })).toEqual({ outcome: 'invalid', reason: 'not an OK topic comment' });
    expect(okNetwork.eventKey({ topicComment: null })).toBeNull();
  });
});

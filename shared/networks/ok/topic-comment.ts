/**
 * A comment under one of the group's topics, as topic polling stores it
 * (topics.ts): OK's own comment object from discussions.getComments, wrapped
 * with the group, the topic and when it was read. This file is pure: the
 * stored event → a normalised message, or why it is not one.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { InboundMessage, ParsedEvent } from '../types.js';
import { okProfileLink } from './parse.js';
import { okRestComment, type OkRestComment } from './rest-wire.js';

export type OkTopicCommentEvent = {
  topicComment: { groupId: string; topicId: string; polledAt: number; comment: OkRestComment };
};

const stored = z.object({
  topicComment: z.object({
    groupId: z.string().regex(/^\d+$/),
    topicId: z.string().min(1),
    polledAt: z.number(),
    comment: okRestComment,
  }),
});

export const isOkTopicComment = (payload: unknown): boolean =>
  typeof payload === 'object' && payload !== null && 'topicComment' in payload;

/** The network's identity of a topic comment: comment ids are only known to be unique within their discussion. */
export const okTopicCommentKey = (topicId: string, commentId: string) => `topic:${topicId}:comment:${commentId}`;

/** Where a curator opens the topic to answer by hand (the address form ok.ru uses for group topics). */
export const okTopicLink = (groupId: string, topicId: string) => `https://ok.ru/group/${groupId}/topic/${topicId}`;

export function okTopicCommentEvent(groupId: string, topicId: string, comment: OkRestComment, polledAt: Date): OkTopicCommentEvent {
  return { topicComment: { groupId, topicId, polledAt: polledAt.getTime(), comment } };
}

/**
 * When the comment was written. OK gives "yyyy-MM-dd HH:mm:ss" without a
 * zone; oland-dmd/Odnoklassniki reads it as Moscow time (another reader,
 * SNGCNOTIFIERbot, as the server's local time): Moscow is taken. Without a
 * readable date, the moment it was read stands in.
 */
function writtenAt(c: OkRestComment, polledAt: number): Date {
  if (c.date_ms !== undefined) return new Date(c.date_ms);
  if (c.date) {
    const d = DateTime.fromFormat(c.date, 'yyyy-MM-dd HH:mm:ss', { zone: 'Europe/Moscow' });
    if (d.isValid) return d.toJSDate();
  }
  return new Date(polledAt);
}

/** The group's own comments (a reply a curator posted by hand, as the group) are not citizens' messages. */
function byTheGroup(c: OkRestComment, groupId: string): boolean {
  return c.author_type?.toUpperCase() === 'GROUP' || c.author_ref?.startsWith('group:') === true || c.author_id === groupId;
}

export function parseOkTopicComment(payload: unknown): ParsedEvent {
  const parsed = stored.safeParse(payload);
  if (!parsed.success) return { outcome: 'invalid', reason: 'not an OK topic comment' };
  const { groupId, topicId, polledAt, comment: c } = parsed.data.topicComment;
  if (byTheGroup(c, groupId)) return { outcome: 'ignored', reason: 'ok topic comment by the group itself' };
  if (!c.author_id) return { outcome: 'ignored', reason: 'ok topic comment without an author' };
  const text = c.text ?? '';
  if (text.trim() === '') return { outcome: 'ignored', reason: 'ok topic comment without text' };
  const author = `user:${c.author_id}`;
  const message: InboundMessage = {
    network: 'ok',
    kind: c.reply_to_comment_id ? 'reply' : 'comment',
    sourceKey: okTopicCommentKey(topicId, c.id),
    // groupId + topicId name the conversation (bursts, the author's next message); commentId the message answered.
    thread: { groupId, topicId, commentId: c.id },
    author: { id: author, ...(c.author_name ? { name: c.author_name } : {}), link: okProfileLink(author) },
    text,
    attachments: [],
    permalink: okTopicLink(groupId, topicId),
    postedAt: writtenAt(c, polledAt),
    ...(c.reply_to_comment_id ? { repliesTo: okTopicCommentKey(topicId, c.reply_to_comment_id) } : {}),
  };
  return { outcome: 'message', message };
}

export function okTopicCommentEventKey(payload: unknown): string | null {
  const parsed = stored.safeParse(payload);
  return parsed.success ? okTopicCommentKey(parsed.data.topicComment.topicId, parsed.data.topicComment.comment.id) : null;
}

/**
 * Which VK events become citizens' messages (the `handlers` table below):
 * a private message to the community, a comment under a wall post, photo,
 * video or board topic, and a suggested post; their edits and deletions
 * change a registered message; likes feed the reports; every other event is
 * ignored. The intake flow (shared/flows/intake/intake.ts) makes the
 * message an incident.
 */
import type { z } from 'zod';
import type { Attachment, InboundMessage, MessageKind, ParsedEvent, Thread } from '../types.js';
import {
  boardPost,
  boardPostDelete,
  callbackEnvelope,
  likeAdd,
  messageNew,
  photoComment,
  photoCommentDelete,
  videoComment,
  videoCommentDelete,
  wallPost,
  wallReply,
  wallReplyDelete,
} from './callback.js';
import { vkLinks, vkSourceKeys } from './links.js';

function attachmentsOf(list: Array<{ type: string } & Record<string, unknown>>): Attachment[] {
  return list.map((a) => {
    const type = (['photo', 'video', 'doc', 'link', 'audio'] as const).find((t) => t === a.type) ?? 'other';
    const body = a[a.type] as { url?: string; title?: string; sizes?: Array<{ url?: string; width?: number }> } | undefined;
    // A photo has no url of its own, only sizes: the widest is the one staff want to see.
    const url = body?.url ?? body?.sizes?.slice().sort((x, y) => (y.width ?? 0) - (x.width ?? 0))[0]?.url;
    return { type, ...(url ? { url } : {}), ...(body?.title ? { title: body.title } : {}) };
  });
}

const author = (id: number) => ({ id: String(id), link: vkLinks.user(id) });
const postedAt = (date: number) => new Date(date * 1000);

/** The comment a reply answers: the thread root VK keeps in parents_stack, or the comment named directly. */
const parentOf = (c: { parents_stack?: number[] | undefined; reply_to_comment?: number | undefined }) =>
  c.parents_stack?.at(-1) ?? c.reply_to_comment;

type Built = { message: InboundMessage } | { ignored: string };

/** A comment by the community itself (an admin answering) is not a citizen's message. */
const byCommunity = (fromId: number) => fromId <= 0;

function wallComment(c: z.infer<typeof wallReply>): Built {
  if (byCommunity(c.from_id)) return { ignored: 'written by a community' };
  const parent = parentOf(c);
  return {
    message: {
      network: 'vk',
      kind: parent ? 'reply' : 'comment',
      sourceKey: vkSourceKeys.wall(c.post_owner_id, c.post_id, c.id),
      thread: { ownerId: c.post_owner_id, postId: c.post_id, commentId: c.id, ...(parent ? { parentCommentId: parent } : {}) },
      author: author(c.from_id),
      text: c.text,
      attachments: attachmentsOf(c.attachments),
      permalink: vkLinks.wallComment(c.post_owner_id, c.post_id, c.id, parent),
      postedAt: postedAt(c.date),
      // The comment answered, or else the post itself (a citizen's suggested post, when it is one).
      repliesTo: (c.reply_to_comment ?? parent) !== undefined ? vkSourceKeys.wall(c.post_owner_id, c.post_id, (c.reply_to_comment ?? parent)!) : vkSourceKeys.post(c.post_owner_id, c.post_id),
    },
  };
}

function mediaComment(
  kind: Extract<MessageKind, 'photo_comment' | 'video_comment' | 'board_post'>,
  c: { id: number; from_id: number; date: number; text: string; attachments: Array<{ type: string } & Record<string, unknown>> },
  place: { ownerId: number; id: number; parent?: number | undefined },
): Built {
  if (byCommunity(c.from_id)) return { ignored: 'written by a community' };
  const { ownerId, id, parent } = place;
  const common = { network: 'vk' as const, kind, author: author(c.from_id), text: c.text, attachments: attachmentsOf(c.attachments), postedAt: postedAt(c.date) };
  const reply: Thread = parent ? { parentCommentId: parent } : {};
  switch (kind) {
    case 'photo_comment':
      return {
        message: {
          ...common,
          sourceKey: vkSourceKeys.photo(ownerId, id, c.id),
          thread: { ownerId, photoId: id, commentId: c.id, ...reply },
          permalink: vkLinks.photo(ownerId, id),
          ...(parent ? { repliesTo: vkSourceKeys.photo(ownerId, id, parent) } : {}),
        },
      };
    case 'video_comment':
      return {
        message: {
          ...common,
          sourceKey: vkSourceKeys.video(ownerId, id, c.id),
          thread: { ownerId, videoId: id, commentId: c.id, ...reply },
          permalink: vkLinks.video(ownerId, id),
          ...(parent ? { repliesTo: vkSourceKeys.video(ownerId, id, parent) } : {}),
        },
      };
    case 'board_post':
      return {
        message: {
          ...common,
          sourceKey: vkSourceKeys.board(ownerId, id, c.id),
          thread: { ownerId, topicId: id, commentId: c.id },
          permalink: vkLinks.boardPost(ownerId, id, c.id),
        },
      };
  }
}

function suggestedPost(p: z.infer<typeof wallPost>): Built {
  // Only suggestions are citizens' messages: the community's own posts (and its
  // admins' posts under their own names) also arrive as wall_post_new.
  if (p.post_type !== 'suggest') return { ignored: `a ${p.post_type ?? 'wall'} post, not a suggestion` };
  const from = p.from_id > 0 ? p.from_id : p.created_by;
  if (!from || from <= 0) return { ignored: 'a suggestion without a person as author' };
  return {
    message: {
      network: 'vk',
      kind: 'wall_post',
      sourceKey: vkSourceKeys.post(p.owner_id, p.id),
      thread: { ownerId: p.owner_id, postId: p.id },
      author: author(from),
      text: p.text,
      attachments: attachmentsOf(p.attachments),
      permalink: vkLinks.post(p.owner_id, p.id),
      postedAt: postedAt(p.date),
    },
  };
}

type Handler = (object: unknown, groupId: number, type: string) => ParsedEvent;

/** A new message or comment, or an edit of one: the same object, a different outcome. */
function content<T>(schema: z.ZodType<T>, build: (value: T, groupId: number) => Built, as: 'message' | 'edit'): Handler {
  return (object, groupId, type) => {
    const parsed = schema.safeParse(object);
    if (!parsed.success) return { outcome: 'invalid', reason: `malformed ${type}` };
    const built = build(parsed.data, groupId);
    if ('ignored' in built) return { outcome: 'ignored', reason: `${type}: ${built.ignored}` };
    return as === 'message'
      ? { outcome: 'message', message: built.message }
      : { outcome: 'edit', sourceKey: built.message.sourceKey, message: built.message, reason: `${type} of ${built.message.sourceKey}` };
  };
}

function deletion<T>(schema: z.ZodType<T>, key: (value: T) => { sourceKey: string; deletedBy?: number | undefined }): Handler {
  return (object, _groupId, type) => {
    const parsed = schema.safeParse(object);
    if (!parsed.success) return { outcome: 'invalid', reason: `malformed ${type}` };
    const { sourceKey, deletedBy } = key(parsed.data);
    return {
      outcome: 'deleted',
      network: 'vk',
      sourceKey,
      ...(deletedBy !== undefined ? { deletedBy: String(deletedBy) } : {}),
      reason: `${type} of ${sourceKey}`,
    };
  };
}

const dm: Handler = (object, groupId, type) => {
  const parsed = messageNew.safeParse(object);
  if (!parsed.success) return { outcome: 'invalid', reason: `malformed ${type}` };
  const m = parsed.data.message;
  // Messages the community itself sent come back as message_new on some setups; they are not citizens'.
  if (m.from_id <= 0) return { outcome: 'ignored', reason: `${type}: sent by a community` };
  return {
    outcome: 'message',
    message: {
      network: 'vk',
      kind: 'direct',
      sourceKey: vkSourceKeys.dm(m.peer_id, m.id),
      thread: { groupId, peerId: m.peer_id, messageId: m.id },
      author: author(m.from_id),
      text: m.text,
      attachments: attachmentsOf(m.attachments),
      permalink: vkLinks.dm(groupId, m.peer_id, m.id),
      postedAt: postedAt(m.date),
    },
  };
};

const photo = (c: z.infer<typeof photoComment>) => mediaComment('photo_comment', c, { ownerId: c.photo_owner_id, id: c.photo_id, parent: parentOf(c) });
const video = (c: z.infer<typeof videoComment>) => mediaComment('video_comment', c, { ownerId: c.video_owner_id, id: c.video_id, parent: parentOf(c) });
const board = (c: z.infer<typeof boardPost>) => mediaComment('board_post', c, { ownerId: c.topic_owner_id, id: c.topic_id });

/** A like of a wall comment (the citizen's, or our reply) or of a suggested post; other objects tell the reports nothing. */
const like: Handler = (object, _groupId, type) => {
  const parsed = likeAdd.safeParse(object);
  if (!parsed.success) return { outcome: 'invalid', reason: `malformed ${type}` };
  const l = parsed.data;
  // The community liking something (an admin's tap) is no citizen's reaction.
  if (l.liker_id <= 0) return { outcome: 'ignored', reason: `${type}: by a community` };
  const reactionKey = `like:${l.object_type}:${l.object_owner_id}_${l.object_id}:${l.liker_id}`;
  const common = { outcome: 'like' as const, network: 'vk' as const, likerId: String(l.liker_id), reactionKey, messageId: String(l.object_id) };
  if (l.object_type === 'comment' && l.post_id !== undefined) {
    return {
      ...common,
      sourceKey: vkSourceKeys.wall(l.object_owner_id, l.post_id, l.object_id),
      place: { ownerId: l.object_owner_id, postId: l.post_id },
      reason: `${type} of comment ${l.object_owner_id}_${l.post_id}:${l.object_id}`,
    };
  }
  if (l.object_type === 'post') {
    return { ...common, sourceKey: vkSourceKeys.post(l.object_owner_id, l.object_id), place: { ownerId: l.object_owner_id, postId: l.object_id }, reason: `${type} of post ${l.object_owner_id}_${l.object_id}` };
  }
  return { outcome: 'ignored', reason: `${type}: a ${l.object_type}, not a wall comment or post` };
};

/** Every Callback API event type Otklik reads; the rest are ignored. */
const handlers: Record<string, Handler> = {
  message_new: dm,
  like_add: like,
  wall_reply_new: content(wallReply, wallComment, 'message'),
  wall_reply_edit: content(wallReply, wallComment, 'edit'),
  wall_reply_delete: deletion(wallReplyDelete, (d) => ({
    sourceKey: vkSourceKeys.wall(d.owner_id, d.post_id, d.id),
    deletedBy: d.deleter_id ?? d.user_id,
  })),
  wall_post_new: content(wallPost, suggestedPost, 'message'),
  photo_comment_new: content(photoComment, photo, 'message'),
  photo_comment_edit: content(photoComment, photo, 'edit'),
  photo_comment_delete: deletion(photoCommentDelete, (d) => ({
    sourceKey: vkSourceKeys.photo(d.owner_id, d.photo_id, d.id),
    deletedBy: d.deleter_id ?? d.user_id,
  })),
  video_comment_new: content(videoComment, video, 'message'),
  video_comment_edit: content(videoComment, video, 'edit'),
  video_comment_delete: deletion(videoCommentDelete, (d) => ({
    sourceKey: vkSourceKeys.video(d.owner_id, d.video_id, d.id),
    deletedBy: d.deleter_id ?? d.user_id,
  })),
  board_post_new: content(boardPost, board, 'message'),
  board_post_edit: content(boardPost, board, 'edit'),
  board_post_delete: deletion(boardPostDelete, (d) => ({ sourceKey: vkSourceKeys.board(d.topic_owner_id, d.topic_id, d.id) })),
};

/** Turns one VK Callback (or Bots Long Poll) event into an outcome. Total: never throws. */
export function parseVkEvent(payload: unknown): ParsedEvent {
  const envelope = callbackEnvelope.safeParse(payload);
  if (!envelope.success) return { outcome: 'invalid', reason: 'not a VK callback envelope' };
  const { type, group_id: groupId, object } = envelope.data;
  const handler = Object.hasOwn(handlers, type) ? handlers[type] : undefined;
  if (!handler) return { outcome: 'ignored', reason: `event type ${type} is not handled` };
  return handler(object, groupId, type);
}

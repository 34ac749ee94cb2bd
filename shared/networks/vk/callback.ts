/**
 * VK Callback API envelopes and the event objects Otklik reads (API v5.199,
 * dev.vk.com/ru/api/community-events/json-schema and VK's vk-api-schema).
 * Only the fields we use are checked; VK adds fields freely, so the rest passes.
 */
import { z } from 'zod';

export const callbackEnvelope = z.object({
  type: z.string().min(1),
  group_id: z.number().int().positive(),
  event_id: z.string().min(1).optional(),
  secret: z.string().optional(),
  v: z.string().optional(),
  object: z.unknown().optional(),
});
export type CallbackEnvelope = z.infer<typeof callbackEnvelope>;

const attachment = z.looseObject({ type: z.string() });
const int = z.number().int();

export const messageNew = z.object({
  message: z.looseObject({
    id: int,
    date: int,
    peer_id: int,
    from_id: int,
    text: z.string(),
    conversation_message_id: int.optional(),
    attachments: z.array(attachment).default([]),
  }),
});

/** VK's comment object, shared by wall, photo, video and board comments. */
const comment = {
  id: int,
  from_id: int,
  date: int,
  text: z.string().default(''),
  parents_stack: z.array(int).optional(),
  reply_to_comment: int.optional(),
  reply_to_user: int.optional(),
  attachments: z.array(attachment).default([]),
};

/** wall_reply_new / wall_reply_edit: a comment plus the post it is under. */
export const wallReply = z.looseObject({ ...comment, post_id: int, post_owner_id: int, owner_id: int.optional() });

/** photo_comment_new / _edit. */
export const photoComment = z.looseObject({ ...comment, photo_id: int, photo_owner_id: int });

/** video_comment_new / _edit. */
export const videoComment = z.looseObject({ ...comment, video_id: int, video_owner_id: int });

/** board_post_new / _edit: a post in a discussion topic. */
export const boardPost = z.looseObject({ ...comment, topic_id: int, topic_owner_id: int });

/** wall_reply_delete. */
export const wallReplyDelete = z.looseObject({ owner_id: int, id: int, post_id: int, deleter_id: int.optional(), user_id: int.optional() });
/** photo_comment_delete. */
export const photoCommentDelete = z.looseObject({ owner_id: int, id: int, photo_id: int, deleter_id: int.optional(), user_id: int.optional() });
/** video_comment_delete. */
export const videoCommentDelete = z.looseObject({ owner_id: int, id: int, video_id: int, deleter_id: int.optional(), user_id: int.optional() });
/** board_post_delete. */
export const boardPostDelete = z.looseObject({ topic_owner_id: int, topic_id: int, id: int });

/** wall_post_new: a wall post; citizens' suggestions have post_type "suggest". */
export const wallPost = z.looseObject({
  id: int,
  owner_id: int,
  from_id: int,
  created_by: int.optional(),
  date: int,
  post_type: z.string().optional(),
  text: z.string().default(''),
  attachments: z.array(attachment).default([]),
});

/**
 * like_add: who liked which object (vk-io's CallbackLikeAddRemove). For a
 * comment, `post_id` names the post it is under; photo, video and topic
 * comments carry no place, so only wall comments and posts are matched.
 */
export const likeAdd = z.looseObject({
  liker_id: int,
  object_type: z.string().min(1),
  object_owner_id: int,
  object_id: int,
  post_id: int.optional(),
  thread_reply_id: int.optional(),
});

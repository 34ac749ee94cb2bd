/**
 * What OK's REST API (fb.do) answers for the two calls topic polling makes,
 * as far as the sources agree (see shared/networks/ok/README.md):
 *
 * - mediatopic.getTopics(gid, count): {"media_topics": [{"id", "created_ms",
 *   "author_ref", "media": [{"type": "text", "text"}]}]} — the shape read by
 *   Unbewohnte/SNGCNOTIFIERbot (internal/ok), newest first;
 * - discussions.getComments(discussionId, discussionType=GROUP_TOPIC, anchor,
 *   direction, count, fields): {"comments": [{"id", "author_id",
 *   "author_name", "text", "date", "reply_to_comment_id"}], "anchor",
 *   "has_more"} — oland-dmd/Odnoklassniki (CommentResponse, Comment): "date"
 *   is "yyyy-MM-dd HH:mm:ss" in Moscow time and CREATED_MS cannot be asked for.
 *
 * Unknown fields pass; ids may come as numbers or strings and are kept as strings.
 */
import { z } from 'zod';

const okId = z.union([z.string().min(1), z.number()]).transform((v) => String(v));

export const okRestTopic = z.looseObject({
  id: okId,
  created_ms: z.number().optional(),
  author_ref: z.string().optional(),
  media: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
});
export type OkRestTopic = z.output<typeof okRestTopic>;

export const okRestTopics = z.looseObject({
  media_topics: z.array(okRestTopic).optional().default([]),
});

export const okRestComment = z.looseObject({
  id: okId,
  author_id: okId.optional(),
  author_name: z.string().optional(),
  author_ref: z.string().optional(),
  /** GROUP when the group itself commented (a reply posted by hand, as the group). */
  author_type: z.string().optional(),
  text: z.string().optional(),
  /** "yyyy-MM-dd HH:mm:ss", Moscow time (oland-dmd); a millisecond field is taken too where OK sends one. */
  date: z.string().optional(),
  date_ms: z.number().optional(),
  reply_to_comment_id: okId.optional(),
  type: z.string().optional(),
});
export type OkRestComment = z.output<typeof okRestComment>;

export const okRestComments = z.looseObject({
  // OK leaves "comments" out when there are none (oland-dmd's DiscussionsApiClient guards for it).
  comments: z.array(okRestComment).optional().default([]),
  anchor: z.string().optional(),
  has_more: z.boolean().optional(),
});
export type OkRestCommentsPage = z.output<typeof okRestComments>;

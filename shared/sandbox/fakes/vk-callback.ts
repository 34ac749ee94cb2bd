/**
 * VK Callback API events as VK sends them (API 5.199): the envelope
 * `{ type, event_id, v, object, group_id, secret? }` with a 40-hex event_id,
 * and objects shaped like VK's schema (github.com/VKCOM/vk-api-schema,
 * callback/objects.json) and recorded real payloads. Each builder takes the
 * few fields a test cares about and fills the rest.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_VK_GROUP } from './vk.js';

export interface VkCallbackEnvelope {
  type: string;
  event_id: string;
  v: string;
  group_id: number;
  secret?: string;
}

export interface VkCallbackEvent<T = Record<string, unknown>> extends VkCallbackEnvelope {
  object: T;
}

export interface EnvelopeInput {
  groupId?: number;
  secret?: string;
  eventId?: string;
  v?: string;
}

let lastId = 100;
/** Ids for made-up messages and comments: distinct within a run. */
const nextId = () => (lastId += 1);
const nowSeconds = () => Math.floor(Date.now() / 1000);

function envelope<T>(type: string, object: T, input: EnvelopeInput): VkCallbackEvent<T> {
  // Field order as VK sends it: type, event_id, v, object, group_id, secret.
  const event: VkCallbackEvent<T> = {
    type,
    event_id: input.eventId ?? randomBytes(20).toString('hex'),
    v: input.v ?? '5.199',
    object,
    group_id: input.groupId ?? DEFAULT_VK_GROUP.id,
  };
  if (input.secret !== undefined) event.secret = input.secret;
  return event;
}

export interface MessageNewInput extends EnvelopeInput {
  fromId: number;
  text: string;
  /** Defaults to fromId (a private dialog with the community). */
  peerId?: number;
  id?: number;
  conversationMessageId?: number;
  date?: number;
  attachments?: unknown[];
  payload?: string;
}

export function messageNew(input: MessageNewInput) {
  const id = input.id ?? nextId();
  return envelope(
    'message_new',
    {
      message: {
        date: input.date ?? nowSeconds(),
        from_id: input.fromId,
        id,
        out: 0,
        attachments: input.attachments ?? [],
        conversation_message_id: input.conversationMessageId ?? id,
        fwd_messages: [],
        important: false,
        is_hidden: false,
        peer_id: input.peerId ?? input.fromId,
        random_id: 0,
        text: input.text,
        ...(input.payload !== undefined ? { payload: input.payload } : {}),
      },
      client_info: {
        button_actions: ['text', 'vkpay', 'open_app', 'location', 'open_link', 'callback', 'intent_subscribe', 'intent_unsubscribe'],
        keyboard: true,
        inline_keyboard: true,
        carousel: true,
        lang_id: 0,
      },
    },
    input,
  );
}

export interface WallReplyInput extends EnvelopeInput {
  fromId: number;
  text: string;
  postId: number;
  /** The wall's owner; defaults to the community (-groupId). */
  ownerId?: number;
  id?: number;
  date?: number;
  /** Answering a comment: VK then fills reply_to_comment, reply_to_user and parents_stack. */
  replyToComment?: number;
  /** Whose comment is answered; defaults to the community (the usual case: a citizen answers the administration). */
  replyToUser?: number;
  /** Overrides the thread path, e.g. [rootCommentId] for a reply deep in a thread. */
  parentsStack?: number[];
  attachments?: unknown[];
}

function wallComment(input: WallReplyInput) {
  const ownerId = input.ownerId ?? -(input.groupId ?? DEFAULT_VK_GROUP.id);
  const reply = input.replyToComment;
  return {
    id: input.id ?? nextId(),
    from_id: input.fromId,
    date: input.date ?? nowSeconds(),
    text: input.text,
    post_owner_id: ownerId,
    owner_id: ownerId,
    post_id: input.postId,
    parents_stack: input.parentsStack ?? (reply !== undefined ? [reply] : []),
    thread: { count: 0 },
    ...(reply !== undefined ? { reply_to_user: input.replyToUser ?? ownerId, reply_to_comment: reply } : {}),
    ...(input.attachments ? { attachments: input.attachments } : {}),
  };
}

export const wallReplyNew = (input: WallReplyInput) => envelope('wall_reply_new', wallComment(input), input);
export const wallReplyEdit = (input: WallReplyInput & { id: number }) => envelope('wall_reply_edit', wallComment(input), input);

export interface LikeAddInput extends EnvelopeInput {
  likerId: number;
  /** What was liked: a wall comment (with its postId) or a post; VK also sends photo, video, topic_comment and more. */
  objectType?: string;
  objectId: number;
  /** The comment's post (object_type "comment"). */
  postId?: number;
  /** The object's owner; defaults to the community (-groupId). */
  ownerId?: number;
}

/** like_add as VK sends it (vk-io's CallbackLikeAddRemove). */
export function likeAdd(input: LikeAddInput) {
  const ownerId = input.ownerId ?? -(input.groupId ?? DEFAULT_VK_GROUP.id);
  return envelope(
    'like_add',
    {
      liker_id: input.likerId,
      object_type: input.objectType ?? 'comment',
      object_owner_id: ownerId,
      object_id: input.objectId,
      thread_reply_id: 0,
      ...(input.postId !== undefined ? { post_id: input.postId } : {}),
    },
    input,
  );
}

export interface WallReplyDeleteInput extends EnvelopeInput {
  id: number;
  postId: number;
  ownerId?: number;
  /** Who deleted it: the author or a community admin. */
  deleterId: number;
}

export function wallReplyDelete(input: WallReplyDeleteInput) {
  return envelope(
    'wall_reply_delete',
    {
      owner_id: input.ownerId ?? -(input.groupId ?? DEFAULT_VK_GROUP.id),
      id: input.id,
      user_id: input.deleterId,
      deleter_id: input.deleterId,
      post_id: input.postId,
    },
    input,
  );
}

export interface WallPostNewInput extends EnvelopeInput {
  id: number;
  text: string;
  ownerId?: number;
  /** The author: the community itself by default; a user for posts in an open wall or suggestions. */
  fromId?: number;
  /** 'suggest' for a suggested post awaiting moderation. */
  postType?: 'post' | 'suggest' | 'postpone';
  createdBy?: number;
  date?: number;
  attachments?: unknown[];
}

export function wallPostNew(input: WallPostNewInput) {
  const ownerId = input.ownerId ?? -(input.groupId ?? DEFAULT_VK_GROUP.id);
  return envelope(
    'wall_post_new',
    {
      id: input.id,
      from_id: input.fromId ?? ownerId,
      owner_id: ownerId,
      date: input.date ?? nowSeconds(),
      marked_as_ads: 0,
      post_type: input.postType ?? 'post',
      text: input.text,
      can_edit: 1,
      ...(input.createdBy !== undefined ? { created_by: input.createdBy } : {}),
      can_delete: 1,
      comments: { count: 0 },
      attachments: input.attachments ?? [],
      is_favorite: false,
    },
    input,
  );
}

interface MediaCommentInput extends EnvelopeInput {
  fromId: number;
  text: string;
  id?: number;
  date?: number;
  /** Owner of the photo/video/topic; defaults to the community. */
  ownerId?: number;
}

function mediaComment(input: MediaCommentInput, idField: string, mediaId: number, ownerField: string) {
  return {
    id: input.id ?? nextId(),
    from_id: input.fromId,
    date: input.date ?? nowSeconds(),
    text: input.text,
    [idField]: mediaId,
    [ownerField]: input.ownerId ?? -(input.groupId ?? DEFAULT_VK_GROUP.id),
  };
}

export const photoCommentNew = (input: MediaCommentInput & { photoId: number }) =>
  envelope('photo_comment_new', mediaComment(input, 'photo_id', input.photoId, 'photo_owner_id'), input);

export const videoCommentNew = (input: MediaCommentInput & { videoId: number }) =>
  envelope('video_comment_new', mediaComment(input, 'video_id', input.videoId, 'video_owner_id'), input);

export const boardPostNew = (input: MediaCommentInput & { topicId: number }) =>
  envelope('board_post_new', mediaComment(input, 'topic_id', input.topicId, 'topic_owner_id'), input);

/** The request VK sends to check a new server; the answer must be the confirmation code. */
export function confirmation(input: EnvelopeInput = {}): VkCallbackEnvelope {
  const { object: _none, ...event } = envelope('confirmation', undefined, input);
  return event;
}

export interface PostCallbackResult {
  status: number;
  body: string;
  /** How many requests were made (1 + retries used). */
  attempts: number;
}

/**
 * POSTs an event as VK does: JSON, expecting HTTP 200 with the body "ok"
 * (for `confirmation`, the code). VK repeats undelivered events with an
 * X-Retry-Counter header; this does so only when asked to.
 */
export async function postVkCallback(
  url: string,
  event: VkCallbackEnvelope,
  opts: { retries?: number; retryDelayMs?: number } = {},
): Promise<PostCallbackResult> {
  const retries = opts.retries ?? 0;
  let last: PostCallbackResult = { status: 0, body: '', attempts: 0 };
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0 && opts.retryDelayMs) await new Promise((r) => setTimeout(r, opts.retryDelayMs));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(attempt > 0 ? { 'x-retry-counter': String(attempt) } : {}) },
        body: JSON.stringify(event),
      });
      last = { status: response.status, body: await response.text(), attempts: attempt + 1 };
    } catch (err) {
      if (attempt === retries) throw err;
      continue;
    }
    if (last.status === 200 && (event.type === 'confirmation' || last.body === 'ok')) return last;
  }
  return last;
}

/** The VK API methods the fake answers, with VK's parameter rules, idempotency keys and errors. */
import { paramError, VK_ERRORS, VkApiError, vkError } from './vk-errors.js';
import { postKey, type VkGroup, type VkState, type VkUserSeed } from './vk-state.js';
import type { FakeVkLongPoll } from './vk-longpoll.js';

export interface VkMethodContext {
  params: Record<string, string>;
  state: VkState;
  group: VkGroup;
  origin: string;
  confirmationCode: string;
  randomIdWindowMs: number;
  messageMaxLength: number;
  longPoll: FakeVkLongPoll;
}

type Handler = (ctx: VkMethodContext) => unknown;

function int(params: Record<string, string>, name: string): number | undefined {
  const value = params[name];
  return value !== undefined && /^-?\d+$/.test(value.trim()) ? Number(value) : undefined;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function keyboard(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw vkError(911, 'Keyboard format is invalid');
  }
}

const PHOTO_SIZES = [50, 100, 200];

function userObject(user: VkUserSeed, fields: string[]): Record<string, unknown> {
  const deactivated = user.deactivated !== undefined;
  const out: Record<string, unknown> = {
    id: user.id,
    first_name: deactivated ? 'DELETED' : user.first_name,
    last_name: deactivated ? '' : user.last_name,
    can_access_closed: true,
    is_closed: false,
  };
  if (deactivated) out.deactivated = user.deactivated;
  for (const field of fields) {
    if (field === 'screen_name' || field === 'domain') out[field] = user.screen_name ?? `id${user.id}`;
    const size = /^photo_(\d+)$/.exec(field)?.[1];
    if (size && PHOTO_SIZES.includes(Number(size))) out[field] = `https://vk.com/images/camera_${size}.png`;
  }
  return out;
}

function groupObject(group: VkGroup): Record<string, unknown> {
  return {
    id: group.id,
    name: group.name,
    screen_name: group.screen_name,
    is_closed: 0,
    type: group.type,
    ...Object.fromEntries(PHOTO_SIZES.map((s) => [`photo_${s}`, `https://vk.com/images/community_${s}.png`])),
  };
}

/**
 * Methods VK refuses to community tokens (error 27, "method is unavailable
 * with group auth"): dev.vk.com lists only the user token for them.
 * photos.getMessagesUploadServer and saveMessagesPhoto take either.
 */
export const USER_TOKEN_ONLY: ReadonlySet<string> = new Set([
  // Video uploads and wall documents: dev.vk.com lists the user token only for video.save and docs.getWallUploadServer.
  'video.save',
  'docs.getWallUploadServer',
  'photos.getWallUploadServer',
  'photos.saveWallPhoto',
  'photos.createComment',
  'video.createComment',
  'board.createComment',
]);

/** save*Photo takes only what went through its own upload server: server, photo and hash as that server answered. */
function savePhoto(ctx: VkMethodContext, kind: string, ownerId: number, albumId: number) {
  const hash = ctx.params.hash ?? '';
  const upload = ctx.state.upload(hash);
  if (!upload || upload.kind !== kind || String(upload.server) !== (ctx.params.server ?? '') || upload.photo !== ctx.params.photo) {
    if (ctx.params.photo === '[]') throw paramError('photos_list is invalid');
    throw vkError(121, 'Invalid hash');
  }
  return [ctx.state.savePhoto(upload, ownerId, albumId, ctx.origin)];
}

const handlers: Record<string, Handler> = {
  'messages.send': (ctx) => {
    const { params, state } = ctx;
    const randomId = int(params, 'random_id');
    if (randomId === undefined) throw paramError('random_id is a required parameter');
    const peerIds = params.peer_ids !== undefined ? list(params.peer_ids).map(Number) : undefined;
    const chatId = int(params, 'chat_id');
    const single = int(params, 'peer_id') ?? int(params, 'user_id') ?? (chatId !== undefined ? 2_000_000_000 + chatId : undefined);
    const peers = peerIds ?? (single !== undefined ? [single] : []);
    if (peers.length === 0 || peers.some((p) => !Number.isFinite(p))) {
      throw paramError('you should specify peer_id, user_id, domain, chat_id or user_ids param');
    }
    const text = params.message ?? '';
    const attachment = params.attachment;
    if (text === '' && !attachment && !params.sticker_id && !params.forward_messages) {
      throw paramError('message is empty or invalid');
    }
    if (text.length > ctx.messageMaxLength) throw new VkApiError(VK_ERRORS.messageTooLong);
    const replyTo = int(params, 'reply_to');
    const kb = keyboard(params.keyboard);
    const results = peers.map((peerId) => {
      // VK keeps random_id with the message: a repeat returns the first message instead of sending again.
      const repeat = state.findByRandomId(peerId, randomId, ctx.randomIdWindowMs);
      if (repeat) return { peerId, message: repeat };
      if (state.deniedPeers.has(peerId)) {
        if (!peerIds) throw new VkApiError(VK_ERRORS.cantSendToUser);
        return { peerId, error: VK_ERRORS.cantSendToUser };
      }
      const message = state.addMessage({
        peerId,
        text,
        randomId,
        ...(attachment ? { attachment } : {}),
        ...(kb !== undefined ? { keyboard: kb } : {}),
        ...(replyTo !== undefined ? { replyTo } : {}),
      });
      return { peerId, message };
    });
    if (!peerIds) return results[0]?.message?.id;
    return results.map((r) =>
      r.message
        ? { peer_id: r.peerId, message_id: r.message.id, conversation_message_id: r.message.conversationMessageId }
        : { peer_id: r.peerId, error: { code: r.error?.error_code, description: r.error?.error_msg } },
    );
  },

  'wall.createComment': (ctx) => {
    const { params, state } = ctx;
    const ownerId = int(params, 'owner_id') ?? -ctx.group.id;
    const postId = int(params, 'post_id');
    if (postId === undefined) throw paramError('post_id is undefined');
    const text = params.message ?? '';
    const attachments = params.attachments;
    if (text === '' && !attachments && !params.sticker_id) throw paramError('message is empty');
    if (state.deletedPosts.has(postKey(ownerId, postId))) throw new VkApiError(VK_ERRORS.postDeleted);
    const guid = params.guid;
    const repeat = guid ? state.findByGuid(ownerId, postId, guid) : undefined;
    if (repeat) return { comment_id: repeat.id, parents_stack: repeat.parentsStack };
    const replyToComment = int(params, 'reply_to_comment');
    if (replyToComment !== undefined && state.deletedComments.has(postKey(ownerId, replyToComment))) {
      throw new VkApiError(VK_ERRORS.commentDeleted);
    }
    // VK threads are two levels deep: a reply to a reply joins the first comment's thread.
    const parent = replyToComment !== undefined ? state.comment(ownerId, replyToComment) : undefined;
    const parentsStack =
      replyToComment === undefined ? [] : parent && parent.parentsStack.length > 0 ? parent.parentsStack : [replyToComment];
    const fromGroup = int(params, 'from_group');
    const comment = state.addComment({
      ownerId,
      postId,
      text,
      parentsStack,
      ...(attachments ? { attachments } : {}),
      ...(replyToComment !== undefined ? { replyToComment } : {}),
      ...(fromGroup !== undefined ? { fromGroup } : {}),
      ...(guid ? { guid } : {}),
    });
    return { comment_id: comment.id, parents_stack: comment.parentsStack };
  },

  'users.get': (ctx) => {
    const fields = list(ctx.params.fields);
    return list(ctx.params.user_ids ?? ctx.params.user_id).map((idOrName) => {
      const user = ctx.state.userByScreenName(idOrName);
      if (!user) throw vkError(113, 'Invalid user id');
      return userObject(user, fields);
    });
  },

  'groups.getById': (ctx) => {
    const wanted = list(ctx.params.group_ids ?? ctx.params.group_id);
    const groups = (wanted.length > 0 ? wanted : [String(ctx.group.id)]).map((idOrName) => {
      if (idOrName === String(ctx.group.id) || idOrName === ctx.group.screen_name) return ctx.group;
      const id = /^(?:club|public)?(\d+)$/.exec(idOrName)?.[1];
      if (!id) throw paramError('group_ids is undefined');
      return { id: Number(id), name: `Сообщество ${id}`, screen_name: `club${id}`, type: 'group' } satisfies VkGroup;
    });
    return { groups: groups.map(groupObject), profiles: [] };
  },

  'photos.getMessagesUploadServer': (ctx) => ({
    album_id: -3,
    upload_url: `${ctx.origin}/upload/messages?group_id=${ctx.group.id}&peer_id=${ctx.params.peer_id ?? 0}`,
    user_id: 0,
    group_id: ctx.group.id,
  }),

  'photos.getWallUploadServer': (ctx) => ({
    album_id: -14,
    upload_url: `${ctx.origin}/upload/wall?group_id=${ctx.params.group_id ?? ctx.group.id}`,
    user_id: 0,
  }),

  'photos.saveMessagesPhoto': (ctx) => savePhoto(ctx, 'messages', -ctx.group.id, -3),

  'photos.saveWallPhoto': (ctx) => savePhoto(ctx, 'wall', -(int(ctx.params, 'group_id') ?? ctx.group.id), -14),

  // video.save: the video is created at once, its file goes to upload_url (field video_file); the attachment is video{owner}_{id}.
  'video.save': (ctx) => {
    const groupId = int(ctx.params, 'group_id');
    const ownerId = groupId !== undefined ? -groupId : 1;
    const title = ctx.params.name ?? 'Видео';
    const video = ctx.state.createVideo(ownerId, title, ctx.params.is_private === '1');
    return {
      access_key: video.access_key,
      description: ctx.params.description ?? '',
      owner_id: ownerId,
      title,
      upload_url: `${ctx.origin}/upload/video?owner_id=${ownerId}&video_id=${video.id}`,
      video_id: video.id,
    };
  },

  'docs.getMessagesUploadServer': (ctx) => {
    if (int(ctx.params, 'peer_id') === undefined) throw paramError('peer_id is undefined');
    return { upload_url: `${ctx.origin}/upload/docs_messages?peer_id=${ctx.params.peer_id}` };
  },

  'docs.getWallUploadServer': (ctx) => ({ upload_url: `${ctx.origin}/upload/docs_wall?group_id=${ctx.params.group_id ?? ctx.group.id}` }),

  // docs.save takes the `file` the upload server answered, once; a message document belongs to the community, a wall one to the group given at upload.
  'docs.save': (ctx) => {
    const file = ctx.params.file ?? '';
    if (!file) throw paramError('file is undefined');
    const doc = ctx.state.saveDoc(file, -ctx.group.id, ctx.params.title);
    if (!doc) throw vkError(1150, 'Invalid document id');
    return { type: 'doc', doc: { id: doc.id, owner_id: doc.owner_id, title: doc.title, size: doc.size, ext: doc.ext, date: ctx.state.nowSeconds(), type: 1, url: `${ctx.origin}/doc${doc.owner_id}_${doc.id}` } };
  },

  'groups.getCallbackConfirmationCode': (ctx) => ({ code: ctx.confirmationCode }),
  // A community token may only ask for its own community's server.
  'groups.getLongPollServer': (ctx) => {
    const groupId = int(ctx.params, 'group_id');
    if (groupId === undefined) throw paramError('group_id is undefined');
    if (groupId !== ctx.group.id) throw new VkApiError(VK_ERRORS.accessDenied);
    return ctx.longPoll.server(ctx.origin, groupId);
  },
};

export function findVkMethod(name: string): Handler | undefined {
  return Object.hasOwn(handlers, name) ? handlers[name] : undefined;
}

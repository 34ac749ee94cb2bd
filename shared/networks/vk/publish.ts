/**
 * Publishing a reply on VK, in the thread the citizen wrote in, exactly once:
 * messages.send carries a random_id and every createComment a guid, both
 * derived from the outbox id, so a repeated publish returns the first
 * message or comment. Photos go through VK's upload servers first.
 */
import type { VK } from 'vk-io';
import { z } from 'zod';
import type {
  NetworkConnection,
  PublishError,
  PublishResult,
  Reply,
  ReplyTarget,
  UploadInput,
  UploadResult,
} from '../types.js';
import { vkCapabilities } from './capabilities.js';
import { vkErrorOf } from './errors.js';
import { vkGuid, vkRandomId } from './idempotency.js';
import { vkLinks } from './links.js';

export type VkDeps = {
  /** The community token's client (createVkClient): messages and wall comments. */
  client: VK;
  groupId: number;
  /** A community admin's user token (VK_USER_TOKEN): photos under comments; comments under photos, videos, board topics. */
  userClient?: VK | null;
};

// Thread shapes as vk/parse.ts stores them; coerced because they round-trip through JSON.
const id = z.coerce.number().int();
const threads = {
  direct: z.object({ peerId: id, messageId: id }),
  wall: z.object({ ownerId: id, postId: id, commentId: id }),
  photo: z.object({ ownerId: id, photoId: id, commentId: id }),
  video: z.object({ ownerId: id, videoId: id, commentId: id }),
  board: z.object({ ownerId: id, topicId: id }),
};

const permanent = (code: string, reasonKey: string): { ok: false; error: PublishError } => ({
  ok: false,
  error: { kind: 'permanent', code, reasonKey },
});
const badThread = () => permanent('bad_thread', 'publish-vk-invalid-request');

export function createVkConnection(deps: VkDeps): NetworkConnection {
  const { client, groupId } = deps;
  const userClient = deps.userClient ?? null;
  const capabilities = (kind: ReplyTarget['kind']) => vkCapabilities(kind, { hasUserToken: userClient !== null });

  async function uploadMedia(photo: UploadInput, to: ReplyTarget): Promise<UploadResult> {
    const source = {
      value: Buffer.from(photo.data),
      ...(photo.filename ? { filename: photo.filename } : {}),
      ...(photo.contentType ? { contentType: photo.contentType } : {}),
    };
    try {
      if (photo.type === 'video') {
        // video.save is a user-token method: the community's video, private where it answers a private message.
        if (!userClient || !capabilities(to.kind).canReplyWithVideo) return permanent('video_unsupported', 'publish-vk-video-needs-user-token');
        const video = await userClient.upload.video({
          source,
          group_id: groupId,
          name: photo.filename ?? 'video.mp4',
          is_private: to.kind === 'direct' ? 1 : 0,
          wallpost: 0,
        });
        return { ok: true, media: { type: 'uploaded', network: 'vk', ref: String(video) } };
      }
      if (photo.type === 'document') {
        const title = photo.filename ?? 'document';
        if (to.kind === 'direct') {
          const thread = threads.direct.safeParse(to.thread);
          if (!thread.success) return badThread();
          const doc = await client.upload.messageDocument({ peer_id: thread.data.peerId, source, title });
          return { ok: true, media: { type: 'uploaded', network: 'vk', ref: String(doc) } };
        }
        if (!userClient || !capabilities(to.kind).canReplyWithDocument) return permanent('document_unsupported', 'publish-vk-photo-needs-user-token');
        const doc = await userClient.upload.wallDocument({ group_id: groupId, source, title });
        return { ok: true, media: { type: 'uploaded', network: 'vk', ref: String(doc) } };
      }
      if (to.kind === 'direct') {
        const thread = threads.direct.safeParse(to.thread);
        if (!thread.success) return badThread();
        const attachment = await client.upload.messagePhoto({ peer_id: thread.data.peerId, source });
        return { ok: true, media: { type: 'uploaded', network: 'vk', ref: String(attachment) } };
      }
      // Photos for comments go through the wall upload server, which only a user token may use.
      if (!userClient || !capabilities(to.kind).canReplyWithPhoto) return permanent('photo_unsupported', 'publish-vk-photo-needs-user-token');
      const attachment = await userClient.upload.wallPhoto({ group_id: groupId, source });
      return { ok: true, media: { type: 'uploaded', network: 'vk', ref: String(attachment) } };
    } catch (err) {
      return { ok: false, error: vkErrorOf(err) };
    }
  }

  async function publish(reply: Reply): Promise<PublishResult> {
    const { kind, thread } = reply.to;
    const caps = capabilities(kind);
    if (caps.needsManualPublication) return permanent('manual', caps.needsManualPublication);
    if (reply.text.length > caps.maxTextLength) return permanent('too_long', 'publish-vk-too-long');
    const media = reply.media ?? [];
    if (media.some((m) => m.type === 'photo') && !caps.canReplyWithPhoto) return permanent('photo_unsupported', caps.notes[0] ?? 'publish-vk-photo-needs-user-token');

    const attachments: string[] = [];
    for (const item of media) {
      if (item.type === 'uploaded') {
        if (item.network !== 'vk') return permanent('foreign_media', 'publish-vk-invalid-request');
        attachments.push(item.ref);
        continue;
      }
      const uploaded = await uploadMedia(item, reply.to);
      if (!uploaded.ok) return uploaded;
      attachments.push(uploaded.media.ref);
    }
    const message = reply.text;
    const attachment = attachments.length > 0 ? attachments.join(',') : undefined;
    const guid = vkGuid(reply.outboxId);

    try {
      switch (kind) {
        case 'direct': {
          const t = threads.direct.safeParse(thread);
          if (!t.success) return badThread();
          const sent = await client.api.messages.send({
            peer_id: t.data.peerId,
            random_id: vkRandomId(reply.outboxId),
            message,
            ...(attachment ? { attachment } : {}),
            reply_to: t.data.messageId,
          });
          const messageId = Number(sent);
          return { ok: true, messageId: String(messageId), permalink: vkLinks.dm(groupId, t.data.peerId, messageId) };
        }
        case 'comment':
        case 'reply': {
          const t = threads.wall.safeParse(thread);
          if (!t.success) return badThread();
          const { ownerId, postId, commentId } = t.data;
          const created = await client.api.wall.createComment({
            owner_id: ownerId,
            post_id: postId,
            from_group: groupId,
            reply_to_comment: commentId,
            message,
            ...(attachment ? { attachments: attachment } : {}),
            guid,
          });
          const root = created.parents_stack?.[0];
          return {
            ok: true,
            messageId: String(created.comment_id),
            permalink: vkLinks.wallComment(ownerId, postId, created.comment_id, root),
          };
        }
        case 'photo_comment': {
          const t = threads.photo.safeParse(thread);
          if (!t.success || !userClient) return badThread();
          const { ownerId, photoId, commentId } = t.data;
          const created = await userClient.api.photos.createComment({
            owner_id: ownerId,
            photo_id: photoId,
            from_group: 1,
            reply_to_comment: commentId,
            message,
            ...(attachment ? { attachments: attachment } : {}),
            guid,
          });
          return { ok: true, messageId: String(created), permalink: vkLinks.photo(ownerId, photoId) };
        }
        case 'video_comment': {
          const t = threads.video.safeParse(thread);
          if (!t.success || !userClient) return badThread();
          const { ownerId, videoId, commentId } = t.data;
          const created = await userClient.api.video.createComment({
            owner_id: ownerId,
            video_id: videoId,
            from_group: 1,
            reply_to_comment: commentId,
            message,
            ...(attachment ? { attachments: attachment } : {}),
            guid,
          });
          return { ok: true, messageId: String(created), permalink: vkLinks.video(ownerId, videoId) };
        }
        case 'board_post': {
          const t = threads.board.safeParse(thread);
          if (!t.success || !userClient) return badThread();
          const { ownerId, topicId } = t.data;
          // Board topics have no reply-to: the answer is the topic's next post.
          const created = await userClient.api.board.createComment({
            group_id: Math.abs(ownerId),
            topic_id: topicId,
            from_group: 1,
            message,
            ...(attachment ? { attachments: attachment } : {}),
            guid,
          });
          return { ok: true, messageId: String(created), permalink: vkLinks.boardPost(ownerId, topicId, Number(created)) };
        }
        case 'wall_post':
          return permanent('manual', 'publish-vk-manual-suggested-post');
      }
    } catch (err) {
      return { ok: false, error: vkErrorOf(err) };
    }
  }

  return { network: 'vk', capabilities, uploadMedia, publish };
}

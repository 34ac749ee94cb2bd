import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { VK, type CommentContext, type MessageContext } from 'vk-io';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, listen } from './http-util.js';
import { DEFAULT_VK_GROUP } from './vk.js';
import {
  boardPostNew,
  confirmation,
  messageNew,
  photoCommentNew,
  postVkCallback,
  videoCommentNew,
  wallPostNew,
  wallReplyDelete,
  wallReplyEdit,
  wallReplyNew,
} from './vk-callback.js';

const SECRET = 'callback-secret';
let server: Server | undefined;

afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
});

/** A receiver built on vk-io's own Callback API handling: it checks secret and confirmation like a real bot. */
async function vkIoReceiver() {
  const vk = new VK({ token: 'unused', webhookSecret: SECRET, webhookConfirmation: 'a1b2c3d4' });
  const messages: MessageContext[] = [];
  const comments: CommentContext[] = [];
  vk.updates.on('message_new', (ctx) => void messages.push(ctx));
  vk.updates.on('comment', (ctx) => void comments.push(ctx));
  server = createServer(vk.updates.getWebhookCallback());
  const url = await listen(server, 0, '127.0.0.1');
  const settled = async () => {
    for (let i = 0; i < 50; i += 1) await new Promise((r) => setImmediate(r));
  };
  return { url, messages, comments, settled };
}

describe('VK Callback API event builders', () => {
  it('build the 5.199 envelope with a 40-hex event_id', () => {
    const event = messageNew({ fromId: 1001, text: 'Когда уберут снег?', secret: SECRET });
    expect(Object.keys(event)).toEqual(['type', 'event_id', 'v', 'object', 'group_id', 'secret']);
    expect(event).toMatchObject({ type: 'message_new', v: '5.199', group_id: DEFAULT_VK_GROUP.id, secret: SECRET });
    expect(event.event_id).toMatch(/^[0-9a-f]{40}$/);
    expect(event.object.message).toMatchObject({ from_id: 1001, peer_id: 1001, out: 0, text: 'Когда уберут снег?', attachments: [] });
    expect(event.object.client_info).toMatchObject({ keyboard: true, inline_keyboard: true });
    expect(messageNew({ fromId: 1, text: 'x' }).event_id).not.toBe(event.event_id);
  });

  it('fill comment events like VK: wall replies, edits, deletions, media and board comments', () => {
    const reply = wallReplyNew({ fromId: 1002, text: 'Спасибо', postId: 55, replyToComment: 5001 });
    expect(reply.object).toMatchObject({
      from_id: 1002,
      post_id: 55,
      post_owner_id: -DEFAULT_VK_GROUP.id,
      owner_id: -DEFAULT_VK_GROUP.id,
      parents_stack: [5001],
      reply_to_comment: 5001,
      reply_to_user: -DEFAULT_VK_GROUP.id,
    });
    expect(wallReplyEdit({ id: 7, fromId: 1002, text: 'Исправил', postId: 55 })).toMatchObject({ type: 'wall_reply_edit', object: { id: 7 } });
    expect(wallReplyDelete({ id: 7, postId: 55, deleterId: 1002 }).object).toEqual({
      owner_id: -DEFAULT_VK_GROUP.id,
      id: 7,
      user_id: 1002,
      deleter_id: 1002,
      post_id: 55,
    });
    expect(wallPostNew({ id: 90, text: 'Новость', fromId: 1003, postType: 'suggest' }).object).toMatchObject({
      id: 90,
      from_id: 1003,
      owner_id: -DEFAULT_VK_GROUP.id,
      post_type: 'suggest',
    });
    expect(photoCommentNew({ fromId: 1, text: 'a', photoId: 3 }).object).toMatchObject({ photo_id: 3, photo_owner_id: -DEFAULT_VK_GROUP.id });
    expect(videoCommentNew({ fromId: 1, text: 'a', videoId: 4 }).object).toMatchObject({ video_id: 4, video_owner_id: -DEFAULT_VK_GROUP.id });
    expect(boardPostNew({ fromId: 1, text: 'a', topicId: 5 }).object).toMatchObject({ topic_id: 5, topic_owner_id: -DEFAULT_VK_GROUP.id });
    expect(confirmation({ groupId: 7 })).not.toHaveProperty('object');
  });

  it('are understood by vk-io: messages, comments and the confirmation handshake', async () => {
    const receiver = await vkIoReceiver();
    const confirmed = await postVkCallback(receiver.url, confirmation({ secret: SECRET }));
    expect(confirmed).toMatchObject({ status: 200, body: 'a1b2c3d4' });

    const sent = await postVkCallback(receiver.url, messageNew({ fromId: 1001, text: 'Яма на Ленина, 5', secret: SECRET }));
    expect(sent).toMatchObject({ status: 200, body: 'ok', attempts: 1 });
    await postVkCallback(receiver.url, wallReplyNew({ fromId: 1002, text: 'И у нас', postId: 55, replyToComment: 9, secret: SECRET }));
    await receiver.settled();

    expect(receiver.messages[0]).toMatchObject({ text: 'Яма на Ленина, 5', senderId: 1001, peerId: 1001 });
    expect(receiver.comments[0]).toMatchObject({ text: 'И у нас', fromId: 1002, objectId: 55, ownerId: -DEFAULT_VK_GROUP.id, replyId: 9 });
    expect(receiver.comments[0]?.isWallComment).toBe(true);

    const forged = await postVkCallback(receiver.url, messageNew({ fromId: 1, text: 'x', secret: 'wrong' }));
    expect(forged.status).toBe(403);
  });

  it('retry with X-Retry-Counter only when asked', async () => {
    const seen: IncomingHttpHeaders[] = [];
    server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.end(seen.length < 3 ? 'not yet' : 'ok');
    });
    const url = await listen(server, 0, '127.0.0.1');
    const event = messageNew({ fromId: 1001, text: 'x' });

    expect(await postVkCallback(url, event)).toMatchObject({ body: 'not yet', attempts: 1 });
    seen.length = 0;
    expect(await postVkCallback(url, event, { retries: 4 })).toMatchObject({ status: 200, body: 'ok', attempts: 3 });
    expect(seen.map((h) => h['x-retry-counter'])).toEqual([undefined, '1', '2']);
    expect(seen[0]?.['content-type']).toBe('application/json');
  });
});

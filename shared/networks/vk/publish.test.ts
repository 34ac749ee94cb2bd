/**
 * Publishing on VK through the real vk-io client (shared/networks/vk/client.ts)
 * against the fake VK server: replies land in the right place, photos go
 * through the upload servers, a repeated publish posts once, and every VK
 * error the card must explain is mapped.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeVk, VK_ERRORS, type FakeVk } from '../../sandbox/fakes/vk.js';
import type { NetworkConnection, PhotoInput, PublishResult, Reply } from '../types.js';
import { vkNetwork } from './adapter.js';
import { createVkClient } from './client.js';
import { vkErrorFromCode, vkErrorOf } from './errors.js';
import { vkGuid, vkRandomId } from './idempotency.js';

const GROUP = 218_000_001;
const CITIZEN = 610_001;
const PHOTO: PhotoInput = { type: 'photo', data: Buffer.from('\x89PNG fake photo bytes'), filename: 'yard.png', contentType: 'image/png' };

let fake: FakeVk;
let vk: NetworkConnection; // community token only
let vkWithUser: NetworkConnection; // plus a community admin's user token

beforeAll(async () => {
  fake = await startFakeVk({ group: { id: GROUP }, communityTokens: ['vk1.a.community'] });
  const client = createVkClient({ token: 'vk1.a.community', apiBaseUrl: fake.apiBaseUrl });
  const userClient = createVkClient({ token: 'vk1.a.admin-user', apiBaseUrl: fake.apiBaseUrl });
  vk = vkNetwork.connect({ client, groupId: GROUP });
  vkWithUser = vkNetwork.connect({ client, groupId: GROUP, userClient });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

let outbox = 1000;
const dm = (text: string, extra: Partial<Reply> = {}): Reply => ({
  outboxId: (outbox += 1),
  to: { kind: 'direct', thread: { groupId: GROUP, peerId: CITIZEN, messageId: 1042 } },
  text,
  ...extra,
});
const comment = (text: string, extra: Partial<Reply> = {}): Reply => ({
  outboxId: (outbox += 1),
  to: { kind: 'comment', thread: { ownerId: -GROUP, postId: 10, commentId: 77 } },
  text,
  ...extra,
});
const failure = (r: PublishResult) => (r.ok ? undefined : r.error);

describe('VK publish', () => {
  it('answers a direct message with messages.send: reply_to, a deterministic random_id, a link to the dialogue', async () => {
    const reply = dm('Здравствуйте! Бригада выехала, свет дадут до 18:00.');
    const result = await vk.publish(reply);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(fake.sent).toEqual([
      expect.objectContaining({ kind: 'message', peerId: CITIZEN, text: reply.text, replyTo: 1042, randomId: vkRandomId(reply.outboxId) }),
    ]);
    expect(result.messageId).toBe(String(fake.sent[0]!.id));
    expect(result.permalink).toBe(`https://vk.com/gim${GROUP}?sel=${CITIZEN}&msgid=${result.messageId}`);
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([['messages.send', 'vk1.a.community']]);
  });

  it('attaches a photo to a direct message through the messages upload server', async () => {
    const result = await vk.publish(dm('Фото после ремонта', { media: [PHOTO] }));
    expect(result.ok).toBe(true);
    expect(fake.uploads).toHaveLength(1);
    const upload = fake.uploads[0]!;
    expect(upload.kind).toBe('messages');
    expect(upload.bytes.equals(Buffer.from(PHOTO.data))).toBe(true);
    const photo = upload.saved!;
    expect(fake.sent).toEqual([
      expect.objectContaining({ kind: 'message', attachment: `photo${photo.owner_id}_${photo.id}_${photo.access_key}` }),
    ]);
  });

  it('answers a comment with wall.createComment in its thread, from the community, with a photo uploaded by the admin token', async () => {
    const reply = comment('Яму заделают на этой неделе. Схема объезда на фото.', { media: [PHOTO] });
    const result = await vkWithUser.publish(reply);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;

    const upload = fake.uploads[0]!;
    expect(upload.kind).toBe('wall');
    const photo = upload.saved!;
    expect(fake.calls.find((c) => c.method === 'photos.getWallUploadServer')?.token).toBe('vk1.a.admin-user');
    const create = fake.calls.find((c) => c.method === 'wall.createComment')!;
    expect(create.token).toBe('vk1.a.community');
    expect(create.params).toMatchObject({
      owner_id: String(-GROUP),
      post_id: '10',
      from_group: String(GROUP),
      reply_to_comment: '77',
      guid: vkGuid(reply.outboxId),
      message: reply.text,
      attachments: `photo${photo.owner_id}_${photo.id}_${photo.access_key}`,
    });
    const sent = fake.sent[0]!;
    expect(sent).toMatchObject({ kind: 'comment', ownerId: -GROUP, postId: 10, replyToComment: 77, parentsStack: [77] });
    expect(result).toEqual({ ok: true, messageId: String(sent.id), permalink: `https://vk.com/wall-${GROUP}_10?reply=${sent.id}&thread=77` });
  });

  it('attaches a document to a direct message through docs.getMessagesUploadServer and docs.save, by the community token', async () => {
    const act = Buffer.from('%PDF акт выполненных работ');
    const result = await vk.publish(dm('Здравствуйте! Акт прилагаем.', { media: [{ type: 'document', data: act, filename: 'akt.pdf' }] }));
    expect(result.ok).toBe(true);
    const [ref, doc] = [...fake.docs.entries()][0]!;
    expect(doc).toMatchObject({ kind: 'docs_messages', title: 'akt.pdf', ext: 'pdf' });
    expect(doc.bytes.equals(act)).toBe(true);
    expect(fake.sent[0]).toMatchObject({ kind: 'message', attachment: ref });
    expect(fake.calls.map((c) => [c.method, c.token]).filter(([m]) => m!.startsWith('docs.'))).toEqual([
      ['docs.getMessagesUploadServer', 'vk1.a.community'],
      ['docs.save', 'vk1.a.community'],
    ]);
  });

  it('a video needs the admin user token (video.save); a comment carries it, uploaded once to the community', async () => {
    const clip = Buffer.from('fake-mp4 bytes');
    expect(failure(await vk.publish(comment('Видео', { media: [{ type: 'video', data: clip }] })))).toMatchObject({ kind: 'permanent' });
    expect(fake.calls.find((c) => c.method === 'video.save')).toBeUndefined();
    const result = await vkWithUser.publish(comment('Здравствуйте! Видео прилагаем.', { media: [{ type: 'video', data: clip, filename: 'street.mp4' }] }));
    expect(result.ok).toBe(true);
    const [ref, video] = [...fake.videos.entries()][0]!;
    expect(video).toMatchObject({ owner_id: -GROUP, is_private: false, title: 'street.mp4' });
    expect(video.bytes?.equals(clip)).toBe(true);
    expect(fake.sent[0]).toMatchObject({ kind: 'comment', attachments: `${ref}_${video.access_key}` });
    expect(fake.calls.filter((c) => c.method === 'video.save').map((c) => c.token)).toEqual(['vk1.a.admin-user']);
  });

  it('publishing the same outbox row twice posts once: random_id for messages, guid for comments', async () => {
    const message = dm('Ответ на обращение');
    const first = await vk.publish(message);
    const again = await vk.publish(message); // e.g. a restart after a crash before the database write
    const reply = comment('Ответ под записью');
    const firstComment = await vk.publish(reply);
    const againComment = await vk.publish(reply);

    expect(again).toEqual(first);
    expect(againComment).toEqual(firstComment);
    expect(fake.sent.map((s) => s.kind)).toEqual(['message', 'comment']);
    expect(fake.calls.filter((c) => c.method === 'messages.send')).toHaveLength(2); // both calls reached VK…
    expect(fake.calls.filter((c) => c.method === 'wall.createComment')).toHaveLength(2); // …and VK deduplicated them
  });

  it('derives random_id as a positive 31-bit integer, distinct for distinct outbox ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (a, b) => {
        const [x, y] = [vkRandomId(a), vkRandomId(b)];
        expect(Number.isInteger(x) && x > 0 && x < 2 ** 31).toBe(true);
        expect(x === y).toBe(a === b);
      }),
    );
    expect(vkRandomId(42)).toBe(vkRandomId('42'));
    const hashed = vkRandomId('3f1c2a9e-uuid-like');
    expect(hashed).toBe(vkRandomId('3f1c2a9e-uuid-like'));
    expect(hashed > 0 && hashed < 2 ** 31).toBe(true);
  });

  it('maps every VK error the card must explain', async () => {
    type Case = { name: string; arrange: () => void; reply: () => Reply; kind: 'temporary' | 'permanent'; code: number; reasonKey: string };
    const cases: Case[] = [
      { name: '901 messages forbidden', arrange: () => fake.denyMessages(CITIZEN), reply: () => dm('x'), kind: 'permanent', code: 901, reasonKey: 'publish-vk-messages-forbidden' },
      { name: '902 privacy', arrange: () => fake.failNext('messages.send', VK_ERRORS.cantSendPrivacy), reply: () => dm('x'), kind: 'permanent', code: 902, reasonKey: 'publish-vk-messages-privacy' },
      { name: '15 access denied', arrange: () => fake.failNext('messages.send', VK_ERRORS.accessDenied), reply: () => dm('x'), kind: 'permanent', code: 15, reasonKey: 'publish-vk-access-denied' },
      { name: '14 captcha', arrange: () => fake.failNext('wall.createComment', VK_ERRORS.captcha), reply: () => comment('x'), kind: 'permanent', code: 14, reasonKey: 'publish-vk-captcha' },
      { name: '100 post deleted', arrange: () => fake.deletePost(-GROUP, 10), reply: () => comment('x'), kind: 'permanent', code: 100, reasonKey: 'publish-vk-post-deleted' },
      { name: '100 comment deleted', arrange: () => fake.deleteComment(-GROUP, 77), reply: () => comment('x'), kind: 'permanent', code: 100, reasonKey: 'publish-vk-comment-deleted' },
      { name: '210 wall access', arrange: () => fake.failNext('wall.createComment', VK_ERRORS.wallAccessPost), reply: () => comment('x'), kind: 'permanent', code: 210, reasonKey: 'publish-vk-wall-access' },
      { name: '212 comments closed', arrange: () => fake.failNext('wall.createComment', VK_ERRORS.commentsClosed), reply: () => comment('x'), kind: 'permanent', code: 212, reasonKey: 'publish-vk-comments-closed' },
      { name: '914 too long', arrange: () => fake.failNext('messages.send', VK_ERRORS.messageTooLong), reply: () => dm('x'), kind: 'permanent', code: 914, reasonKey: 'publish-vk-too-long' },
      { name: '5 token revoked', arrange: () => fake.failNext('messages.send', VK_ERRORS.authFailed), reply: () => dm('x'), kind: 'permanent', code: 5, reasonKey: 'publish-vk-auth' },
      { name: '9 flood control', arrange: () => fake.failNext('messages.send', VK_ERRORS.flood), reply: () => dm('x'), kind: 'temporary', code: 9, reasonKey: 'publish-vk-rate-limit' },
      { name: '10 server error', arrange: () => fake.failNext('wall.createComment', VK_ERRORS.internal), reply: () => comment('x'), kind: 'temporary', code: 10, reasonKey: 'publish-vk-server' },
    ];
    for (const c of cases) {
      fake.reset();
      c.arrange();
      const result = await vk.publish(c.reply());
      expect(failure(result), c.name).toEqual({ kind: c.kind, code: c.code, reasonKey: c.reasonKey });
      expect(fake.sent, c.name).toHaveLength(0);
    }
  });

  it('rides out a single "too many requests" (6): vk-io waits and repeats, VK posts once', async () => {
    fake.failNext('messages.send', VK_ERRORS.tooManyRequests);
    const result = await vk.publish(dm('Ответ'));
    expect(result.ok).toBe(true);
    expect(fake.sent).toHaveLength(1);
    expect(vkErrorFromCode(6)).toEqual({ kind: 'temporary', code: 6, reasonKey: 'publish-vk-rate-limit' });
  });

  it('treats a failed connection as temporary, never a throw', () => {
    expect(vkErrorOf(new TypeError('fetch failed'))).toEqual({ kind: 'temporary', code: 'transport', reasonKey: 'publish-vk-network' });
  });

  it('without an admin user token: comments are text-only, and photo, video and board replies are manual', async () => {
    expect(vk.capabilities('comment')).toMatchObject({ canReplyWithPhoto: false, needsManualPublication: null, notes: ['publish-vk-photo-needs-user-token'] });
    for (const kind of ['photo_comment', 'video_comment', 'board_post'] as const) {
      expect(vk.capabilities(kind).needsManualPublication).toBe('publish-vk-manual-needs-user-token');
      expect(vkWithUser.capabilities(kind)).toMatchObject({ needsManualPublication: null, canReplyWithPhoto: true });
    }
    expect(vk.capabilities('direct')).toMatchObject({ canReplyWithPhoto: true, maxTextLength: 9000, unconfirmedKey: null });
    expect(vk.capabilities('wall_post').needsManualPublication).toBe('publish-vk-manual-suggested-post');

    expect(failure(await vk.publish(comment('с фото', { media: [PHOTO] })))).toEqual({
      kind: 'permanent',
      code: 'photo_unsupported',
      reasonKey: 'publish-vk-photo-needs-user-token',
    });
    const photoComment: Reply = { outboxId: 1, to: { kind: 'photo_comment', thread: { ownerId: -GROUP, photoId: 5, commentId: 7 } }, text: 'x' };
    expect(failure(await vk.publish(photoComment))).toMatchObject({ kind: 'permanent', reasonKey: 'publish-vk-manual-needs-user-token' });
    expect(fake.calls).toHaveLength(0); // nothing was even tried
  });

  it('with an admin user token, answers under photos, videos and board topics with the right method and parameters', async () => {
    // The fake VK has no photos/video/board.createComment yet: it answers "unknown method", but the request is what VK expects.
    const photo = await vkWithUser.publish({ outboxId: 71, to: { kind: 'photo_comment', thread: { ownerId: -GROUP, photoId: 457240001, commentId: 77 } }, text: 'Ответ под фото' });
    const video = await vkWithUser.publish({ outboxId: 72, to: { kind: 'video_comment', thread: { ownerId: -GROUP, videoId: 456239020, commentId: 12 } }, text: 'Ответ под видео' });
    const board = await vkWithUser.publish({ outboxId: 73, to: { kind: 'board_post', thread: { ownerId: -GROUP, topicId: 47771234, commentId: 5 } }, text: 'Ответ в обсуждении' });
    for (const r of [photo, video, board]) expect(failure(r)).toEqual({ kind: 'permanent', code: 3, reasonKey: 'publish-vk-unknown' });
    const calls = Object.fromEntries(fake.calls.map((c) => [c.method, c]));
    expect(calls['photos.createComment']).toMatchObject({
      token: 'vk1.a.admin-user',
      params: { owner_id: String(-GROUP), photo_id: '457240001', reply_to_comment: '77', from_group: '1', guid: 'otklik-71', message: 'Ответ под фото' },
    });
    expect(calls['video.createComment']).toMatchObject({
      token: 'vk1.a.admin-user',
      params: { owner_id: String(-GROUP), video_id: '456239020', reply_to_comment: '12', from_group: '1', guid: 'otklik-72' },
    });
    expect(calls['board.createComment']).toMatchObject({
      token: 'vk1.a.admin-user',
      params: { group_id: String(GROUP), topic_id: '47771234', from_group: '1', guid: 'otklik-73' },
    });
  });

  it('refuses what it cannot post before calling VK: too long, a malformed thread', async () => {
    expect(failure(await vk.publish(comment('я'.repeat(4097))))).toMatchObject({ kind: 'permanent', reasonKey: 'publish-vk-too-long' });
    expect(failure(await vk.publish({ outboxId: 1, to: { kind: 'direct', thread: { peerId: 'nobody' } }, text: 'x' }))).toMatchObject({
      kind: 'permanent',
      code: 'bad_thread',
    });
    expect(fake.calls).toHaveLength(0);
  });
});

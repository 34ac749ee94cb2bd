import http from 'node:http';
import type https from 'node:https';
import { APIError, VK } from 'vk-io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeVk, VK_ERRORS, type FakeVk } from './vk.js';

let fake: FakeVk;
let vk: VK;

beforeEach(async () => {
  fake = await startFakeVk();
  vk = new VK({
    token: 'vk1.a.test-token',
    apiBaseUrl: fake.apiBaseUrl,
    // vk-io defaults to an HTTPS agent, which cannot reach a plain-http server.
    agent: new http.Agent({ keepAlive: true }) as unknown as https.Agent,
    apiMode: 'sequential',
    apiLimit: 20,
  });
});

afterEach(async () => {
  await fake.close();
});

async function apiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

const CITIZEN = 1001;

describe('fake VK with a real vk-io client', () => {
  it('sends a message once per random_id, as VK does', async () => {
    const id = await vk.api.messages.send({ peer_id: CITIZEN, random_id: 777, message: 'Ваше обращение принято' });
    const again = await vk.api.messages.send({ peer_id: CITIZEN, random_id: 777, message: 'Ваше обращение принято' });
    const other = await vk.api.messages.send({ user_id: CITIZEN, random_id: 778, message: 'Ответ готов' });
    expect(again).toBe(id);
    expect(other).toBe(Number(id) + 1);
    expect(fake.sent).toMatchObject([
      { kind: 'message', id, peerId: CITIZEN, text: 'Ваше обращение принято', randomId: 777 },
      { kind: 'message', id: other, peerId: CITIZEN, text: 'Ответ готов' },
    ]);
    const call = fake.calls[0];
    expect(call).toMatchObject({ method: 'messages.send', token: 'vk1.a.test-token', params: { v: '5.199', peer_id: '1001' } });
  });

  it('answers peer_ids with the array form', async () => {
    const result = await vk.api.messages.send({ peer_ids: [1001, 1002], random_id: 5, message: 'Плановое отключение' });
    expect(result).toEqual([
      { peer_id: 1001, message_id: 1, conversation_message_id: 1 },
      { peer_id: 1002, message_id: 2, conversation_message_id: 1 },
    ]);
  });

  it('refuses messages.send without random_id, and unknown methods', async () => {
    const missing = await apiError(vk.api.messages.send({ peer_id: CITIZEN, message: 'x' } as never));
    expect(missing.code).toBe(100);
    const unknown = await apiError(vk.api.call('wall.post', { owner_id: -1, message: 'x' }));
    expect(unknown.code).toBe(3);
    expect(unknown.message).toBe('Code №3 - Unknown method passed');
    // `execute` is not modelled: keep vk-io's default apiMode 'sequential'.
    expect((await apiError(vk.api.execute({ code: 'return 1;' }))).code).toBe(3);
  });

  it('injects errors for the next calls, with request_params echoed', async () => {
    fake.failNext('messages.send', VK_ERRORS.cantSendToUser);
    const denied = await apiError(vk.api.messages.send({ peer_id: CITIZEN, random_id: 1, message: 'x' }));
    expect(denied.code).toBe(901);
    expect(denied.message).toBe("Code №901 - Can't send messages for users without permission");
    expect(denied.params).toEqual(
      expect.arrayContaining([
        { key: 'method', value: 'messages.send' },
        { key: 'random_id', value: '1' },
      ]),
    );
    expect(denied.params.some((p) => p.key === 'access_token')).toBe(false);
    await expect(vk.api.messages.send({ peer_id: CITIZEN, random_id: 2, message: 'x' })).resolves.toBe(1);

    fake.failNext('wall.createComment', VK_ERRORS.captcha);
    const captcha = await apiError(vk.api.wall.createComment({ owner_id: -1, post_id: 1, message: 'x' }));
    expect(captcha.code).toBe(14);
    expect(captcha.captchaSid).toBeTruthy();

    fake.denyMessages(1005);
    expect((await apiError(vk.api.messages.send({ peer_id: 1005, random_id: 3, message: 'x' }))).code).toBe(901);
  });

  it('lets vk-io ride out "Too many requests per second" by retrying', async () => {
    fake.failNext('messages.send', VK_ERRORS.tooManyRequests);
    await expect(vk.api.messages.send({ peer_id: CITIZEN, random_id: 9, message: 'x' })).resolves.toBe(1);
    const sends = fake.calls.filter((c) => c.method === 'messages.send');
    expect(sends.map((c) => (c.response.error as { error_code?: number } | undefined)?.error_code)).toEqual([6, undefined]);
  });

  it('creates wall comments with guid idempotency, threads and deleted targets', async () => {
    const owner = -fake.group.id;
    const first = await vk.api.wall.createComment({ owner_id: owner, post_id: 55, from_group: fake.group.id, message: 'Ответ', guid: 'r-1' });
    const repeat = await vk.api.wall.createComment({ owner_id: owner, post_id: 55, from_group: fake.group.id, message: 'Ответ', guid: 'r-1' });
    expect(repeat).toEqual(first);
    expect(first.parents_stack).toEqual([]);

    const reply = await vk.api.wall.createComment({ owner_id: owner, post_id: 55, reply_to_comment: 120, message: 'Уточните адрес' });
    expect(reply.parents_stack).toEqual([120]);
    const deeper = await vk.api.wall.createComment({ owner_id: owner, post_id: 55, reply_to_comment: reply.comment_id, message: 'И ещё' });
    expect(deeper.parents_stack).toEqual([120]);
    expect(fake.sent.filter((s) => s.kind === 'comment')).toHaveLength(3);

    fake.deletePost(owner, 56);
    const post = await apiError(vk.api.wall.createComment({ owner_id: owner, post_id: 56, message: 'x' }));
    expect(post.code).toBe(100);
    expect(post.message).toMatch(/incorrect post_id/);
    fake.deleteComment(owner, 121);
    expect((await apiError(vk.api.wall.createComment({ owner_id: owner, post_id: 55, reply_to_comment: 121, message: 'x' }))).code).toBe(100);
  });

  it('knows people by Russian names and the community by id', async () => {
    fake.seedUser({ id: 42, first_name: 'Зинаида', last_name: 'Кравец', screen_name: 'zina' });
    const users = await vk.api.users.get({ user_ids: [42, 1001, 123456], fields: ['screen_name'] });
    expect(users).toMatchObject([
      { id: 42, first_name: 'Зинаида', last_name: 'Кравец', screen_name: 'zina' },
      { id: 1001, first_name: 'Анна', last_name: 'Соколова', screen_name: 'anna.sokolova' },
      { id: 123456, screen_name: 'id123456' },
    ]);
    expect(users[2]?.first_name).toMatch(/^[А-ЯЁ][а-яё]+$/);
    expect((await apiError(vk.api.users.get({ user_ids: ['no_such_person'] }))).code).toBe(113);

    const byId = await vk.api.groups.getById({ group_id: fake.group.id });
    expect(byId.groups).toMatchObject([{ id: fake.group.id, name: fake.group.name, screen_name: fake.group.screen_name }]);
    await expect(vk.api.groups.getCallbackConfirmationCode({ group_id: fake.group.id })).resolves.toEqual({ code: 'a1b2c3d4' });
  });

  it('uploads photos through the upload server and save*Photo, as vk-io does', async () => {
    const bytes = Buffer.from('\xff\xd8\xff fake jpeg', 'latin1');
    const forMessage = await vk.upload.messagePhoto({ peer_id: CITIZEN, source: { value: bytes } });
    expect(forMessage.ownerId).toBe(-fake.group.id);
    await vk.api.messages.send({ peer_id: CITIZEN, random_id: 11, message: 'Фото', attachment: forMessage.toString() });
    expect(fake.sent[0]).toMatchObject({ kind: 'message', attachment: forMessage.toString() });

    const forWall = await vk.upload.wallPhoto({ group_id: fake.group.id, source: { value: bytes } });
    expect(forWall.toString()).toMatch(new RegExp(`^photo-${fake.group.id}_\\d+`));
    expect(fake.uploads.map((u) => [u.kind, u.field, u.bytes.equals(bytes)])).toEqual([
      ['messages', 'photo', true],
      ['wall', 'photo', true],
    ]);
    const stored = await fetch(forWall.largeSizeUrl ?? '');
    expect(Buffer.from(await stored.arrayBuffer()).equals(bytes)).toBe(true);

    const bad = await apiError(vk.api.photos.saveMessagesPhoto({ photo: '[]', server: 1, hash: 'nope' }));
    expect(bad.code).toBe(100);
  });

  it('keeps the wall upload server to user tokens, as VK does, and takes an upload only at its own save method', async () => {
    await fake.close();
    fake = await startFakeVk({ communityTokens: ['vk1.a.community'] });
    const client = (token: string) =>
      new VK({ token, apiBaseUrl: fake.apiBaseUrl, agent: new http.Agent() as unknown as https.Agent, apiMode: 'sequential', apiLimit: 20 });
    const community = client('vk1.a.community');
    const admin = client('vk1.a.admin-user');
    const bytes = Buffer.from('\xff\xd8\xff фото', 'latin1');

    const refused = await apiError(community.api.photos.getWallUploadServer({ group_id: fake.group.id }));
    expect([refused.code, refused.message]).toEqual([27, 'Code №27 - Group authorization failed: method is unavailable with group auth.']);
    expect((await apiError(community.upload.wallPhoto({ group_id: fake.group.id, source: { value: bytes } }))).code).toBe(27);
    expect(fake.uploads).toHaveLength(0);
    // The messages upload server takes either token.
    await expect(community.upload.messagePhoto({ peer_id: CITIZEN, source: { value: bytes } })).resolves.toBeTruthy();
    const wall = await admin.upload.wallPhoto({ group_id: fake.group.id, source: { value: bytes } });
    expect(wall.ownerId).toBe(-fake.group.id);

    // An upload to the messages server cannot be saved as a wall photo.
    const server = await community.api.photos.getMessagesUploadServer({ peer_id: CITIZEN });
    const form = new FormData();
    form.append('photo', new Blob([bytes], { type: 'image/jpeg' }), 'a.jpg');
    const uploaded = (await (await fetch(server.upload_url, { method: 'POST', body: form })).json()) as { server: number; photo: string; hash: string };
    expect(uploaded).toMatchObject({ server: expect.any(Number), photo: expect.stringMatching(/^\[/), hash: expect.any(String) });
    expect((await apiError(admin.api.photos.saveWallPhoto({ group_id: fake.group.id, ...uploaded }))).code).toBe(121);
    const [saved] = await community.api.photos.saveMessagesPhoto(uploaded);
    expect(saved).toMatchObject({ owner_id: -fake.group.id, album_id: -3 });
  });

  it('holds an answer on request: the message exists before the caller hears of it, and a dead caller changes nothing', async () => {
    const held = fake.holdNext('messages.send');
    const aborted = new AbortController();
    const body = new URLSearchParams({ access_token: 't', v: '5.199', peer_id: String(CITIZEN), random_id: '4242', message: 'Ответ' });
    const answer = fetch(`${fake.apiBaseUrl}/messages.send`, { method: 'POST', body, signal: aborted.signal }).then(
      () => 'answered',
      () => 'cut off',
    );
    const call = await held.recorded;
    expect(call.response).toEqual({ response: 1 });
    expect(fake.sent).toMatchObject([{ kind: 'message', peerId: CITIZEN, randomId: 4242 }]);
    aborted.abort(); // the caller dies before the answer
    expect(await answer).toBe('cut off');
    held.release();
    // Its restart sends again under the same random_id: VK returns the first message.
    await expect(vk.api.messages.send({ peer_id: CITIZEN, random_id: 4242, message: 'Ответ' })).resolves.toBe(1);
    expect(fake.sent).toHaveLength(1);

    const next = fake.holdNext('wall.createComment');
    const pending = vk.api.wall.createComment({ owner_id: -fake.group.id, post_id: 7, message: 'Ответ', guid: 'g-1' });
    let heard = false;
    void pending.then(() => (heard = true));
    await next.recorded;
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toBe(false);
    next.release();
    await expect(pending).resolves.toMatchObject({ comment_id: expect.any(Number) });
  });
});

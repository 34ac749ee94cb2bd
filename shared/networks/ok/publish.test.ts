/**
 * Replies through the real client against the fake OK: text and photos into
 * the citizen's chat, OK's refusals mapped for the card, and topic comments
 * left to a person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OK_ERRORS, startFakeOk, type FakeOk } from '../../sandbox/fakes/ok.js';
import { createOkClient } from './client.js';
import { OK_TEXT_MAX, createOkConnection } from './publish.js';
import { closedPort } from '../../../test/kit/ports.js';

let ok: FakeOk;
beforeAll(async () => {
  ok = await startFakeOk();
});
afterAll(async () => ok?.close());

const connect = (token = ok.token, apiRoot = ok.apiRoot, uploadSettleMs = 0) => createOkConnection({ client: createOkClient({ token, apiRoot }), uploadSettleMs });
const direct = (chatId: string) => ({ kind: 'direct' as const, thread: { chatId, userId: 'user:1', peerId: chatId } });
const video = (bytes: string) => ({ type: 'video' as const, data: new TextEncoder().encode(bytes), filename: 'svet.mp4', contentType: 'video/mp4' });
const doc = (bytes: string) => ({ type: 'document' as const, data: new TextEncoder().encode(bytes), filename: 'akt-priemki.pdf' });
const photo = (bytes: string) => ({ type: 'photo' as const, data: new TextEncoder().encode(bytes), filename: 'yama.jpg', contentType: 'image/jpeg' });

describe('publishing on OK', () => {
  it('answers in the citizen\'s chat with the text and the photo', async () => {
    const chatId = ok.chatOf(575493468851);
    const result = await connect().publish({ outboxId: 7, to: direct(chatId), text: 'Здравствуйте! Фонари починили.', media: [photo('jpeg-bytes-1')] });
    expect(result.ok).toBe(true);
    const sent = ok.sent.filter((s) => s.chatId === chatId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ text: 'Здравствуйте! Фонари починили.' });
    expect(sent[0]!.attachments.map((a) => [a.type, a.bytes?.toString()])).toEqual([['IMAGE', 'jpeg-bytes-1']]);
    expect(result).toEqual({ ok: true, messageId: sent[0]!.mid });
    // The photo went through OK's upload service, as the documented three steps say.
    expect(ok.calls.filter((c) => c.method === 'fileUploadUrl').at(-1)?.params).toMatchObject({ type: 'IMAGE' });
  });

  it('carries a video and a document the documented way: the token with the upload URL, the file, then the message', async () => {
    const chatId = ok.chatOf(575493468858);
    const calls = ok.calls.length;
    const result = await connect().publish({ outboxId: 30, to: direct(chatId), text: 'Видео и акт приёмки прилагаем.', media: [video('mp4-bytes'), doc('pdf-bytes')] });
    expect(result.ok).toBe(true);
    expect(ok.calls.slice(calls).filter((c) => c.method === 'fileUploadUrl').map((c) => c.params.type)).toEqual(['VIDEO', 'FILE']);
    const [sent] = ok.sent.filter((s) => s.chatId === chatId);
    expect(sent!.text).toBe('Видео и акт приёмки прилагаем.');
    expect(sent!.attachments.map((a) => [a.type, a.bytes?.toString(), a.filename])).toEqual([
      ['VIDEO', 'mp4-bytes', 'svet.mp4'],
      ['FILE', 'pdf-bytes', 'akt-priemki.pdf'],
    ]);
    // Each token is the one fileUploadUrl promised, used under its own type.
    const promised = ok.calls.slice(calls).filter((c) => c.method === 'fileUploadUrl').map((c) => c.response.token);
    expect(sent!.attachments.map((a) => a.token)).toEqual(promised);
    expect(ok.uploads.filter((u) => promised.includes(u.token)).map((u) => [u.type, u.contentType])).toEqual([
      ['VIDEO', 'video/mp4'],
      ['FILE', 'application/octet-stream'],
    ]);
    expect(connect().capabilities('direct')).toMatchObject({ canReplyWithVideo: true, canReplyWithDocument: true });
  });

  it('uploads a video ahead and sends it later by its typed handle', async () => {
    const chatId = ok.chatOf(575493468859);
    const conn = connect();
    const uploaded = await conn.uploadMedia(video('ahead-video'), direct(chatId));
    expect(uploaded).toMatchObject({ ok: true, media: { type: 'uploaded', network: 'ok', ref: expect.stringMatching(/^VIDEO:/) } });
    if (!uploaded.ok) return;
    expect((await conn.publish({ outboxId: 31, to: direct(chatId), text: '', media: [uploaded.media, photo('with-it')] })).ok).toBe(true);
    const [sent] = ok.sent.filter((s) => s.chatId === chatId);
    expect(sent!.attachments.map((a) => [a.type, a.bytes?.toString()])).toEqual([
      ['VIDEO', 'ahead-video'],
      ['IMAGE', 'with-it'],
    ]);
  });

  it('the fake OK holds the upload flow: no token before its file, none under another type, no file over the limit', async () => {
    const chatId = ok.chatOf(575493468860);
    const client = createOkClient({ token: ok.token, apiRoot: ok.apiRoot });
    const target = await client.uploadUrl('VIDEO');
    if (!target.ok) throw new Error('no upload URL');
    const token = target.data.token!;
    const early = await client.sendMessage(chatId, { attachment: { type: 'VIDEO', payload: { token } } });
    expect(early).toMatchObject({ ok: false, error: { kind: 'api', code: 100 } });
    expect((await client.uploadFile(target.data.url, { data: new TextEncoder().encode('clip'), filename: 'a.mp4', contentType: 'video/mp4' })).ok).toBe(true);
    // The URL takes one file.
    expect((await client.uploadFile(target.data.url, { data: new TextEncoder().encode('again') })).ok).toBe(false);
    expect(await client.sendMessage(chatId, { attachment: { type: 'FILE', payload: { token } } })).toMatchObject({ ok: false, error: { code: 100 } });
    expect((await client.sendMessage(chatId, { attachment: { type: 'VIDEO', payload: { token } } })).ok).toBe(true);

    // Over the size limit: refused at the upload, shown on the card as such, and nothing reaches the chat.
    ok.setUploadMaxBytes(4);
    try {
      const big = await connect().publish({ outboxId: 32, to: direct(chatId), text: 'Большое видео', media: [video('longer than four bytes')] });
      expect(big).toEqual({ ok: false, error: { kind: 'permanent', code: 100, reasonKey: 'publish-ok-file-too-large' } });
    } finally {
      ok.setUploadMaxBytes(undefined);
    }
    expect(ok.sent.filter((s) => s.chatId === chatId)).toHaveLength(1);
  });

  it('sends the same message again while OK is still processing its video, with longer pauses', async () => {
    const chatId = ok.chatOf(575493468861);
    const waits: number[] = [];
    const conn = createOkConnection({ client: createOkClient({ token: ok.token, apiRoot: ok.apiRoot }), uploadSettleMs: 2000, sleep: async (ms) => void waits.push(ms) });
    ok.failNext('messages', OK_ERRORS.attachmentNotReady, 2);
    const uploads = ok.uploads.length;
    expect((await conn.publish({ outboxId: 33, to: direct(chatId), text: 'Видео', media: [video('processing')] })).ok).toBe(true);
    expect(waits).toEqual([2000, 4000, 8000]);
    // One upload; the third send carried it.
    expect(ok.uploads.length).toBe(uploads + 1);
    expect(ok.sent.filter((s) => s.chatId === chatId).map((s) => s.attachments.map((a) => a.bytes?.toString()))).toEqual([['processing']]);
    // Still not ready after the retries: the job is given back to be retried later, not failed.
    ok.failNext('messages', OK_ERRORS.attachmentNotReady, 4);
    expect(await conn.publish({ outboxId: 34, to: direct(chatId), text: 'Видео', media: [video('slow')] })).toEqual({
      ok: false,
      error: { kind: 'temporary', code: 100, reasonKey: 'publish-ok-upload-processing' },
    });
  });

  it('lets OK process fresh uploads before the message that carries them goes', async () => {
    const chatId = ok.chatOf(575493468855);
    const waits: Array<{ ms: number; uploads: number; sent: number }> = [];
    const sleep = async (ms: number) => void waits.push({ ms, uploads: ok.uploads.length, sent: ok.sent.length });
    const conn = createOkConnection({ client: createOkClient({ token: ok.token, apiRoot: ok.apiRoot }), uploadSettleMs: 1500, sleep });
    const [uploads, sent] = [ok.uploads.length, ok.sent.length];
    expect((await conn.publish({ outboxId: 13, to: direct(chatId), text: 'С фото', media: [photo('a'), photo('b')] })).ok).toBe(true);
    // One pause, after both uploads and before the message.
    expect(waits).toEqual([{ ms: 1500, uploads: uploads + 2, sent }]);
    expect(ok.sent.length).toBe(sent + 1);
    // Text alone has nothing to wait for.
    expect((await conn.publish({ outboxId: 14, to: direct(chatId), text: 'Без фото' })).ok).toBe(true);
    expect(waits).toHaveLength(1);
  });

  it('sends several photos as a list, and a photo uploaded ahead by its token', async () => {
    const chatId = ok.chatOf(575493468852);
    const conn = connect();
    const uploaded = await conn.uploadMedia(photo('ahead'), direct(chatId));
    expect(uploaded.ok).toBe(true);
    if (!uploaded.ok) return;
    const result = await conn.publish({ outboxId: 8, to: direct(chatId), text: 'Два фото', media: [uploaded.media, photo('second')] });
    expect(result.ok).toBe(true);
    const [sent] = ok.sent.filter((s) => s.chatId === chatId);
    expect(sent!.attachments.map((a) => a.bytes?.toString())).toEqual(['ahead', 'second']);
  });

  it('holds replies to OK\'s limits before calling it, and the fake OK holds them too', async () => {
    const chatId = ok.chatOf(575493468853);
    const calls = ok.calls.length;
    expect(await connect().publish({ outboxId: 9, to: direct(chatId), text: 'я'.repeat(OK_TEXT_MAX + 1) })).toEqual({
      ok: false,
      error: { kind: 'permanent', code: 'too_long', reasonKey: 'publish-ok-too-long' },
    });
    const six = Array.from({ length: 6 }, (_, i) => photo(`p${i}`));
    expect(await connect().publish({ outboxId: 10, to: direct(chatId), text: 'фото', media: six })).toMatchObject({
      ok: false,
      error: { reasonKey: 'publish-ok-too-many-photos' },
    });
    expect(ok.calls.length).toBe(calls);
    // Straight to the API, past our own check: OK refuses the text as too long.
    const raw = await createOkClient({ token: ok.token, apiRoot: ok.apiRoot }).sendMessage(chatId, { text: 'я'.repeat(OK_TEXT_MAX + 1) });
    expect(raw).toEqual({ ok: false, error: { kind: 'api', code: 100, message: OK_ERRORS.textTooLong.error_msg } });
    expect(ok.sent.filter((s) => s.chatId === chatId)).toEqual([]);
  });

  it('maps OK\'s refusals: temporary ones are retried, permanent ones reach the card', async () => {
    const chatId = ok.chatOf(575493468854);
    const reply = { outboxId: 11, to: direct(chatId), text: 'Ответ' };
    ok.failNext('messages', OK_ERRORS.service);
    expect(await connect().publish(reply)).toEqual({ ok: false, error: { kind: 'temporary', code: 2, reasonKey: 'publish-ok-server' } });
    ok.failNext('messages', OK_ERRORS.permissionDenied);
    expect(await connect().publish(reply)).toEqual({ ok: false, error: { kind: 'permanent', code: 10, reasonKey: 'publish-ok-no-access' } });
    expect(await connect('tkn1revoked:XYZXYZXYZ').publish(reply)).toEqual({ ok: false, error: { kind: 'permanent', code: 102, reasonKey: 'publish-ok-auth' } });
    expect(await connect().publish({ ...reply, to: direct('chat:Cnosuchchat') })).toEqual({
      ok: false,
      error: { kind: 'permanent', code: 300, reasonKey: 'publish-ok-chat-missing' },
    });
    expect(await connect(ok.token, `http://127.0.0.1:${await closedPort()}`).publish(reply)).toEqual({
      ok: false,
      error: { kind: 'temporary', code: 'transport', reasonKey: 'publish-ok-network' },
    });
    expect(ok.sent.filter((s) => s.chatId === chatId)).toEqual([]);
    expect((await connect().publish(reply)).ok).toBe(true);
  });

  it('a message OK took before the connection broke is uncertain; a broken upload is simply repeated', async () => {
    const chatId = ok.chatOf(575493468857);
    // OK carries the request out, and the answer is lost on the way back (as when the server drops the socket).
    const lostAnswer = (path: string): typeof fetch => async (url, init) => {
      const res = await fetch(url, init);
      if (!String(url).includes(path)) return res;
      await res.text();
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    };
    const through = (path: string) => createOkConnection({ client: createOkClient({ token: ok.token, apiRoot: ok.apiRoot, fetch: lostAnswer(path) }), uploadSettleMs: 0 });

    const sent = await through('/graph/me/messages/').publish({ outboxId: 21, to: direct(chatId), text: 'Ответ, который ушёл' });
    expect(sent).toEqual({ ok: false, error: { kind: 'uncertain', code: 'transport', reasonKey: 'publish-ok-network' } });
    expect(ok.sent.filter((m) => m.chatId === chatId).map((m) => m.text)).toEqual(['Ответ, который ушёл']);

    // Nothing reaches the citizen before the message itself: a lost upload answer is a plain retry.
    const upload = await through('/graph/me/fileUploadUrl').publish({ outboxId: 22, to: direct(chatId), text: 'С фото', media: [photo('c')] });
    expect(upload).toEqual({ ok: false, error: { kind: 'temporary', code: 'transport', reasonKey: 'publish-ok-network' } });
    expect(ok.sent.filter((m) => m.chatId === chatId)).toHaveLength(1);
  });

  it('leaves replies to topic comments to a person: OK has no API to answer them as the group', async () => {
    const conn = connect();
    expect(conn.capabilities('comment')).toMatchObject({ needsManualPublication: 'publish-ok-manual-comment', canReplyWithPhoto: false });
    expect(conn.capabilities('direct')).toMatchObject({ needsManualPublication: null, canReplyWithPhoto: true, unconfirmedKey: 'publish-ok-unconfirmed' });
    const calls = ok.calls.length;
    expect(await conn.publish({ outboxId: 12, to: { kind: 'comment', thread: { topicId: '155000000000001' } }, text: 'x' })).toEqual({
      ok: false,
      error: { kind: 'permanent', code: 'manual', reasonKey: 'publish-ok-manual-comment' },
    });
    expect(ok.calls.length).toBe(calls);
  });
});

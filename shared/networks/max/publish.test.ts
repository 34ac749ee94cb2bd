/**
 * Publishing on MAX through the official client against the fake MAX: the reply is linked to the citizen's
 * message; MAX's refusals become the card's reasons, temporary ones retried.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ERRORS, startFakeMax, type FakeMax } from '../../sandbox/fakes/max.js';
import type { NetworkConnection } from '../types.js';
import { createMaxApi } from './client.js';
import { createMaxConnection, MAX_TEXT_MAX } from './publish.js';

let max: FakeMax;
let connection: NetworkConnection;
const USER = 4_300_001;

beforeEach(async () => {
  max = await startFakeMax();
  connection = createMaxConnection({ api: createMaxApi({ token: max.token, apiRoot: max.apiRoot }) });
});
afterEach(async () => max.close());

const to = (chatId: number, mid: string) => ({ kind: 'direct' as const, thread: { chatId: String(chatId), mid, userId: String(USER) } });

describe('MAX publish', () => {
  it('replies to the citizen\'s message with the text and an already uploaded photo', async () => {
    const m = max.citizenWrites({ userId: USER, text: 'Яма' });
    const uploaded = await connection.uploadMedia({ type: 'photo', data: Buffer.from('jpeg') }, to(m.chatId, m.body.mid));
    expect(uploaded.ok).toBe(true);
    const result = await connection.publish({ outboxId: 1, to: to(m.chatId, m.body.mid), text: 'Засыпали', media: uploaded.ok ? [uploaded.media] : [] });
    expect(result).toEqual({ ok: true, messageId: max.sent()[0]!.body.mid });
    expect(max.sent()[0]!.link).toMatchObject({ type: 'reply', message: { mid: m.body.mid } });
  });

  it('carries a video and a document, the document under its own name, beside a photo', async () => {
    const m = max.citizenWrites({ userId: USER, text: 'Где акт о ремонте?' });
    const result = await connection.publish({
      outboxId: 4,
      to: to(m.chatId, m.body.mid),
      text: 'Акт и видео приложены',
      media: [
        { type: 'photo', data: Buffer.from('jpeg') },
        { type: 'video', data: Buffer.from('mp4: дорога после ремонта') },
        { type: 'document', data: Buffer.from('%PDF акт'), filename: 'Акт приёмки.pdf' },
      ],
    });
    expect(result.ok).toBe(true);
    const attachments = (max.sent()[0]!.body.attachments ?? []) as Array<{ type: string; filename?: string; payload: { token: string } }>;
    expect(attachments.map((a) => a.type)).toEqual(['image', 'video', 'file']);
    expect(attachments[2]!.filename).toBe('Акт приёмки.pdf');
    expect(max.photo(attachments[1]!.payload.token)?.toString()).toBe('mp4: дорога после ремонта');
    expect(max.photo(attachments[2]!.payload.token)?.toString()).toBe('%PDF акт');
    // An upload made ahead (as the publish job does) carries its kind in its handle.
    const ahead = await connection.uploadMedia({ type: 'video', data: Buffer.from('mp4') }, to(m.chatId, m.body.mid));
    expect(ahead).toMatchObject({ ok: true, media: { ref: expect.stringMatching(/^video:/) } });
    expect(connection.capabilities('direct')).toMatchObject({ canReplyWithVideo: true, canReplyWithDocument: true });
  });

  it('says why MAX refused, and which refusals are worth retrying', async () => {
    const m = max.citizenWrites({ userId: USER, text: 'Яма' });
    const reply = (text = 'Ответ') => connection.publish({ outboxId: 2, to: to(m.chatId, m.body.mid), text });
    expect(await reply('я'.repeat(MAX_TEXT_MAX + 1))).toMatchObject({ ok: false, error: { kind: 'permanent', reasonKey: 'publish-max-too-long' } });
    max.failNext('POST /messages', MAX_ERRORS.forbidden);
    expect(await reply()).toMatchObject({ ok: false, error: { kind: 'permanent', reasonKey: 'publish-max-no-access' } });
    max.failNext('POST /messages', MAX_ERRORS.service);
    expect(await reply()).toMatchObject({ ok: false, error: { kind: 'temporary', reasonKey: 'publish-max-server' } });
    max.failNext('POST /messages', { status: 429, code: 'too.many.requests', message: 'Too many requests' });
    expect(await reply()).toMatchObject({ ok: false, error: { kind: 'temporary', reasonKey: 'publish-max-rate-limit' } });
    max.removeMessage(m.body.mid, USER);
    expect(await reply()).toMatchObject({ ok: false, error: { kind: 'permanent', reasonKey: 'publish-max-chat-missing' } });
    expect(max.sent()).toEqual([]);
  });

  it('refuses another bot\'s token as a permanent auth failure', async () => {
    const stranger = createMaxConnection({ api: createMaxApi({ token: 'someone-elses-token-0000', apiRoot: max.apiRoot }) });
    const m = max.citizenWrites({ userId: USER, text: 'Яма' });
    expect(await stranger.publish({ outboxId: 3, to: to(m.chatId, m.body.mid), text: 'Ответ' })).toMatchObject({ ok: false, error: { kind: 'permanent', reasonKey: 'publish-max-auth' } });
  });
});

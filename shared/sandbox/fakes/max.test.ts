/**
 * The fake MAX driven through the official client (@maxhub/max-bot-api) with its base URL pointed at it:
 * what the client sends is what the fake accepts, and MAX's limits are enforced.
 */
import { Bot, MaxError, type Api } from '@maxhub/max-bot-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMax, type FakeMax } from './max.js';

let max: FakeMax;
let api: Api;
const CITIZEN = 4_100_001;

beforeEach(async () => {
  max = await startFakeMax();
  api = new Bot(max.token, { clientOptions: { baseUrl: max.apiRoot } }).api;
});
afterEach(async () => max.close());

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MaxError);
  return err as MaxError;
};

describe('fake MAX', () => {
  it('answers /me with the bot and refuses another token', async () => {
    expect(await api.getMyInfo()).toMatchObject({ user_id: 9_000_001, is_bot: true, username: 'otklik_max_bot' });
    const stranger = new Bot('not-the-token-of-this-bot', { clientOptions: { baseUrl: max.apiRoot } }).api;
    expect((await refusal(stranger.getMyInfo())).status).toBe(401);
  });

  it('keeps the command menu the official client sets (PATCH /me/commands) and empties it', async () => {
    await api.setMyCommands([{ name: 'my', description: 'Что ждёт меня' }, { name: 'help', description: 'Справка' }]);
    expect((await api.getMyInfo()).commands).toEqual([{ name: 'my', description: 'Что ждёт меня' }, { name: 'help', description: 'Справка' }]);
    expect((await refusal(api.setMyCommands([{ name: 'Моя команда', description: 'x' }]))).status).toBe(400);
    await api.deleteMyCommands();
    expect((await api.getMyInfo()).commands).toBeNull();
  });

  it('long-polls updates by marker: a citizen\'s message arrives, the marker confirms it', async () => {
    const first = api.getUpdates(['message_created'], { timeout: 5 });
    const written = max.citizenWrites({ userId: CITIZEN, name: 'Анна Смирнова', text: 'Яма во дворе' });
    const got = await first;
    expect(got.updates).toHaveLength(1);
    expect(got.updates[0]).toMatchObject({ update_type: 'message_created', message: { body: { mid: written.body.mid, text: 'Яма во дворе' }, recipient: { chat_type: 'dialog' }, sender: { user_id: CITIZEN } } });
    // The client leaves out a zero timeout (MAX's default is 30 s), so the shortest poll is 1 s.
    const next = await api.getUpdates(['message_created'], { timeout: 1, marker: got.marker });
    expect(next.updates).toEqual([]);
    // Without a marker, MAX starts after the last confirmed one.
    expect((await api.getUpdates(['message_created'], { timeout: 1 })).updates).toEqual([]);
  });

  it('sends a reply linked to the citizen\'s message, with an uploaded photo', async () => {
    const m = max.citizenWrites({ userId: CITIZEN, text: 'Когда уберут снег?' });
    const photo = await api.uploadImage({ source: Buffer.from('fake-jpeg') });
    const sent = await api.sendMessageToChat(m.chatId, 'Сегодня', { link: { type: 'reply', mid: m.body.mid }, attachments: [photo.toJson()] });
    expect(sent.link).toMatchObject({ type: 'reply', message: { mid: m.body.mid } });
    const [reply] = max.sent();
    expect(reply!.body.text).toBe('Сегодня');
    const image = reply!.body.attachments!.find((a) => a.type === 'image') as { payload: { token: string } };
    expect(max.photo(image.payload.token)?.toString()).toBe('fake-jpeg');
  });

  it('enforces the text, keyboard and callback payload limits', async () => {
    const chat = max.dialogOf(CITIZEN);
    expect((await refusal(api.sendMessageToChat(chat, 'я'.repeat(4001)))).status).toBe(400);
    await api.sendMessageToChat(chat, 'я'.repeat(4000));
    const keyboard = (payload: string, perRow = 1) => ({ type: 'inline_keyboard' as const, payload: { buttons: [Array.from({ length: perRow }, () => ({ type: 'callback' as const, text: 'Взять', payload }))] } });
    expect((await refusal(api.sendMessageToChat(chat, 'карточка', { attachments: [keyboard('x'.repeat(1025))] }))).description).toMatch(/payload/);
    expect((await refusal(api.sendMessageToChat(chat, 'карточка', { attachments: [keyboard('take:1', 8)] }))).description).toMatch(/in a row/);
    const card = await api.sendMessageToChat(chat, 'карточка', { attachments: [keyboard('take:1')] });
    // A reply to a message that does not exist is refused.
    expect((await refusal(api.sendMessageToChat(chat, 'ответ', { link: { type: 'reply', mid: 'mid.nope' } }))).status).toBe(404);

    const callbackId = max.pressButton({ userId: CITIZEN, mid: card.body.mid, payload: 'take:1' });
    // The client's type has only `message` (the card replaced in place); MAX's schema also takes `notification`.
    await api.answerOnCallback(callbackId, { message: { text: 'карточка, взята' } });
    expect(max.callbackAnswer(callbackId)).toMatchObject({ message: { text: 'карточка, взята' } });
    expect(max.messages(chat).find((m) => m.body.mid === card.body.mid)?.body.text).toBe('карточка, взята');
    await expect(api.answerOnCallback(callbackId, { message: { text: 'ещё раз' } })).rejects.toBeInstanceOf(MaxError);
    await api.editMessage(card.body.mid, { text: 'карточка, взята' });
    expect(max.messages(chat).find((m) => m.body.mid === card.body.mid)?.body.text).toBe('карточка, взята');
  });

  it('answers 429 past 30 requests a second', async () => {
    let clock = 1_000_000;
    await max.close();
    max = await startFakeMax({ now: () => clock });
    api = new Bot(max.token, { clientOptions: { baseUrl: max.apiRoot } }).api;
    for (let i = 0; i < 30; i += 1) await api.getMyInfo();
    const err = await refusal(api.getMyInfo());
    expect(err.status).toBe(429);
    clock += 1000;
    await expect(api.getMyInfo()).resolves.toMatchObject({ is_bot: true });
  });

  it('POSTs updates to a subscribed webhook with the secret header', async () => {
    const { createServer } = await import('node:http');
    const got: { secret: string | undefined; body: unknown }[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        got.push({ secret: req.headers['x-max-bot-api-secret'] as string | undefined, body: JSON.parse(raw) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await api.subscribe(`http://127.0.0.1:${port}/webhooks/max`, 'secret-of-sixteen-chars', ['message_created']);
    max.citizenWrites({ userId: CITIZEN, text: 'Через вебхук' });
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toMatchObject({ secret: 'secret-of-sixteen-chars', body: { update_type: 'message_created', message: { body: { text: 'Через вебхук' } } } });
    await new Promise<void>((r) => server.close(() => r()));
  });
});

/**
 * Telegram end to end through the fake Bot API with grammY's real client:
 * updates as the server hands them out are parsed, and replies land as
 * replies to the citizen's own message — in the private chat, and in the
 * comment thread under the channel post.
 */
import { Api } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../sandbox/fakes/telegram.js';
import type { InboundMessage, NetworkConnection, ParsedEvent, PublishResult } from '../types.js';
import { telegramNetwork } from './adapter.js';
import { botIdOfToken } from './bots.js';
import { RECEIVED_BY } from './update.js';
import { closedPort } from '../../../test/kit/ports.js';

const TOKEN = '7000000001:AAFakeTokenForOtklikNetworksTests0000';
const CHANNEL = -1001987654321;
const DISCUSSION = -1001123456789;
const CITIZEN = 284717001;

let tg: FakeTelegram;
let api: Api;
let telegram: NetworkConnection;
let offset = 0;

beforeAll(async () => {
  tg = await startFakeTelegram({ limits: { groupMessagesPerMinute: Infinity, privateBurst: Infinity, privateMessagesPerSecond: Infinity } });
  api = new Api(TOKEN, { apiRoot: tg.apiRoot });
  telegram = telegramNetwork.connect({ api });
});
afterAll(async () => {
  await tg?.close();
});
beforeEach(() => {
  tg.reset();
  offset = 0;
});

/** Everything pending, as the bot would receive it, parsed. */
async function receive(): Promise<Array<{ key: string | null; parsed: ParsedEvent }>> {
  const updates = await api.getUpdates({ offset, timeout: 0 });
  offset = (updates.at(-1)?.update_id ?? offset - 1) + 1;
  return updates.map((u) => ({ key: telegramNetwork.eventKey(u), parsed: telegramNetwork.parse(u) }));
}
const messageOf = (p: ParsedEvent): InboundMessage => {
  if (p.outcome !== 'message') throw new Error(`expected a message, got ${p.outcome}: ${'reason' in p ? p.reason : ''}`);
  return p.message;
};
const failure = (r: PublishResult) => (r.ok ? undefined : r.error);

describe('Telegram as a citizens\' network', () => {
  it('a private message becomes a direct message, and the answer is a reply to it', async () => {
    const sent = tg.injectMessage({ chatId: CITIZEN, from: { id: CITIZEN, first_name: 'Анна', last_name: 'Кузнецова' }, text: 'Когда дадут горячую воду на ул. Садовой?' });
    const [update] = await receive();
    const message = messageOf(update!.parsed);
    expect(message).toMatchObject({ kind: 'direct', sourceKey: `${CITIZEN}:${sent.message_id}`, author: { name: 'Анна Кузнецова' } });
    expect(update!.key).toMatch(/^\d+$/);

    const result = await telegram.publish({ outboxId: 1, to: { kind: message.kind, thread: message.thread }, text: 'Горячую воду дадут завтра до 12:00.' });
    expect(result.ok).toBe(true);
    const answer = tg.messages(CITIZEN).at(-1)!;
    expect(answer).toMatchObject({ fromBot: true, text: 'Горячую воду дадут завтра до 12:00.' });
    expect(answer.raw.reply_to_message).toMatchObject({ message_id: sent.message_id });
    expect(result).toEqual({ ok: true, messageId: `${CITIZEN}:${answer.id}` });
  });

  it('a comment under a channel post becomes a comment; the answer goes under it, with a photo and caption', async () => {
    const post = tg.injectChannelPost({ channelId: CHANNEL, username: 'adm_city', title: 'Администрация', text: 'С 1 декабря меняется расписание автобуса № 5.' });
    const forward = tg.injectAutomaticForward({ post, discussionChatId: DISCUSSION, discussionTitle: 'Администрация — обсуждение' });
    const citizen = { id: 391200002, first_name: 'Игорь', last_name: 'Смирнов' };
    const comment = tg.injectMessage({ chatId: DISCUSSION, from: citizen, replyTo: forward.message_id, text: 'А вечерний рейс останется?' });
    const neighbour = tg.injectMessage({ chatId: DISCUSSION, from: 391200003, replyTo: comment.message_id, text: 'Поддерживаю' });

    const [ownPost, map, first, second] = (await receive()).map((u) => u.parsed);
    expect(ownPost).toMatchObject({ outcome: 'ignored' });
    expect(map).toEqual({
      outcome: 'thread_map',
      network: 'telegram',
      map: { channelChatId: CHANNEL, channelPostId: post.message_id, discussionChatId: DISCUSSION, discussionMessageId: forward.message_id, channelUsername: 'adm_city' },
      reason: expect.any(String),
    });
    const asComment = messageOf(first!);
    expect(asComment).toMatchObject({
      kind: 'comment',
      sourceKey: `${DISCUSSION}:${comment.message_id}`,
      thread: { chatId: DISCUSSION, messageId: comment.message_id, threadId: forward.message_id, channelPostId: post.message_id },
      permalink: `https://t.me/adm_city/${post.message_id}?comment=${comment.message_id}`,
    });
    expect(messageOf(second!)).toMatchObject({ kind: 'reply', thread: { threadId: forward.message_id, parentMessageId: comment.message_id }, sourceKey: `${DISCUSSION}:${neighbour.message_id}` });

    const photo = Buffer.from('\x89PNG schedule');
    const result = await telegram.publish({
      outboxId: 2,
      to: { kind: asComment.kind, thread: asComment.thread },
      text: 'Вечерний рейс сохраняется, новое расписание на фото.',
      media: [{ type: 'photo', data: photo, filename: 'schedule.png' }],
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const answer = tg.messages(DISCUSSION).at(-1)!;
    expect(answer).toMatchObject({ fromBot: true, caption: 'Вечерний рейс сохраняется, новое расписание на фото.' });
    expect(answer.photo?.length).toBeGreaterThan(0);
    expect(answer.raw.reply_to_message).toMatchObject({ message_id: comment.message_id });
    expect(answer.raw.message_thread_id).toBe(forward.message_id); // stays in the post's comment thread
    const call = tg.calls.find((c) => c.method === 'sendPhoto')!;
    expect(call.files[0]?.bytes.equals(photo)).toBe(true);
    expect(result).toEqual({ ok: true, messageId: `${DISCUSSION}:${answer.id}`, permalink: `https://t.me/c/1123456789/${answer.id}` });
  });

  it('a text too long for a caption follows the photo as its own reply', async () => {
    const sent = tg.injectMessage({ chatId: CITIZEN, text: 'Фото ямы' });
    const message = messageOf((await receive())[0]!.parsed);
    const text = 'Подробный ответ. '.repeat(80); // over 1024 characters
    const result = await telegram.publish({ outboxId: 3, to: message, text, media: [{ type: 'photo', data: Buffer.from('x') }] });
    expect(result.ok).toBe(true);
    const [photo, answer] = tg.messages(CITIZEN).filter((m) => m.fromBot);
    expect(photo!.caption).toBeUndefined();
    expect(photo!.photo).toBeDefined();
    expect(answer!.text?.trim()).toBe(text.trim());
    expect(answer!.raw.reply_to_message).toMatchObject({ message_id: sent.message_id });
    expect(result.ok && result.messageId).toBe(`${CITIZEN}:${answer!.id}`);
  });

  it('a video carries the caption; a document follows as its own reply to the citizen', async () => {
    const sent = tg.injectMessage({ chatId: CITIZEN, text: 'Фонари не горят' });
    const message = messageOf((await receive())[0]!.parsed);
    const clip = Buffer.from('fake-mp4: фонари горят');
    const act = Buffer.from('%PDF акт выполненных работ');
    const result = await telegram.publish({
      outboxId: 4,
      to: message,
      text: 'Здравствуйте! Фонари починили.',
      media: [
        { type: 'video', data: clip, filename: 'street.mp4' },
        { type: 'document', data: act, filename: 'akt.pdf' },
      ],
    });
    expect(result.ok).toBe(true);
    const [video, doc] = tg.messages(CITIZEN).filter((m) => m.fromBot);
    expect(video!.caption).toBe('Здравствуйте! Фонари починили.');
    expect(tg.file((video!.raw.video as { file_id: string }).file_id)?.bytes.equals(clip)).toBe(true);
    expect(doc!.document?.file_name).toBe('akt.pdf');
    expect(doc!.caption).toBeUndefined();
    for (const m of [video!, doc!]) expect(m.raw.reply_to_message).toMatchObject({ message_id: sent.message_id });
    expect(tg.calls.map((c) => c.method).filter((m) => m.startsWith('send'))).toEqual(['sendVideo', 'sendDocument']);
  });

  it('maps what goes wrong: blocked bot, deleted comment, rate limit, server error', async () => {
    tg.blockBot(CITIZEN);
    const dm = { kind: 'direct' as const, thread: { chatId: CITIZEN, messageId: 1 } };
    expect(failure(await telegram.publish({ outboxId: 4, to: dm, text: 'x' }))).toEqual({ kind: 'permanent', code: 403, reasonKey: 'publish-telegram-blocked' });
    tg.blockBot(CITIZEN, false);

    const gone = { kind: 'comment' as const, thread: { chatId: DISCUSSION, messageId: 99_999, threadId: 1 } };
    tg.injectMessage({ chatId: DISCUSSION, from: 1, text: 'чат существует' });
    expect(failure(await telegram.publish({ outboxId: 5, to: gone, text: 'x' }))).toEqual({ kind: 'permanent', code: 400, reasonKey: 'publish-telegram-reply-missing' });

    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    expect(failure(await telegram.publish({ outboxId: 6, to: dm, text: 'x' }))).toEqual({
      kind: 'temporary',
      code: 429,
      reasonKey: 'publish-telegram-rate-limit',
      retryAfterMs: 7000,
    });
    tg.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    expect(failure(await telegram.publish({ outboxId: 7, to: dm, text: 'x' }))).toMatchObject({ kind: 'temporary', reasonKey: 'publish-telegram-server' });
  });

  it('says publishing is not idempotent, so a crash mid-publish gets a human look', () => {
    expect(telegram.capabilities('comment')).toEqual({
      maxTextLength: 4096,
      supportsEditing: true,
      supportsThreads: true,
      canReplyWithPhoto: true,
      canReplyWithVideo: true,
      canReplyWithDocument: true,
      unconfirmedKey: 'publish-telegram-unconfirmed',
      needsManualPublication: null,
      notes: [],
    });
    // Staff cannot look into the bot's private chat: the card says so.
    expect(telegram.capabilities('direct').unconfirmedKey).toBe('publish-telegram-unconfirmed-direct');
  });

  it('a connection lost after Telegram sent the reply is uncertain; one never made is temporary', async () => {
    const dm = { kind: 'direct' as const, thread: { chatId: CITIZEN, messageId: 1 } };
    tg.injectMessage({ chatId: CITIZEN, text: 'чат существует' });
    const hold = tg.holdNext('sendMessage');
    void hold.recorded.then(() => hold.drop());
    expect(failure(await telegram.publish({ outboxId: 8, to: dm, text: 'Ответ, который ушёл' }))).toEqual({
      kind: 'uncertain',
      code: 'transport',
      reasonKey: 'publish-telegram-network',
    });
    // It did go out: this is why it must not simply be sent again.
    expect(tg.messages(CITIZEN).filter((m) => m.fromBot).map((m) => m.text)).toEqual(['Ответ, который ушёл']);

    const nowhere = telegramNetwork.connect({ api: new Api(TOKEN, { apiRoot: `http://127.0.0.1:${await closedPort()}` }) });
    expect(failure(await nowhere.publish({ outboxId: 9, to: dm, text: 'x' }))).toEqual({ kind: 'temporary', code: 'transport', reasonKey: 'publish-telegram-network' });
  });

  it('photos sent and then the long text refused: uncertain, since half the reply is out', async () => {
    tg.injectMessage({ chatId: CITIZEN, text: 'Фото ямы' });
    const message = messageOf((await receive())[0]!.parsed);
    tg.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const text = 'Подробный ответ. '.repeat(80);
    const result = await telegram.publish({ outboxId: 10, to: message, text, media: [{ type: 'photo', data: Buffer.from('x') }] });
    expect(failure(result)).toEqual({ kind: 'uncertain', code: 502, reasonKey: 'publish-telegram-server' });
    expect(tg.messages(CITIZEN).filter((m) => m.fromBot).map((m) => Boolean(m.photo))).toEqual([true]);
  });
});

describe('two bots: a private chat is answered by the bot the citizen wrote to', () => {
  const STAFF_TOKEN = '7000000011:AAFakeStaffTokenForOtklikTwoBotsTest00';
  const PUBLIC_TOKEN = '7000000012:AAFakePublicTokenForOtklikTwoBotsTest0';
  let two: FakeTelegram;
  let staff: Api;
  let pub: Api;
  beforeAll(async () => {
    two = await startFakeTelegram({
      bot: { id: botIdOfToken(STAFF_TOKEN), username: 'city_staff_bot' },
      otherBots: [{ token: PUBLIC_TOKEN, id: botIdOfToken(PUBLIC_TOKEN), username: 'city_public_bot' }],
      limits: { privateBurst: Infinity, privateMessagesPerSecond: Infinity },
    });
    staff = new Api(STAFF_TOKEN, { apiRoot: two.apiRoot });
    pub = new Api(PUBLIC_TOKEN, { apiRoot: two.apiRoot });
  });
  afterAll(async () => {
    await two?.close();
  });

  /** What the staff bot stored before a public bot was added, parsed as the worker parses it now. */
  async function storedByStaffBot(chatId: number, text: string) {
    two.injectMessage({ chatId, from: { id: chatId, first_name: 'Пётр' }, text, to: STAFF_TOKEN });
    const [update] = await staff.getUpdates({ timeout: 0 });
    await staff.getUpdates({ offset: update!.update_id + 1, timeout: 0 });
    return messageOf(telegramNetwork.parse({ ...update, [RECEIVED_BY]: botIdOfToken(STAFF_TOKEN) }));
  }

  it('records the receiving bot in the thread and publishes through it, not through the public bot', async () => {
    const message = await storedByStaffBot(284717101, 'Когда уберут снег во дворе?');
    expect(message.thread).toMatchObject({ chatId: 284717101, botId: botIdOfToken(STAFF_TOKEN) });

    const bots = new Map([[botIdOfToken(STAFF_TOKEN), staff], [botIdOfToken(PUBLIC_TOKEN), pub]]);
    const connection = telegramNetwork.connect({ api: pub, bots });
    const result = await connection.publish({ outboxId: 11, to: { kind: message.kind, thread: message.thread }, text: 'Снег уберут сегодня.' });
    expect(result.ok).toBe(true);
    const answer = two.messages(284717101).at(-1)!;
    expect(answer).toMatchObject({ fromBot: true, text: 'Снег уберут сегодня.', from: { id: botIdOfToken(STAFF_TOKEN) } });
  });

  it('a thread without a bot, or with one no longer configured, goes through the public bot', async () => {
    const connection = telegramNetwork.connect({ api: pub, bots: new Map([[botIdOfToken(PUBLIC_TOKEN), pub]]) });
    const old = await storedByStaffBot(284717102, 'Где расписание автобусов?');
    const { botId: _botId, ...unmarked } = old.thread;
    for (const [outboxId, thread] of [[12, unmarked], [13, old.thread]] as const) {
      expect((await connection.publish({ outboxId, to: { kind: old.kind, thread }, text: `Ответ ${outboxId}` })).ok).toBe(true);
      expect(two.messages(284717102).at(-1)).toMatchObject({ text: `Ответ ${outboxId}`, from: { id: botIdOfToken(PUBLIC_TOKEN) } });
    }
  });
});

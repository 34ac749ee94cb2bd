import { createServer, type IncomingMessage } from 'node:http';
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listen, readBody } from './http-util.js';
import { startFakeTelegram, type FakeTelegram } from './telegram.js';

const TOKEN = '123456:TEST-token';
const PRIVATE = 1001;
const GROUP = -1001234567890;

let fake: FakeTelegram;
let clock: number;
let bot: Bot;

beforeEach(async () => {
  clock = Date.UTC(2025, 2, 3, 9, 0, 0);
  fake = await startFakeTelegram({ now: () => clock });
  bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await fake.close();
});

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe('fake Telegram with a real grammY bot', () => {
  it('delivers an injected message and a callback query through bot.start() long polling', async () => {
    bot.on('message:text', async (ctx) => {
      await ctx.reply(`Принято: ${ctx.message.text}`, {
        reply_markup: new InlineKeyboard().text('Взять в работу', 'take:42'),
      });
    });
    bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Готово' });
      await ctx.editMessageText(`Взято: ${ctx.callbackQuery.data}`);
    });
    const started = new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
    await started;

    fake.injectMessage({ chatId: PRIVATE, text: 'Яма во дворе' });
    const sent = await fake.waitFor('sendMessage');
    expect(sent.response.status).toBe(200);
    const [incoming, reply] = fake.messages(PRIVATE);
    expect(incoming?.text).toBe('Яма во дворе');
    expect(incoming?.from?.first_name).toBe('Анна');
    expect(reply).toMatchObject({ fromBot: true, text: 'Принято: Яма во дворе', edited: false });
    expect(reply?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Взять в работу', callback_data: 'take:42' }]] });

    const queryId = fake.injectCallbackQuery({ chatId: PRIVATE, messageId: reply!.id, data: 'take:42' });
    await fake.waitFor('editMessageText');
    expect(fake.callbackAnswer(queryId)).toMatchObject({ callback_query_id: queryId, text: 'Готово' });
    const edited = fake.messages(PRIVATE).find((m) => m.id === reply!.id);
    // editMessageText without reply_markup drops the keyboard, as Telegram does.
    expect(edited).toMatchObject({ text: 'Взято: take:42', edited: true });
    expect(edited?.replyMarkup).toBeUndefined();
  });

  it('holds getUpdates until an update is injected, then confirms it by offset', async () => {
    const polling = bot.api.getUpdates({ timeout: 20 });
    while (!fake.inFlight().includes('getUpdates')) await new Promise((r) => setTimeout(r, 5));
    fake.injectMessage({ chatId: PRIVATE, text: 'первое' });
    const first = await polling;
    expect(first.map((u) => u.message?.text)).toEqual(['первое']);

    // Unconfirmed updates are handed out again; a higher offset confirms them.
    const again = await bot.api.getUpdates({ timeout: 0 });
    expect(again.map((u) => u.update_id)).toEqual([first[0]!.update_id]);
    const afterConfirm = await bot.api.getUpdates({ offset: first[0]!.update_id + 1, timeout: 0 });
    expect(afterConfirm).toEqual([]);
  });

  it('sends, edits and deletes messages with realistic results and errors', async () => {
    const first = await bot.api.sendMessage(GROUP, 'Обращение №1');
    const second = await bot.api.sendMessage(GROUP, '<b>Срочно</b> &amp; важно', { parse_mode: 'HTML' });
    expect(second.message_id).toBe(first.message_id + 1);
    expect(second.chat).toMatchObject({ id: GROUP, type: 'supergroup' });
    expect(second.text).toBe('Срочно & важно');
    expect(second.entities).toEqual([{ type: 'bold', offset: 0, length: 6 }]);

    const notModified = await rejection(bot.api.editMessageText(GROUP, first.message_id, 'Обращение №1'));
    expect(notModified.error_code).toBe(400);
    expect(notModified.description).toBe(
      'Bad Request: message is not modified: specified new message content and reply markup of the message are exactly the same as a current content and reply markup of the message',
    );
    const edited = await bot.api.editMessageText(GROUP, first.message_id, 'Обращение №1 (в работе)');
    expect(edited).toMatchObject({ text: 'Обращение №1 (в работе)', edit_date: Math.floor(clock / 1000) });

    const missing = await rejection(bot.api.editMessageText(GROUP, 9999, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');

    await bot.api.editMessageReplyMarkup(GROUP, first.message_id, {
      reply_markup: new InlineKeyboard().text('Закрыть', 'close'),
    });
    expect(fake.messages(GROUP)[0]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Закрыть', callback_data: 'close' }]] });

    expect(await bot.api.deleteMessage(GROUP, second.message_id)).toBe(true);
    expect(fake.messages(GROUP).map((m) => m.id)).toEqual([first.message_id]);
    const gone = await rejection(bot.api.deleteMessage(GROUP, second.message_id));
    expect(gone.description).toBe('Bad Request: message to delete not found');
  });

  it('uploads a photo from a Buffer as multipart and serves it back through getFile', async () => {
    const bytes = Buffer.from('\x89PNG fake image bytes', 'latin1');
    const sent = await bot.api.sendPhoto(PRIVATE, new InputFile(bytes, 'yama.png'), { caption: 'Фото с места' });
    expect(sent.caption).toBe('Фото с места');
    const largest = sent.photo?.at(-1);
    expect(largest?.file_unique_id).toBeTruthy();

    const call = fake.calls.find((c) => c.method === 'sendPhoto');
    expect(call?.files.map((f) => f.bytes.toString('latin1'))).toEqual([bytes.toString('latin1')]);
    expect(call?.params.chat_id).toBe(PRIVATE);

    const file = await bot.api.getFile(largest!.file_id);
    const download = await fetch(`${fake.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(fake.messages(PRIVATE)[0]?.photo).toHaveLength(2);
  });

  it('sends a media group and a document', async () => {
    const album = await bot.api.sendMediaGroup(PRIVATE, [
      { type: 'photo', media: new InputFile(Buffer.from('one'), 'one.jpg'), caption: 'До' },
      { type: 'photo', media: new InputFile(Buffer.from('two'), 'two.jpg') },
    ]);
    expect(album).toHaveLength(2);
    const groupIds = fake.messages(PRIVATE).map((m) => m.raw.media_group_id);
    expect(groupIds[0]).toMatch(/^\d+$/);
    expect(groupIds[1]).toBe(groupIds[0]);
    expect(album[0]?.caption).toBe('До');

    const doc = await bot.api.sendDocument(PRIVATE, new InputFile(Buffer.from('%PDF-1.4'), 'otvet.pdf'));
    expect(doc.document).toMatchObject({ file_name: 'otvet.pdf', file_size: 8 });
  });

  it('enforces the 4096-character text limit after entity parsing', async () => {
    await expect(bot.api.sendMessage(PRIVATE, 'я'.repeat(4096))).resolves.toMatchObject({ text: 'я'.repeat(4096) });
    await expect(
      bot.api.sendMessage(PRIVATE, `<b>${'я'.repeat(4096)}</b>`, { parse_mode: 'HTML' }),
    ).resolves.toBeTruthy();
    clock += 10_000; // stay clear of the private-chat flood limit
    const tooLong = await rejection(bot.api.sendMessage(PRIVATE, 'я'.repeat(4097)));
    expect(tooLong.error_code).toBe(400);
    expect(tooLong.description).toBe('Bad Request: message is too long');
    const caption = await rejection(
      bot.api.sendPhoto(PRIVATE, new InputFile(Buffer.from('x')), { caption: 'я'.repeat(1025) }),
    );
    expect(caption.description).toBe('Bad Request: message caption is too long');
  });

  it('rejects callback_data longer than 64 bytes (UTF-8)', async () => {
    // 32 Cyrillic letters are 64 bytes: allowed; 33 are 66 bytes: refused.
    await expect(
      bot.api.sendMessage(GROUP, 'ok', { reply_markup: new InlineKeyboard().text('a', 'ж'.repeat(32)) }),
    ).resolves.toBeTruthy();
    const error = await rejection(
      bot.api.sendMessage(GROUP, 'no', { reply_markup: new InlineKeyboard().text('a', 'ж'.repeat(33)) }),
    );
    expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('refuses malformed markup the way Telegram does', async () => {
    const html = await rejection(bot.api.sendMessage(PRIVATE, 'Жалоба <b>без конца', { parse_mode: 'HTML' }));
    expect(html.description).toMatch(/^Bad Request: can't parse entities: /);
    const raw = await rejection(bot.api.sendMessage(PRIVATE, 'если x < 5', { parse_mode: 'HTML' }));
    expect(raw.description).toMatch(/^Bad Request: can't parse entities: /);
    const markdown = await rejection(bot.api.sendMessage(PRIVATE, 'Срок истёк.', { parse_mode: 'MarkdownV2' }));
    expect(markdown.description).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
  });

  it('answers the 21st message in a minute into a group with 429 and retry_after', async () => {
    for (let i = 1; i <= 20; i += 1) await bot.api.sendMessage(GROUP, `Сообщение ${i}`);
    clock += 15_000;
    const flood = await rejection(bot.api.sendMessage(GROUP, 'Сообщение 21'));
    expect(flood.error_code).toBe(429);
    expect(flood.description).toBe('Too Many Requests: retry after 45');
    expect(flood.parameters.retry_after).toBe(45);
    expect(fake.calls.at(-1)?.response.status).toBe(429);
    // Edits are counted in their own bucket, so they still pass.
    await expect(bot.api.editMessageText(GROUP, 1, 'Сообщение 1 (исправлено)')).resolves.toBeTruthy();

    clock += 45_000;
    await expect(bot.api.sendMessage(GROUP, 'Сообщение 21')).resolves.toMatchObject({ message_id: 21 });
  });

  it('allows a short burst into a private chat, then about one message a second', async () => {
    for (let i = 0; i < fake.limits.privateBurst; i += 1) await bot.api.sendMessage(PRIVATE, `m${i}`);
    const flood = await rejection(bot.api.sendMessage(PRIVATE, 'one too many'));
    expect(flood.parameters.retry_after).toBe(1);
    clock += 1_000;
    await expect(bot.api.sendMessage(PRIVATE, 'after a second')).resolves.toBeTruthy();
  });

  it('answers unknown methods with 404 Not Found', async () => {
    const response = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendSticker`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    // Method names are case-insensitive on the real server too.
    const me = await fetch(`${fake.apiRoot}/bot${TOKEN}/GETME`);
    expect(await me.json()).toMatchObject({ ok: true, result: { is_bot: true } });
  });

  it('reports a blocked user and injected failures', async () => {
    fake.blockBot(PRIVATE);
    const blocked = await rejection(bot.api.sendMessage(PRIVATE, 'Здравствуйте'));
    expect(blocked.error_code).toBe(403);
    expect(blocked.description).toBe('Forbidden: bot was blocked by the user');

    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const injected = await rejection(bot.api.sendMessage(GROUP, 'x'));
    expect(injected.error_code).toBe(502);
    await expect(bot.api.sendMessage(GROUP, 'x')).resolves.toBeTruthy();
  });

  it('models a channel post, its automatic forward and a comment under it', async () => {
    const channelId = -1009876543210;
    const discussionId = -1001111111111;
    const post = fake.injectChannelPost({ channelId, title: 'Администрация', text: 'Отключение воды 5 марта' });
    const forward = fake.injectAutomaticForward({ post, discussionChatId: discussionId });
    fake.injectMessage({ chatId: discussionId, from: 1002, text: 'А когда включат?', replyTo: forward.message_id });

    const updates = await bot.api.getUpdates({ timeout: 0 });
    expect(updates[0]?.channel_post).toMatchObject({ text: 'Отключение воды 5 марта', chat: { type: 'channel' } });
    expect(updates[1]?.message).toMatchObject({
      is_automatic_forward: true,
      sender_chat: { id: channelId },
      forward_origin: { type: 'channel', chat: { id: channelId }, message_id: post.message_id },
    });
    const comment = updates[2]?.message;
    expect(comment?.message_thread_id).toBe(forward.message_id);
    expect(comment?.reply_to_message?.message_id).toBe(forward.message_id);
    expect(comment?.from).toMatchObject({ id: 1002, first_name: 'Пётр' });
    expect(await bot.api.getChat(discussionId)).toMatchObject({ linked_chat_id: channelId });
  });

  it('posts updates to a webhook with the secret token and retries failures', async () => {
    const received: Array<{ secret: string | undefined; body: unknown }> = [];
    let failuresLeft = 1;
    const receiver = createServer((req: IncomingMessage, res) => {
      void readBody(req).then((body) => {
        received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string, body: JSON.parse(body.toString()) });
        res.statusCode = failuresLeft-- > 0 ? 500 : 200;
        res.end();
      });
    });
    const url = await listen(receiver, 0, '127.0.0.1');
    try {
      await bot.api.setWebhook(`${url}/hook`, { secret_token: 'shh-123' });
      const conflict = await rejection(bot.api.getUpdates());
      expect(conflict.error_code).toBe(409);

      fake.injectMessage({ chatId: PRIVATE, text: 'через вебхук' });
      for (let i = 0; i < 100 && received.length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(received).toHaveLength(2);
      expect(received.every((r) => r.secret === 'shh-123')).toBe(true);
      expect(received[1]?.body).toMatchObject({ message: { text: 'через вебхук' } });
      const info = await bot.api.getWebhookInfo();
      expect(info).toMatchObject({ url: `${url}/hook`, pending_update_count: 0 });
      expect(info.last_error_message).toMatch(/500/);
    } finally {
      await bot.api.deleteWebhook();
      await closeServer(receiver);
    }
  });
});

describe('two bots on one fake server', () => {
  const PUBLIC_TOKEN = '654321:PUBLIC-token';
  let two: FakeTelegram;
  beforeEach(async () => {
    two = await startFakeTelegram({ otherBots: [{ token: PUBLIC_TOKEN, id: 7_000_000_002, username: 'city_public_bot' }] });
  });
  afterEach(async () => two.close());

  it('gives each token its own identity, updates and file ids', async () => {
    const staff = new Bot(TOKEN, { client: { apiRoot: two.apiRoot } });
    const pub = new Bot(PUBLIC_TOKEN, { client: { apiRoot: two.apiRoot } });
    expect((await staff.api.getMe()).id).toBe(two.bot.id);
    expect(await pub.api.getMe()).toMatchObject({ id: 7_000_000_002, username: 'city_public_bot', is_bot: true });
    expect(two.botFor(PUBLIC_TOKEN).id).toBe(7_000_000_002);

    const asked = two.injectMessage({ chatId: 2002, photo: true, caption: 'Яма', to: PUBLIC_TOKEN });
    two.injectMessage({ chatId: 1001, text: 'Сотрудник пишет' });
    const [toPublic] = await pub.api.getUpdates({ timeout: 0 });
    const [toStaff] = await staff.api.getUpdates({ timeout: 0 });
    expect(toPublic!.message?.caption).toBe('Яма');
    expect(toStaff!.message?.text).toBe('Сотрудник пишет');
    // Each bot counts its own updates: the ids are equal, only the bot tells them apart.
    expect(toPublic!.update_id).toBe(toStaff!.update_id);

    // A file id is the receiving bot's: the other bot cannot fetch or resend it.
    const fileId = asked.photo!.at(-1)!.file_id;
    expect((await pub.api.getFile(fileId)).file_path).toBeDefined();
    expect((await rejection(staff.api.getFile(fileId))).description).toMatch(/wrong file_id|invalid file_id/);

    const reply = await pub.api.sendPhoto(2002, new InputFile(Buffer.from('jpeg')), { reply_parameters: { message_id: asked.message_id } });
    expect(reply.from?.id).toBe(7_000_000_002);
    expect(two.messages(2002).at(-1)).toMatchObject({ fromBot: true, replyTo: asked.message_id });
    expect(two.calls.find((c) => c.method === 'sendPhoto')?.token).toBe(PUBLIC_TOKEN);
  });

  it('delivers one update to several bots, each under its own update id', async () => {
    const staff = new Bot(TOKEN, { client: { apiRoot: two.apiRoot } });
    const pub = new Bot(PUBLIC_TOKEN, { client: { apiRoot: two.apiRoot } });
    two.injectMessage({ chatId: 2002, text: 'только публичному', to: PUBLIC_TOKEN });
    two.injectMessage({ chatId: GROUP, from: 2003, text: 'обоим', to: [TOKEN, PUBLIC_TOKEN] });
    expect((await pub.api.getUpdates({ timeout: 0 })).map((u) => u.message?.text)).toEqual(['только публичному', 'обоим']);
    expect((await staff.api.getUpdates({ timeout: 0 })).map((u) => u.message?.text)).toEqual(['обоим']);
    expect(() => two.injectMessage({ chatId: 2002, text: 'x', to: [] })).toThrow(/no bot/);
  });
});

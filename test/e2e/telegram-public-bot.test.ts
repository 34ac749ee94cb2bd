/**
 * Telegram as a citizens' network in both setups: one bot for staff and
 * citizens, or a second, public bot for citizens. A private message with a
 * photo and a discussion comment with a photo each become an incident; the
 * executor promises and attaches a photo ("Будет фото/видео"); the approved
 * answer is posted once, by the bot the citizen wrote to, as a reply to the
 * citizen's message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import type { TelegramCall } from '../../shared/sandbox/fakes/telegram.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CHANNEL = -1001987654321;
const DISCUSSION = -1001123456789;
const CURATOR = 101;
const ROADS = 201;
const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendMediaGroup', 'sendDocument']);
/** The executor's evidence: bytes the test can recognise in the published reply. */
const EVIDENCE = Buffer.from('fake-jpeg: the pothole, filled');

const setups = [
  { name: 'one bot for staff and citizens', publicBot: false },
  { name: 'a second bot for citizens', publicBot: true },
] as const;

describe.each(setups)('Telegram citizens with $name', ({ publicBot }) => {
  let h: TestHarness;
  /** The token citizens write to, and the one staff use. */
  const citizensToken = publicBot ? FAKE_SECRETS.telegramPublicToken : FAKE_SECRETS.telegramToken;
  const staffToken = FAKE_SECRETS.telegramToken;

  beforeAll(async () => {
    h = await testHarness({
      publicBot,
      orgOverrides: {
        networks: { vk: { groupId: 123456 }, telegram: { ...(publicBot ? {} : { publicBot: true }), channelId: CHANNEL, discussionChatId: DISCUSSION } },
      },
    });
  });
  afterAll(async () => h?.dispose());

  const db = () => h.system.ctx.database.db;
  const incidentAt = (chatId: number, messageId: number) =>
    until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, `${chatId}:${messageId}`)))[0], `incident ${chatId}:${messageId}`);
  const sendsTo = (chatId: number) => h.telegram.calls.filter((c: TelegramCall) => SEND_METHODS.has(c.method) && c.params.chat_id === chatId && c.response.status === 200);

  /** The executor takes the incident, writes the answer, promises a photo, attaches it and submits. */
  async function answerWithPhoto(id: number, text: string) {
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), "the executor's card");
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await cardSays(h, ROADS, id, (t) => t.includes('в работе'), 'taken');
    let count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: `/start d${id}` });
    await until(() => h.telegram.messages(ROADS).slice(count).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`)), 'the draft prompt');
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text });
    let shown = await until(() => preview(id, count), 'the preview');
    count = h.telegram.messages(ROADS).length;
    await tap(shown.id, shown.buttons.find((b) => b.text.startsWith('📷 Будет фото/видео'))!.callback_data!);
    shown = await until(() => preview(id, count), 'the preview with the promise');
    expect(shown.text).toContain('Обещано фото, но его нет во вложениях');
    count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, photo: EVIDENCE });
    shown = await until(() => preview(id, count), 'the preview with the photo');
    expect(shown.text).toContain('Вложений: 1');
    await tap(shown.id, shown.buttons.find((b) => b.text.startsWith('📨 На согласование'))!.callback_data!);
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('Ответ опубликован'), 'published');
  }

  function preview(id: number, after: number) {
    const m = h.telegram
      .messages(ROADS)
      .slice(after)
      .reverse()
      .find((x) => x.text?.includes(`по сообщению №${id}:`) && x.replyMarkup);
    if (!m) return undefined;
    const buttons = ((m.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> }).inline_keyboard ?? []).flat();
    return { id: m.id, text: m.text!, buttons };
  }

  async function tap(messageId: number, data: string) {
    const q = h.telegram.injectCallbackQuery({ chatId: ROADS, messageId, from: ROADS, data });
    await until(() => h.telegram.callbackAnswer(q), 'the answer to a preview button');
  }

  /** The one reply in the chat: by the citizens' bot, with the executor's photo, in reply to the citizen's message. */
  async function expectOneReply(chatId: number, repliesTo: number, text: string) {
    const replies = await until(() => {
      const found = h.telegram.messages(chatId).filter((m) => m.fromBot && m.replyTo === repliesTo);
      return found.length > 0 ? found : undefined;
    }, 'the reply');
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply!.from?.id).toBe(h.telegram.botFor(citizensToken).id);
    expect(reply!.caption).toContain(text);
    expect(h.telegram.file(reply!.photo!.at(-1)!.file_id)?.bytes.equals(EVIDENCE)).toBe(true);
    const sends = sendsTo(chatId);
    expect(sends.map((c) => [c.method, c.token])).toEqual([['sendPhoto', citizensToken]]);
  }

  it("answers a private message with a photo, with the executor's photo, in reply to it", async () => {
    const CITIZEN = publicBot ? 700_102 : 700_101;
    const asked = h.telegram.injectMessage({
      chatId: CITIZEN,
      from: { id: CITIZEN, first_name: 'Ольга', last_name: 'Белова' },
      caption: 'Яма на дороге в с. Антоновка у остановки, вот фото',
      photo: true,
      to: citizensToken,
    });
    const incident = await incidentAt(CITIZEN, asked.message_id);
    expect(incident).toMatchObject({ network: 'telegram', kind: 'direct' });
    // The bot the citizen wrote to is kept: only it may answer here, whatever bots are configured later.
    expect(incident.thread).toMatchObject({ chatId: CITIZEN, botId: h.telegram.botFor(citizensToken).id });
    expect(incident.attachments).toHaveLength(1);
    const card = await cardSays(h, h.org.chats.curators, incident.id, (t) => t.includes('Яма на дороге'), "the curators' card");
    expect(card.text).toContain('Telegram, личное сообщение');
    // Staff see the citizen's photo under the card, whichever bot took it (a second bot's file is fetched and uploaded).
    const shown = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.photo && m.replyTo === card.id), "the citizen's photo under the card");
    const original = h.telegram.file(asked.photo!.at(-1)!.file_id)!;
    expect(h.telegram.file(shown.photo!.at(-1)!.file_id)!.bytes.equals(original.bytes)).toBe(true);

    await routeAsSuggested(h, incident.id, CURATOR);
    await answerWithPhoto(incident.id, 'Здравствуйте, Ольга! Яму у остановки засыпали, фото прилагаем.');
    await expectOneReply(CITIZEN, asked.message_id, 'Яму у остановки засыпали');
  });

  it("answers a discussion comment with a photo under the channel post, in reply to the comment", async () => {
    const post = h.telegram.injectChannelPost({ channelId: CHANNEL, username: 'adm_city', text: 'Ремонт дорог: план на неделю.', to: citizensToken });
    // Both bots may sit in the discussion group; only the citizens' bot takes the comments.
    const to = [citizensToken, staffToken];
    const forward = h.telegram.injectAutomaticForward({ post, discussionChatId: DISCUSSION, to });
    const comment = h.telegram.injectMessage({
      chatId: DISCUSSION,
      from: { id: 391_300_001, first_name: 'Игорь', last_name: 'Смирнов' },
      caption: 'А яму на дороге в с. Антоновка когда заделают? Фото прилагаю',
      photo: true,
      replyTo: forward.message_id,
      to,
    });
    const incident = await incidentAt(DISCUSSION, comment.message_id);
    expect(incident).toMatchObject({ network: 'telegram', kind: 'comment' });
    expect(incident.thread).toMatchObject({ threadId: forward.message_id, channelChatId: CHANNEL, channelPostId: post.message_id });
    expect(incident.attachments).toHaveLength(1);

    await routeAsSuggested(h, incident.id, CURATOR);
    await answerWithPhoto(incident.id, 'Здравствуйте, Игорь! Яму заделали сегодня, фото прилагаем.');
    await expectOneReply(DISCUSSION, comment.message_id, 'Яму заделали сегодня');
    expect(h.telegram.messages(DISCUSSION).find((m) => m.fromBot)!.threadId).toBe(forward.message_id);
    // One incident, even where both bots saw the comment.
    expect(await db().select().from(incidents).where(eq(incidents.sourceKey, `${DISCUSSION}:${comment.message_id}`))).toHaveLength(1);
  });

  it('keeps citizens and staff features on their own bots', async () => {
    // Nothing for citizens went through the staff bot when a public bot exists, and vice versa no staff chat heard the public bot.
    const tokensInCitizenChats = h.telegram.calls.filter((c) => SEND_METHODS.has(c.method) && (c.params.chat_id === DISCUSSION || Number(c.params.chat_id) >= 700_000)).map((c) => c.token);
    expect(new Set(tokensInCitizenChats)).toEqual(new Set([citizensToken]));
    const staffChats = new Set([h.org.chats.curators, ROADS]);
    const toStaff = h.telegram.calls.filter((c) => SEND_METHODS.has(c.method) && staffChats.has(Number(c.params.chat_id))).map((c) => c.token);
    expect(new Set(toStaff)).toEqual(new Set([staffToken]));
  });
});

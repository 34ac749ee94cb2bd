/**
 * The staff workflow, once, in either staff messenger (issue #22): each scenario runs with staff in
 * Telegram and again with staff in MAX, on its own harness (real PostgreSQL, Redis, bots and worker;
 * fake Telegram, MAX and VK), acting only through what a person sees, writes and taps (h.staff).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, incidents, publications } from '../../shared/platform/db/schema.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { routeAsSuggested, take, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { buttonsOf, cardIn, cardSays, citizenWrites, newMessage, press, pressData, seen, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import type { VkSentMessage } from '../../shared/sandbox/fakes/vk-state.js';
import { scaledClock } from '../../shared/staffchat/lanes/time.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201; // Петров Пётр, roads: no department chat, cards come to his private chat
const HOUSING = 202; // Волкова Мария, housing: the department's chat
const HOUSING_CHAT = -1001000000010;
const HEAD = 301;

describe.each(['telegram', 'max'] as const)('staff in %s', (messenger) => {
  let h: TestHarness;

  beforeAll(async () => {
    h = await testHarness({ messenger, maxCitizens: true });
  });
  afterAll(async () => h?.dispose());

  const db = () => h.system.ctx.database.db;
  const row = async (id: number) => (await db().select().from(incidents).where(eq(incidents.id, id)))[0]!;
  const curators = () => h.org.chats.curators;
  const vkMessagesTo = (peer: number) => h.vk.sent.filter((s): s is VkSentMessage => s.kind === 'message' && s.peerId === peer);

  it('runs a VK message through routing, taking, a draft with a photo, one-tap approval and publication in VK', async () => {
    expect(h.staff.kind).toBe(messenger);
    const citizen = 810_001;
    const id = await citizenWrites(h, citizen, 'Яма на дороге в с. Антоновка у остановки, колёса бьём каждый день');
    const card = cardIn(h, curators(), id)!;
    expect(card.text).toContain('ВКонтакте, личное сообщение');
    expect(card.text).toContain('тема: Дороги · место: с. Антоновка · куда: Отдел дорожного хозяйства');
    expect(card.buttons.map((b) => b.text)[0]).toMatch(/^✅ Направить/);

    expect(await routeAsSuggested(h, id, CURATOR)).toBe('Направлено: Отдел дорожного хозяйства');
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    expect(buttonsOf(h, ROADS, id).map((b) => b.text)).toEqual(['🙋 Взять в работу', '↩️ Вернуть куратору']);

    const picture = Buffer.from(`fake-jpeg: яма засыпана (${messenger})`);
    const answer = 'Здравствуйте! Яму у остановки засыпали сегодня, фото прилагаем.';
    const before = seen(h, ROADS).length;
    const preview = await writeDraft(h, id, ROADS, ROADS, answer, { photo: picture });
    expect(preview.text).toContain(answer);
    expect(preview.text).toContain('Вложений: 1');
    // The draft went as the answer to the bot's prompt, with the photo.
    const mine = seen(h, ROADS).slice(before).filter((m) => !m.fromBot);
    const prompt = seen(h, ROADS).slice(before).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`))!;
    const draft = mine.find((m) => m.text === answer)!;
    expect(draft.replyTo).toBe(prompt.id);
    expect(draft.files.map((f) => f.kind)).toEqual(['photo']);

    const onApproval = await cardSays(h, curators(), id, (t) => t.includes('на согласовании'), 'the card on approval');
    expect(onApproval.id).toBe(card.id);
    expect(onApproval.text).toContain(answer);
    expect(onApproval.buttons.map((b) => b.text)).toContain('✅ Утвердить');
    await press(h, curators(), id, CURATOR, '✅ Утвердить');

    const [reply] = await until(() => (vkMessagesTo(citizen).length ? vkMessagesTo(citizen) : undefined), 'the reply in VK');
    expect(reply!.text).toBe(answer);
    expect(reply!.attachment).toMatch(/^photo/);
    expect(h.vk.uploads.some((u) => u.bytes.equals(picture))).toBe(true);
    const done = await cardSays(h, curators(), id, (t) => t.includes('ответ опубликован'), 'the published card');
    // Edited in place: the same message, not a new one.
    expect(done.id).toBe(card.id);
    expect(seen(h, curators()).filter((m) => m.text?.startsWith(`Сообщение №${id} `))).toHaveLength(1);
    const [pub] = await db().select().from(publications).where(eq(publications.incidentId, id));
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: String(reply!.id) });
  });

  it('refuses a wrong-role tap and a stale card\'s button politely, changing nothing', async () => {
    const id = await citizenWrites(h, 810_002, 'Когда отремонтируют дорогу на с. Антоновка? Ямы!');
    const card = cardIn(h, curators(), id)!;
    const route = card.buttons.find((b) => b.text.startsWith('✅ Направить'))!;

    expect(await press(h, curators(), id, ROADS, '✅ Направить')).toBe('Это действие не для вашей роли.');
    expect(await press(h, curators(), id, 999_001, '✅ Направить')).toBe('Вас нет в списке сотрудников. Обратитесь к администратору системы.');
    expect(await row(id)).toMatchObject({ status: 'detected', version: 1 });
    expect(cardIn(h, curators(), id)!.text).toBe(card.text);

    expect(await press(h, curators(), id, CURATOR, '✅ Направить')).toBe('Направлено: Отдел дорожного хозяйства');
    await cardSays(h, curators(), id, (t) => t.includes('🏢 Отдел дорожного хозяйства'), 'the routed card');
    const version = (await row(id)).version;
    expect(await pressData(h, curators(), card.id, CURATOR, route.data!)).toBe('Эта кнопка больше не действует: карточка уже изменилась.');
    expect(await row(id)).toMatchObject({ status: 'routed', version });

  });

  it('answers a MAX citizen\'s message in MAX, as a reply to it', async () => {
    const max = h.max!;
    const written = max.citizenWrites({ userId: 4_200_001, name: 'Анна Смирнова', text: 'Здравствуйте! На ул. Школьной в с. Антоновка огромная яма, машины бьют колёса.' });
    const card = await until(() => seen(h, curators()).find((m) => m.text?.includes('огромная яма') && m.buttons.length > 0), 'the curators\' card');
    expect(card.text).toContain('MAX, личное сообщение');
    const id = Number(/№(\d+)/.exec(card.text!)![1]);
    expect(await routeAsSuggested(h, id, CURATOR)).toBe('Направлено: Отдел дорожного хозяйства');
    const answer = 'Здравствуйте, Анна! Яму на ул. Школьной засыпали сегодня.';
    await writeDraft(h, id, ROADS, ROADS, answer);
    await cardSays(h, curators(), id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators(), id, CURATOR, '✅ Утвердить');
    const dialog = max.dialogOf(4_200_001);
    const reply = await until(() => max.sent().find((m) => m.chatId === dialog), 'the reply in MAX');
    expect(reply.body.text).toBe(answer);
    expect(reply.link).toMatchObject({ type: 'reply', message: { mid: written.body.mid } });
    await cardSays(h, curators(), id, (t) => t.includes('ответ опубликован'), 'the published card');
    // The citizen's dialog holds their message and the answer, nothing of the staff's.
    expect(max.messages(dialog).map((m) => m.body.text)).toEqual([written.body.text, answer]);
  });

  /** Writes in a chat (a person's private chat by their id) and waits for the bot's next message there. */
  async function ask(chatId: number, from: number, text: string) {
    const before = seen(h, chatId).length;
    h.staff.write({ chatId, from, text });
    return until(() => seen(h, chatId).slice(before).find((m) => m.fromBot), `the reply to ${text}`);
  }

  it('lets the executor return an incident with a note and the curator re-route it to a department chat, where it is taken', async () => {
    const id = await citizenWrites(h, 810_003, 'Яма на дороге у школы в с. Антоновка, ночью без света');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    expect(await press(h, ROADS, id, ROADS, '↩️ Вернуть')).toBe('');
    const question = await until(() => seen(h, ROADS).find((m) => m.text?.includes(`Сообщение №${id}: почему вопрос не в компетенции`)), 'the question');
    const before = seen(h, ROADS).length;
    h.staff.write({ chatId: ROADS, from: ROADS, text: 'Освещение — это ЖКХ, не дороги', replyTo: question.id });
    await newMessage(h, ROADS, before, (t) => t.startsWith(`Готово: сообщение №${id} возвращено`), 'the confirmation');
    const returned = await cardSays(h, curators(), id, (t) => t.includes('возвращено куратору'), 'the returned card');
    expect(returned.text).toContain('Отдел дорожного хозяйства вернул: «Освещение — это ЖКХ, не дороги»');

    await press(h, curators(), id, CURATOR, '🏢 Подразделения');
    expect(await press(h, curators(), id, CURATOR, 'Отдел ЖКХ')).toBe('Направлено: Отдел ЖКХ');
    await cardSays(h, HOUSING_CHAT, id, (t) => t.includes('направлено исполнителю'), 'the housing chat card');
    expect(await press(h, HOUSING_CHAT, id, ROADS, '🙋 Взять')).toBe('Сообщение направлено не в ваше подразделение.');
    expect(await press(h, HOUSING_CHAT, id, HOUSING, '🙋 Взять')).toBe('Взято в работу');
    await cardSays(h, HOUSING_CHAT, id, (t) => t.includes('в работе') && t.includes('Ждём: Волкова Мария'), 'taken');
    expect(await row(id)).toMatchObject({ status: 'in_work' });
  });

  it('answers /my, /find and /overdue in a private chat', async () => {
    const routed = await citizenWrites(h, 810_004, 'Яма на дороге в с. Антоновка у магазина');
    await routeAsSuggested(h, routed, CURATOR);
    await take(h, routed, ROADS, ROADS);
    const fresh = await citizenWrites(h, 810_005, 'Не горит освещение во дворе на ул. Мира');
    const mine = (await ask(ROADS, ROADS, '/my')).text!;
    expect(mine).toContain(`№${routed} ·`);
    expect(mine).not.toContain(`№${fresh} ·`);
    expect((await ask(CURATOR, CURATOR, '/my')).text).toContain(`№${fresh} ·`);
    expect((await ask(CURATOR, CURATOR, `/find ${routed}`)).text).toContain('Яма на дороге');
    const byWords = (await ask(CURATOR, CURATOR, '/find освещение')).text!;
    expect(byWords).toContain(`№${fresh} ·`);
    expect(byWords).not.toContain(`№${routed} ·`);
    expect((await ask(CURATOR, CURATOR, '/overdue')).text).toBe('Просроченных сообщений нет. 👍');
  });

  it('sends /report to the heads\' chat as a chart and a workbook, and refuses an executor', async () => {
    const heads = h.org.chats.heads;
    const before = seen(h, heads).length;
    const ack = await ask(heads, HEAD, '/report week');
    expect(ack.text).toMatch(/^Готовлю отчёт за \d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}/);
    const [chart, workbook] = await until(() => {
      const sent = seen(h, heads).slice(before).filter((m) => m.files.length > 0);
      return sent.length >= 2 ? sent : undefined;
    }, 'the chart and the workbook', 30_000);
    expect(chart!.files.map((f) => f.kind)).toEqual(['photo']);
    expect(chart!.text).toContain('Администрация Завитинского района. Неделя');
    expect(chart!.files[0]!.bytes()!.subarray(1, 4).toString('latin1')).toBe('PNG');
    const doc = workbook!.files[0]!;
    expect(doc.kind).toBe('document');
    expect(doc.fileName).toMatch(/^Отчёт \d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}\.xlsx$/);
    expect(doc.bytes()!.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await ask(ROADS, ROADS, '/report week')).text).toContain('доступны руководителям и кураторам');
  });

  it('lets an admin invite an executor by a deep link that works once', async () => {
    const ADMIN = 501;
    const NEWCOMER = 777_001;
    const reply = (await ask(ADMIN, ADMIN, '/invite executor roads')).text!;
    expect(reply).toContain('«исполнитель (Отдел дорожного хозяйства)»');
    const link = /(https:\/\/\S+)\?start=(inv-[A-Za-z0-9_-]+)/.exec(reply)!;
    expect(link[1]).toBe(messenger === 'max' ? 'https://max.ru/otklik_max_bot' : 'https://t.me/otklik_test_bot');
    const payload = link[2]!;
    let before = seen(h, NEWCOMER).length;
    h.staff.start(NEWCOMER, payload);
    const welcome = await until(() => seen(h, NEWCOMER).slice(before).find((m) => m.fromBot), 'the welcome');
    expect(welcome.text).toContain('Вы подключены к «Отклику»: исполнитель (Отдел дорожного хозяйства)');
    // On staff now: /my answers with the roads department's queue, not «not on staff».
    expect((await ask(NEWCOMER, NEWCOMER, '/my')).text).not.toContain('Вас нет в списке сотрудников');
    before = seen(h, 777_002).length;
    h.staff.start(777_002, payload);
    const refused = await until(() => seen(h, 777_002).slice(before).find((m) => m.fromBot), 'the refusal');
    expect(refused.text).toContain('ссылка-приглашение недействительна');
  });
});

// A flood, on a clock 8 times faster than the wall (the lanes' minute budgets pass in seconds; the fake Telegram
// counts its windows on it too), each messenger on its own harness: the curators' line would otherwise stay full
// for the real two minutes the digest is about.
describe.each(['telegram', 'max'] as const)('a flood with staff in %s', (messenger) => {
  let h: TestHarness;
  beforeAll(async () => {
    // Bursts off: neighbours writing at once are separate incidents here.
    h = await testHarness({ messenger, clock: scaledClock(8), telegramOnClock: true, orgOverrides: { ingest: { burstMinutes: 0 } } });
  });
  afterAll(async () => h?.dispose());
  const curators = () => h.org.chats.curators;

  it('lists a flood of VK messages in one live digest, and «Открыть №N» opens one card', { timeout: 180_000 }, async () => {
    const FLOOD = 60;
    const texts = Array.from({ length: FLOOD }, (_, i) => `Не вывозят мусор у дома ${i + 1} на ул. Садовой`);
    await Promise.all(texts.map((text, i) => postVkCallback(h.vkWebhookUrl, messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: 820_000 + i, text }))));
    const digest = await until(() => seen(h, curators()).find((m) => m.text?.startsWith('📥 Ещё') && m.buttons.some((b) => b.text.startsWith('Открыть №'))), 'the digest', 60_000);
    expect(digest.text).toContain('сообщений больше, чем мессенджер позволяет отправить в чат по одному');
    const open = digest.buttons.find((b) => b.text.startsWith('Открыть №'))!;
    const id = Number(/№(\d+)/.exec(open.text)![1]);
    expect(cardIn(h, curators(), id)).toBeUndefined();
    expect(await pressData(h, curators(), digest.id, CURATOR, open.data!)).toBe(`Карточка №${id} придёт в чат через несколько секунд.`);
    const card = await until(() => cardIn(h, curators(), id), `card №${id}`, 90_000);
    expect(card.buttons.some((b) => b.text.startsWith('✅ Направить'))).toBe(true);
    expect(await pressData(h, curators(), digest.id, CURATOR, open.data!)).toBe(`Карточка №${id} уже в чате.`);
  });
});

// Deadlines, on a clock 600 times faster than the wall from Monday 10:00 in the organisation's zone, every weekday
// round the clock (as in timers.test.ts): the curators' route deadline (30 working minutes) passes in seconds.
describe.each(['telegram', 'max'] as const)('deadlines with staff in %s', (messenger) => {
  const SPEED = 600;
  const V0 = DateTime.fromISO('2026-11-23T10:00', { zone: 'Asia/Yakutsk' }).toMillis();
  const R0 = Date.now();
  const clock = { speed: SPEED, start: R0, now: () => new Date(V0 + (Date.now() - R0) * SPEED) };
  const DUTY_OFFICER = 401;
  let h: TestHarness;
  beforeAll(async () => {
    const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(
      'timezone: Asia/Yakutsk\n',
      'timezone: Asia/Yakutsk\nschedule: { mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"], fri: ["00:00-24:00"] }\n',
    );
    const org = join(mkdtempSync(join(tmpdir(), 'otklik-staff-messengers-')), 'org.yaml');
    writeFileSync(org, text);
    h = await testHarness({ messenger, clock, orgPath: org });
  });
  afterAll(async () => h?.dispose());

  const said = (chatId: number, needle: string) => seen(h, chatId).filter((m) => m.text?.includes(needle));

  /** A citizen's VK message detected now on the fast clock (the webhook would stamp the wall's time), through the real ingest job. */
  async function messageNow(fromId: number, text: string): Promise<number> {
    const { db } = h.system.ctx.database;
    const event = messageNew({ groupId: h.vk.group.id, fromId, text });
    const { secret: _s, ...payload } = event;
    const { id } = await storeInboundEvent(db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
    await db.update(inboundEvents).set({ receivedAt: clock.now() }).where(eq(inboundEvents.id, id));
    await h.system.ctx.queues.enqueue('ingest', { inboundEventId: id });
    const card = await until(() => seen(h, h.org.chats.curators).find((m) => m.text?.includes(text.slice(0, 30)) && m.buttons.length > 0), 'the card');
    return Number(/№(\d+)/.exec(card.text!)![1]);
  }

  it('reminds the curators under the card, tells them of the miss, escalates to the duty officers once, and /overdue lists it', { timeout: 90_000 }, async () => {
    const curators = h.org.chats.curators;
    const id = await messageNow(830_001, 'Не вывозят мусор на ул. Ленина третью неделю');
    const card = cardIn(h, curators, id)!;
    const reminder = await until(() => said(curators, `Напоминание: сообщение №${id} — направить`)[0], 'the reminder', 30_000);
    expect(reminder.text).toMatch(/осталось \d+ мин\. Сейчас у: кураторы\./);
    expect(reminder.replyTo).toBe(card.id);
    const due = await until(() => said(curators, `Срок истёк: сообщение №${id} — направить`)[0], 'the miss', 30_000);
    expect(due.text).toContain('Сейчас у: кураторы');
    const escalation = await until(() => said(h.org.chats.duty, `Эскалация: сообщение №${id} — направить`)[0], 'the escalation', 30_000);
    expect(escalation.text).toMatch(/просрочено на \d+ мин/);

    const before = seen(h, DUTY_OFFICER).length;
    h.staff.write({ chatId: DUTY_OFFICER, from: DUTY_OFFICER, text: '/overdue' });
    const late = await until(() => seen(h, DUTY_OFFICER).slice(before).find((m) => m.fromBot), 'the reply to /overdue');
    expect(late.text).toContain(`№${id} ·`);
    expect(late.text).toContain('просрочено на');

    // Once each: a little more (virtual) time, and count again.
    await new Promise((r) => setTimeout(r, 3000));
    expect(said(curators, `Напоминание: сообщение №${id} `)).toHaveLength(1);
    expect(said(curators, `Срок истёк: сообщение №${id} `)).toHaveLength(1);
    expect(said(h.org.chats.duty, `Эскалация: сообщение №${id} `)).toHaveLength(1);
  });
});

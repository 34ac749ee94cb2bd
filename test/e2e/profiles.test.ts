/**
 * Each profile's own rules, end to end: kislovodsk-2020 pauses the answer
 * clock while a clarification waits for the author, who answers on VK;
 * sobolevo-2021 has the head approve in the heads' chat; an interim answer
 * is followed by the final one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { EXAMPLE_ORG, type Harness } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { incidents } from '../../shared/platform/db/schema.js';
import { messageNew, postVkCallback } from '../../shared/sandbox/fakes/vk-callback.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { deadlines } from '../../shared/core/sla/index.js';
import { testHarness } from '../kit/harness.js';

const CURATOR = 101;
const HEAD = 301;
const ROADS = 201;

/** The example organisation under another regulation profile. */
function orgWith(profile: string, timezone: string): string {
  const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(/^profile: .*$/m, `profile: ${profile}`).replace(/^timezone: .*$/m, `timezone: ${timezone}`);
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

async function harness(profile: string, timezone: string, clock?: { now(): Date }) {
  const h = await testHarness({ orgPath: orgWith(profile, timezone), ...(clock ? { clock } : {}) });
  return { h, stop: () => h.dispose() };
}

const status = async (h: Harness, id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!.status;

describe('kislovodsk-2020: a clarification pauses the clock until the author answers on VK', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  let offset = 0;
  // The clock the workflow stamps events with; moved forward while the author thinks.
  const clock = { now: () => new Date(Date.now() + offset) };
  beforeAll(async () => ({ h, stop } = await harness('kislovodsk-2020', 'Europe/Moscow', clock)));
  afterAll(async () => stop?.());

  it('asks, waits with the clock stopped, and resumes on the author\'s reply without a new incident', async () => {
    const id = await citizenWrites(h, 650001, 'Яма на дороге в г. Завитинск, где именно — напишу позже');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Уточните, пожалуйста, адрес ямы.', { kind: 'Запрос уточнения' });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('Запрос уточнения'), 'the clarification on approval');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    await until(() => h.vk.sent.find((s) => s.kind === 'message' && s.peerId === 650001 && s.text.includes('Уточните')), 'the question in VK');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('ждём уточнения'), 'awaiting the author');
    expect((await loadState(h.system.ctx.database.db, id))!.clockPauses).toMatchObject([{ to: null }]);

    offset = 3 * 3600_000; // the author answers three hours later
    const before = (await h.system.ctx.database.db.select().from(incidents)).length;
    await postVkCallback(h.vkWebhookUrl, messageNew({ groupId: h.vk.group.id, secret: h.env.VK_CALLBACK_SECRET!, fromId: 650001, text: 'Улица Ленина, 12' }));
    await until(async () => (await status(h, id)) !== 'awaiting_clarification', 'the clarification accepted');

    const state = (await loadState(h.system.ctx.database.db, id))!;
    expect(state.status).toBe('in_work');
    expect(state.clockPauses).toHaveLength(1);
    const pause = state.clockPauses[0]!;
    expect(pause.to!.getTime() - pause.from.getTime()).toBeGreaterThanOrEqual(3 * 3600_000 - 60_000);
    expect((await h.system.ctx.database.db.select().from(incidents)).length).toBe(before); // no new incident
  });
});

describe('sobolevo-2021: the head approves, in the heads\' chat', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ h, stop } = await harness('sobolevo-2021', 'Asia/Kamchatka')));
  afterAll(async () => stop?.());

  it('gives a high-importance message 4 working hours (п.10), and the head approves in the heads\' chat', async () => {
    const id = await citizenWrites(h, 660001, 'Дорога в с. Антоновка не чищена третий день');
    await press(h, h.org.chats.curators, id, CURATOR, 'Важность: обычная');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('куда:'), 'the card redrawn');
    await routeAsSuggested(h, id, CURATOR);
    const { ctx } = h.system;
    const events = await loadEvents(ctx.database.db, id);
    const answer = deadlines(events, ctx.profile, ctx.workTime).find((d) => d.timer === 'answer')!;
    expect(answer.due).toBe(ctx.workTime.addWorkingHours(events[0]!.at.getTime(), 4));
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Дорогу расчистят сегодня до 18:00.');
    const heads = h.org.chats.heads;
    await cardSays(h, heads, id, (t) => t.includes('на согласовании'), 'the card in the heads\' chat');
    expect(buttonsOf(h, h.org.chats.curators, id)).toEqual([]); // not the curators' to approve here
    expect(await press(h, heads, id, CURATOR, '✅ Утвердить')).toBe('Это действие не для вашей роли.');
    expect(await press(h, heads, id, HEAD, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
    await until(() => h.vk.sent.find((s) => s.kind === 'message' && s.peerId === 660001), 'the reply in VK');
    await until(async () => (await status(h, id)) === 'answered', 'answered');
  });
});

describe('an interim answer, then the final one', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ h, stop } = await harness('zavitinsk-2020', 'Asia/Yakutsk')));
  afterAll(async () => stop?.());

  it('publishes both, and waits for the final answer in between', async () => {
    const id = await citizenWrites(h, 670001, 'Когда построят тротуар вдоль дороги в с. Антоновка?');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Вопрос изучается, ответим подробно в течение недели.', { kind: 'Промежуточный ответ' });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'interim on approval');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    await cardSays(h, ROADS, id, (t) => t.includes('дан промежуточный ответ'), 'waiting for the final answer');
    expect(await status(h, id)).toBe('published_interim');

    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Тротуар включён в план благоустройства на 2027 год.', { take: false });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании') && t.includes('версия 2'), 'final on approval');
    await press(h, h.org.chats.curators, id, CURATOR, '✅ Утвердить');
    await until(async () => (await status(h, id)) === 'answered', 'answered');
    expect(h.vk.sent.filter((s) => s.kind === 'message' && s.peerId === 670001).map((s) => s.text)).toEqual([
      'Здравствуйте! Вопрос изучается, ответим подробно в течение недели.',
      'Здравствуйте! Тротуар включён в план благоустройства на 2027 год.',
    ]);
  });
});

describe('ivanovo-2020: three departments, the last in the curator\'s order writes the joint answer', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  const PARKS = 204;
  const HOUSING = 202;
  const HOUSING_CHAT = -1001000000010;
  beforeAll(async () => {
    const path = orgWith('ivanovo-2020', 'Europe/Moscow');
    // A third department, with no chat of its own, and its executor.
    const text = readFileSync(path, 'utf8')
      .replace(/^departments:\n/m, 'departments:\n  - { id: parks, name: Отдел благоустройства }\n')
      .replace(/^staff:\n/m, 'staff:\n  - { telegramId: 204, name: Зайцев Илья, roles: [executor], department: parks }\n');
    writeFileSync(path, text);
    const th = await testHarness({ orgPath: path });
    h = th;
    stop = () => th.dispose();
  });
  afterAll(async () => stop?.());

  it('collects the two parts, shows them to the responsible executor, and publishes the joint answer', async () => {
    const id = await citizenWrites(h, 680001, 'Во дворе на ул. Мира в г. Завитинск: ЖКХ не вывозит мусор, дороги в ямах');
    const curators = h.org.chats.curators;
    // Suggested: housing (ЖКХ) and roads (Дороги); the curator adds parks last, so parks writes the answer (п.15).
    await press(h, curators, id, CURATOR, '🏢 Подразделения');
    await press(h, curators, id, CURATOR, 'Несколько…');
    await press(h, curators, id, CURATOR, 'Отдел благоустройства');
    await press(h, curators, id, CURATOR, '« Назад');
    await press(h, curators, id, CURATOR, '✅ Направить');
    await cardSays(h, curators, id, (t) => t.includes('Отдел благоустройства (отв.)'), 'routed with parks responsible');

    // The co-executors take it and send their parts from their private chats.
    for (const [executor, chat, part] of [
      [HOUSING, HOUSING_CHAT, 'Мусор вывезут в среду.'],
      [ROADS, ROADS, 'Ямочный ремонт — в мае.'],
    ] as const) {
      await cardSays(h, chat, id, (t) => t.includes('Части соисполнителей'), 'the co-executor\'s card');
      await press(h, chat, id, executor, '🙋 Взять');
      await until(() => buttonsOf(h, chat, id).find((b) => b.text === '🧩 Отправить часть'), 'the part button');
      const before = h.telegram.messages(executor).length;
      h.telegram.injectMessage({ chatId: executor, from: executor, text: `/start p${id}` });
      await until(() => h.telegram.messages(executor).slice(before).find((m) => m.text?.startsWith(`🧩 Сообщение №${id}`)), 'the part prompt');
      h.telegram.injectMessage({ chatId: executor, from: executor, text: part });
      const preview = await until(
        () => h.telegram.messages(executor).slice(before).reverse().find((m) => m.text?.startsWith('🧩 Часть ответа') && m.replyMarkup),
        'the part preview',
      );
      const send = (preview.replyMarkup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard[0]![0]!;
      const q = h.telegram.injectCallbackQuery({ chatId: executor, messageId: preview.id, from: executor, data: send.callback_data });
      await until(() => h.telegram.callbackAnswer(q), 'the part sent');
    }
    await cardSays(h, curators, id, (t) => t.includes('✓ Отдел ЖКХ') && t.includes('✓ Отдел дорожного хозяйства'), 'both parts in');

    // The responsible executor sees both parts when opening the draft, and writes the joint answer.
    await press(h, PARKS, id, PARKS, '🙋 Взять');
    const before = h.telegram.messages(PARKS).length;
    await writeDraft(h, id, PARKS, PARKS, 'Здравствуйте! Мусор вывезут в среду, ямочный ремонт дороги — в мае.', { take: false });
    const prompt = h.telegram.messages(PARKS).slice(before).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`))!;
    expect(prompt.text).toContain('Отдел ЖКХ: «Мусор вывезут в среду.»');
    expect(prompt.text).toContain('Отдел дорожного хозяйства: «Ямочный ремонт — в мае.»');
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    await until(() => h.vk.sent.find((s) => s.kind === 'message' && s.peerId === 680001), 'the joint answer in VK');
  });
});

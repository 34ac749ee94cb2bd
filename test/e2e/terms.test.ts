/**
 * Terms of one message, end to end (fake Telegram and VK, real PostgreSQL and Redis):
 * - kamchatka-ias-2021 2.5: the executor asks for an extension with a reason in the private chat, the
 *   curators (the coordinator) grant 3 days, and the answer's due and its timer jobs move by them;
 * - kamchatka-ias-2021 2.6: a fast-track message with a term agreed at 1 day is missed on day 2, and the
 *   miss is told, on a clock fast enough to get there in seconds;
 * - severny-pos-2022 п.10.2: the curator sets the local fast-track category on the card; it gets 14 days.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG, type Harness } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { deadlines } from '../../shared/core/sla/index.js';
import { planForEvents, payloadOf } from '../../shared/flows/deadlines/schedule.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { t } from '../../shared/platform/i18n.js';
import { refreshFacts } from '../../shared/flows/reports/store.js';
import { reportStages } from '../../shared/platform/db/schema.js';
import { eq } from 'drizzle-orm';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;
const DAY = 86_400_000;

function orgWith(profile: string, timezone: string): string {
  const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(/^profile: .*$/m, `profile: ${profile}`).replace(/^timezone: .*$/m, `timezone: ${timezone}`);
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-terms-')), 'org.yaml');
  writeFileSync(path, text);
  return path;
}

const answerOf = async (h: Harness, id: number) => {
  const { ctx } = h.system;
  const events = await loadEvents(ctx.database.db, id);
  return { events, answer: deadlines(events, ctx.profile, ctx.workTime).find((d) => d.timer === 'answer')! };
};

describe('kamchatka-ias-2021 2.5: an extension requested and granted', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('kamchatka-ias-2021', 'Asia/Kamchatka') });
  });
  afterAll(async () => h?.dispose());

  it('moves the answer due by the days granted, and its reminders with it', async () => {
    const id = await citizenWrites(h, 690001, 'Дорога в с. Антоновка вся в ямах, не ремонтируют третью неделю');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (x) => x.includes('направлено исполнителю'), 'the executor\'s card');
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await until(() => buttonsOf(h, ROADS, id).find((b) => b.text === '⏳ Запросить продление'), 'the extension button');
    const before = (await answerOf(h, id)).answer.due!;
    expect(before).toBe((await loadEvents(h.system.ctx.database.db, id))[0]!.at.getTime() + 10 * DAY); // 2.5: 10 calendar days

    // Someone who does not hold it is told so, and nothing changes.
    expect(await press(h, ROADS, id, CURATOR, '⏳ Запросить продление')).toBe(t('refusal-role_not_allowed'));
    // The reason is asked in the private chat (the executor's card is there too here) and answered by a reply.
    const sent = h.telegram.messages(ROADS).length;
    await press(h, ROADS, id, ROADS, '⏳ Запросить продление');
    await until(() => h.telegram.messages(ROADS).slice(sent).find((m) => m.text?.startsWith(`⏳ Сообщение №${id}: напишите`)), 'the question');
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: 'Подрядчик выйдет только через неделю' });
    await until(() => h.telegram.messages(ROADS).find((m) => m.text?.startsWith(`⏳ Запрос продления по сообщению №${id} отправлен`)), 'the request sent');

    const curators = h.org.chats.curators;
    await cardSays(h, curators, id, (x) => x.includes('Запрошено продление срока: «Подрядчик выйдет только через неделю»'), 'the request on the curators\' card');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toEqual(['+1 дн.', '+2 дн.', '+3 дн.', '+4 дн.', '+5 дн.', '+6 дн.', '+7 дн.', '+8 дн.', '✖️ Отказать в продлении']);
    expect(await press(h, curators, id, ROADS, '+3 дн.')).toBe(t('refusal-role_not_allowed'));
    expect(await press(h, curators, id, CURATOR, '+3 дн.')).toBe('Срок продлён на 3 дн.');
    await cardSays(h, curators, id, (x) => x.includes('Срок продлён на 3 дн.'), 'the grant on the card');

    const { events, answer } = await answerOf(h, id);
    expect(answer.due).toBe(before + 3 * DAY);
    const state = (await loadState(h.system.ctx.database.db, id))!;
    expect(state.extensions).toMatchObject([{ days: 3, reason: 'Подрядчик выйдет только через неделю' }]);
    expect(state.extensionRequest).toBeNull();
    // The answer's reminder, due and escalation jobs are planned for the new due; the old ones are gone.
    const planned = planForEvents(h.system.ctx, events).filter((f) => f.timer === 'answer');
    expect(planned.map((f) => f.due)).toEqual(planned.map(() => before + 3 * DAY));
    const queue = h.system.ctx.queues.queue('timer');
    await until(async () => {
      const jobs = await Promise.all(planned.map((f) => queue.getJob(catalog.timer.jobId(payloadOf(id, f)))));
      return jobs.every((j) => j !== undefined);
    }, 'the re-planned timer jobs');
    const old = await queue.getJob(catalog.timer.jobId({ incidentId: id, timer: 'answer', department: '', step: 'due', due: before }));
    expect(old).toBeUndefined();
  });
});

describe('kamchatka-ias-2021 2.6: a fast-track term agreed at 1 day, missed on day 2', () => {
  let h: TestHarness;
  // 5,000× real time: a day in some 17 s; the curator's taps take minutes of it.
  const speed = 5000;
  const r0 = Date.now();
  const clock = { speed, start: r0, now: () => new Date(r0 + (Date.now() - r0) * speed) };
  beforeAll(async () => {
    h = await testHarness({ clock, orgPath: orgWith('kamchatka-ias-2021', 'Asia/Kamchatka') });
  });
  afterAll(async () => h?.dispose());

  it('counts the day from assignment and tells of the miss when it passes', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 690002, 'Дорогу в с. Антоновка размыло, машины не проезжают');
    // A normal message has no term to agree (2.6 is for fast-track ones only).
    expect(buttonsOf(h, curators, id).some((b) => b.text.startsWith('⏱'))).toBe(false);
    await press(h, curators, id, CURATOR, 'Важность: обычная');
    await press(h, curators, id, CURATOR, '⏱ Срок ответа');
    await press(h, curators, id, CURATOR, '⏱ 1 день');
    await cardSays(h, curators, id, (x) => x.includes('куда:'), 'the card redrawn');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toContain('⏱ Срок ответа: 1 день');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, curators, id, (x) => x.includes('⏱ Срок ответа: 1 день'), 'the agreed term on the card');

    const { events, answer } = await answerOf(h, id);
    const routed = events.find((e) => e.type === 'routed')!;
    expect(events.map((e) => e.type)).toEqual(['incident_detected', 'triaged', 'term_agreed', 'routed']);
    expect(answer.due).toBe(routed.at.getTime() + DAY);
    expect(answer.clause).toContain('2.6');

    // Day 2: nobody answered. The miss of the answer is told.
    const stage = t('timer-answer');
    const chats = [ROADS, curators, h.org.chats.heads, h.org.chats.duty];
    const told = await until(
      () => chats.flatMap((c) => h.telegram.messages(c)).find((m) => m.text?.startsWith(`🔥 Срок истёк: сообщение №${id} — ${stage}`)),
      'the miss of the agreed term',
      60_000,
    );
    expect(told.text).toContain('Сейчас у:');
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(routed.at.getTime() + DAY);
    // The answer was not in by its agreed due: the reports judge it by that due.
    const { answer: late } = await answerOf(h, id);
    expect(late).toMatchObject({ state: 'running', due: routed.at.getTime() + DAY });
    await refreshFacts(h.system.ctx.database.db, { profile: h.system.ctx.profile, workTime: h.system.ctx.workTime, now: clock.now() }, id);
    const stages = await h.system.ctx.database.db.select().from(reportStages).where(eq(reportStages.incidentId, id));
    expect(stages.find((s) => s.stage === 'answer')).toMatchObject({ dueAt: new Date(routed.at.getTime() + DAY), endedAt: null });
  }, 90_000);
});

describe('severny-pos-2022 п.10.2: the local fast-track category set on the card', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('severny-pos-2022', 'Asia/Novosibirsk') });
  });
  afterAll(async () => h?.dispose());

  it('lists the profile\'s levels and gives the message 14 days', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 690003, 'Яма на дороге в с. Антоновка у остановки');
    await press(h, curators, id, CURATOR, 'Важность: обычная');
    await until(() => buttonsOf(h, curators, id).find((b) => b.text === 'ускоренная (региональная категория, 14 дней)'), 'the levels');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toEqual(['✓ обычная', 'высокая', 'ускоренная (региональная категория, 14 дней)', '« Назад']);
    await press(h, curators, id, CURATOR, 'ускоренная');
    await until(() => buttonsOf(h, curators, id).find((b) => b.text === 'Важность: ускоренная (региональная категория, 14 дней)'), 'the level chosen');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, curators, id, (x) => x.includes('важность: ускоренная'), 'the level on the card');

    const { ctx } = h.system;
    const { events, answer } = await answerOf(h, id);
    expect(events.find((e) => e.type === 'triaged')).toMatchObject({ data: { importance: 'local-fast' } });
    // п.10.2: 14 calendar days; one ending on a day off ends on the next working day (Civil Code art. 193).
    expect(answer.due).toBe(ctx.workTime.onWorkingDay(events[0]!.at.getTime() + 14 * DAY, 1));
    expect(answer.clause).toBe('п.10.2');
  });
});

describe('sobolevo-2021 п.18: the head shortens the term', () => {
  let h: TestHarness;
  const HEAD = 301;
  beforeAll(async () => {
    h = await testHarness({ orgPath: orgWith('sobolevo-2021', 'Asia/Kamchatka') });
  });
  afterAll(async () => h?.dispose());

  it('offers the head the hours in the heads\' chat once routed, and the answer is due by them', async () => {
    const id = await citizenWrites(h, 690004, 'Дорога в с. Антоновка не чищена, автобус не ходит');
    const curators = h.org.chats.curators;
    expect(buttonsOf(h, curators, id).some((b) => b.text.startsWith('⏱'))).toBe(false); // the head's decision, not the curator's
    await routeAsSuggested(h, id, CURATOR);
    const heads = h.org.chats.heads;
    await until(() => buttonsOf(h, heads, id).find((b) => b.text === '⏱ 4 часа'), 'the head\'s term buttons');
    expect(await press(h, heads, id, CURATOR, '⏱ 4 часа')).toBe(t('refusal-role_not_allowed'));
    expect(await press(h, heads, id, HEAD, '⏱ 4 часа')).toBe('Срок ответа: 4 часа');
    await cardSays(h, curators, id, (x) => x.includes('⏱ Срок ответа: 4 часа (установил(а) руководитель)'), 'the term on the curators\' card');
    const { ctx } = h.system;
    const { events, answer } = await answerOf(h, id);
    expect(answer.due).toBe(ctx.workTime.addWorkingHours(events[0]!.at.getTime(), 4));
    expect(answer.clause).toContain('п.18');
  });
});

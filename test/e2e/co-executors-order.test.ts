/**
 * ivanovo-2020 п.15: the curator sets the order of the departments; each
 * co-executor's two hours count from when the message reaches it in that
 * order — the second department's part timer starts when the first's part is
 * submitted, not at routing — and the parts go to the curator (its card
 * carries them). The last department writes the joint answer.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG, type Harness } from '../../shared/sandbox/demo/harness.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { deadlines } from '../../shared/core/sla/index.js';
import { testHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201;
const HOUSING = 202;
const HOUSING_CHAT = -1001000000010;

let h: Harness;
let stop: () => Promise<void>;
beforeAll(async () => {
  // The example organisation under Ivanovo's order, with a third department (parks) and its executor.
  const text = readFileSync(EXAMPLE_ORG, 'utf8')
    .replace(/^profile: .*$/m, 'profile: ivanovo-2020')
    .replace(/^timezone: .*$/m, 'timezone: Europe/Moscow')
    .replace(/^departments:\n/m, 'departments:\n  - { id: parks, name: Отдел благоустройства }\n')
    .replace(/^staff:\n/m, 'staff:\n  - { telegramId: 204, name: Зайцев Илья, roles: [executor], department: parks }\n');
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, text);
  const th = await testHarness({ orgPath: path });
  h = th;
  stop = () => th.dispose();
});
afterAll(async () => stop?.());

/** The delayed timer jobs of an incident's co-executor timer for one department. */
async function partJobs(id: number, department: string): Promise<string[]> {
  const jobs = await h.system.ctx.queues.queue('timer').getJobs(['delayed', 'waiting']);
  return jobs.map((j) => j.id ?? '').filter((jobId) => jobId.startsWith(`timer-${id}-coExecutor-${department}-`));
}

async function sendPart(id: number, executor: number, chat: number, part: string): Promise<void> {
  await press(h, chat, id, executor, '🙋 Взять');
  await until(() => buttonsOf(h, chat, id).find((b) => b.text === '🧩 Отправить часть'), 'the part button');
  const before = h.telegram.messages(executor).length;
  h.telegram.injectMessage({ chatId: executor, from: executor, text: `/start p${id}` });
  const promptMsg = await until(() => h.telegram.messages(executor).slice(before).find((m) => m.text?.startsWith(`🧩 Сообщение №${id}`)), 'the part prompt');
  // The part goes to the curator here (п.15), and the prompt says so.
  expect(promptMsg.text).toContain('куратор');
  h.telegram.injectMessage({ chatId: executor, from: executor, text: part });
  const preview = await until(
    () => h.telegram.messages(executor).slice(before).reverse().find((m) => m.text?.startsWith('🧩 Часть ответа') && m.replyMarkup),
    'the part preview',
  );
  const send = (preview.replyMarkup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard[0]![0]!;
  const q = h.telegram.injectCallbackQuery({ chatId: executor, messageId: preview.id, from: executor, data: send.callback_data });
  await until(() => h.telegram.callbackAnswer(q), 'the part sent');
}

describe('ivanovo-2020: co-executors timed in the curator\'s order', () => {
  it("starts the second department's part when the first's is submitted, and carries the parts to the curator", async () => {
    const id = await citizenWrites(h, 680101, 'Во дворе на ул. Мира в г. Завитинск: ЖКХ не вывозит мусор, дороги в ямах');
    const curators = h.org.chats.curators;

    // Suggested: housing, then roads; the curator adds parks last. The card numbers the order of the taps.
    // One department routes at once from «🏢 Подразделения»; several are picked behind «Несколько…».
    await press(h, curators, id, CURATOR, '🏢 Подразделения');
    await press(h, curators, id, CURATOR, 'Несколько…');
    await press(h, curators, id, CURATOR, 'Отдел благоустройства');
    await until(() => buttonsOf(h, curators, id).find((b) => b.text === '3. Отдел благоустройства'), 'parks numbered third');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toEqual(
      expect.arrayContaining(['1. Отдел ЖКХ', '2. Отдел дорожного хозяйства', '3. Отдел благоустройства']),
    );
    await press(h, curators, id, CURATOR, '« Назад');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toContain('✅ Направить: Отдел ЖКХ → Отдел дорожного хозяйства → Отдел благоустройства');
    await press(h, curators, id, CURATOR, '✅ Направить');
    await cardSays(h, curators, id, (t) => t.includes('Отдел благоустройства (отв.)'), 'routed with parks responsible');
    const routed = (await loadState(h.system.ctx.database.db, id))!;
    expect(routed.routing!.order).toEqual(['housing', 'roads', 'parks']);

    // Only the first department in the order is timed; roads' turn has not come.
    await until(async () => ((await partJobs(id, 'housing')).length > 0 ? true : undefined), 'housing part timer scheduled');
    expect(await partJobs(id, 'roads')).toEqual([]);
    let co = deadlines(await loadEvents(h.system.ctx.database.db, id), h.system.ctx.profile, h.system.ctx.workTime).filter((d) => d.timer === 'coExecutor');
    expect(co.map((d) => d.department)).toEqual(['housing']);

    await cardSays(h, HOUSING_CHAT, id, (t) => t.includes('Части соисполнителей'), "housing's card");
    await sendPart(id, HOUSING, HOUSING_CHAT, 'Мусор вывезут в среду.');
    const events = await loadEvents(h.system.ctx.database.db, id);
    const housingPart = events.find((e) => e.type === 'part_submitted' && e.data.department === 'housing')!;

    // Now roads' two hours run, from housing's part; housing's timer is gone.
    await until(async () => ((await partJobs(id, 'roads')).length > 0 ? true : undefined), 'roads part timer scheduled');
    await until(async () => ((await partJobs(id, 'housing')).length === 0 ? true : undefined), 'housing part timer removed');
    co = deadlines(events, h.system.ctx.profile, h.system.ctx.workTime).filter((d) => d.timer === 'coExecutor');
    expect(co).toHaveLength(1);
    expect(co[0]).toMatchObject({ department: 'roads', startedAt: housingPart.at.getTime(), state: 'running' });
    expect(co[0]!.startedAt).toBeGreaterThan(routed.routing!.routedAt.getTime());

    // The part reached the curator: the curators' card carries its text, in the order.
    const card = await cardSays(h, curators, id, (t) => t.includes('Мусор вывезут в среду'), "the part on the curators' card");
    expect(card.text).toContain('✓ Отдел ЖКХ → ⏳ Отдел дорожного хозяйства');

    await sendPart(id, ROADS, ROADS, 'Ямочный ремонт — в мае.');
    await until(async () => ((await partJobs(id, 'roads')).length === 0 ? true : undefined), 'roads part timer removed');
    await cardSays(h, curators, id, (t) => t.includes('Ямочный ремонт — в мае'), 'both parts with the curator');
  }, 90_000);
});

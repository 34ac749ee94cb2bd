/**
 * sobolevo-2021 п.9: «В случае увольнения Исполнителя руководитель структурного
 * подразделения … обязан проинформировать об этом Куратора в течение 3
 * календарных дней со дня издания распоряжения об увольнении».
 *
 * The housing head records Морозов's dismissal with `/dismiss` in private; the
 * curators' chat is told at once with his two open messages and the hand-over
 * buttons; from the dismissal day he is no longer staff (his taps are refused);
 * a curator hands both to his colleague in one tap. A dismissal recorded with
 * an order a week old and its work not handed over is reminded of once by the
 * reports' tick, and handed back to routing from the reminder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { loadState } from '../../shared/platform/db/events.js';
import { staffDismissals } from '../../shared/platform/db/schema.js';
import { findStaff } from '../../shared/staffchat/staff/directory.js';
import { dismissalTick } from '../../shared/flows/staff/dismissal.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const ROADS = 201; // Петров Пётр
const HOUSING_HEAD = 202; // Волкова Мария, the housing department's head and one of its executors
const MOROZOV = 203; // Морозов Дмитрий, housing
const HOUSING_CHAT = -1001000000010;

let h: TestHarness;
beforeAll(async () => {
  const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(/^profile: .*$/m, 'profile: sobolevo-2021').replace(/^timezone: .*$/m, 'timezone: Asia/Kamchatka');
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, text);
  h = await testHarness({ orgPath: path });
});
afterAll(async () => h?.dispose());

type Msg = { id: number; text?: string; replyMarkup?: unknown; fromBot?: boolean };
const buttons = (m: Msg) => ((m.replyMarkup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();

async function say(user: number, text: string): Promise<string> {
  const before = h.telegram.messages(user).length;
  h.telegram.injectMessage({ chatId: user, from: user, text });
  const reply = await until(() => h.telegram.messages(user).slice(before).find((m) => m.fromBot && !m.text?.startsWith('Сообщение №')), `the reply to ${text}`);
  return reply.text ?? '';
}

/** A message routed as suggested and taken by `executor` from the card in `chat`. */
async function takenBy(executor: number, chat: number, fromId: number, text: string): Promise<number> {
  const id = await citizenWrites(h, fromId, text);
  await routeAsSuggested(h, id, CURATOR);
  await cardSays(h, chat, id, (t) => t.includes('направлено исполнителю'), 'the department\'s card');
  expect(await press(h, chat, id, executor, '🙋 Взять')).toBe('Взято в работу');
  await cardSays(h, h.org.chats.curators, id, (t) => t.includes('в работе'), 'taken');
  return id;
}

const local = (daysAgo: number) => DateTime.now().setZone(h.org.timezone).minus({ days: daysAgo }).toFormat('dd.MM.yyyy');

describe('sobolevo-2021: an executor\'s dismissal told to the curators (п.9)', () => {
  it('is recorded by the department head, told to the curators with the open work, and handed to a colleague in one tap', async () => {
    const curators = h.org.chats.curators;
    const { db } = h.system.ctx.database;
    const first = await takenBy(MOROZOV, HOUSING_CHAT, 730001, 'Не вывозят мусор во дворе дома 5 в г. Завитинск');
    const second = await takenBy(MOROZOV, HOUSING_CHAT, 730002, 'Течёт крыша в доме 7, управляющая компания ЖКХ не отвечает, г. Завитинск');

    // A colleague of another department may not; the department head may, in private only.
    expect(await say(ROADS, `/dismiss Морозов ${local(0)}`)).toContain('может руководитель его подразделения, куратор или глава');
    expect(await say(HOUSING_HEAD, '/dismiss Морозов')).toContain('Как записать увольнение исполнителя');
    const before = h.telegram.messages(curators).length;
    expect(await say(HOUSING_HEAD, `/dismiss Морозов ${local(0)}`)).toBe(
      `✅ Записано: Морозов Дмитрий — распоряжение об увольнении от ${local(0)}, новые сообщения не получает с ${local(0)}. Кураторы уведомлены; открытых сообщений у исполнителя: 2, кураторы их передадут.`,
    );

    const notice = await until(() => h.telegram.messages(curators).slice(before).find((m) => m.text?.startsWith('👋 Увольнение исполнителя')), 'the notice to the curators');
    expect(notice.text).toContain(`Морозов Дмитрий (Отдел ЖКХ), распоряжение от ${local(0)}`);
    expect(notice.text).toContain(`Открытые сообщения исполнителя (2): №${first}, №${second}.`);
    expect(notice.text).toContain('По п.9 Положения передача — в течение 3 календарных дней со дня распоряжения.');
    expect(buttons(notice).map((b) => b.text)).toEqual(['↩️ Вернуть куратору на маршрутизацию', '👤 Передать: Волкова Мария']);

    // From the dismissal day he is no longer staff: out of the lookups, his taps refused.
    expect(await findStaff(db, h.org, MOROZOV)).toBeNull();
    const fresh = await citizenWrites(h, 730003, 'Не горит свет в подъезде дома 9 по ЖКХ, г. Завитинск');
    await routeAsSuggested(h, fresh, CURATOR);
    await cardSays(h, HOUSING_CHAT, fresh, (t) => t.includes('направлено исполнителю'), 'the new card');
    expect(await press(h, HOUSING_CHAT, fresh, MOROZOV, '🙋 Взять')).toBe('Вас нет в списке сотрудников. Обратитесь к администратору системы.');

    // Only a curator hands the work over.
    const toColleague = buttons(notice).find((b) => b.text === '👤 Передать: Волкова Мария')!.callback_data!;
    expect(await pressData(h, curators, notice.id, HOUSING_HEAD, toColleague)).toBe('Передать сообщения уволенного исполнителя может куратор.');
    expect(await pressData(h, curators, notice.id, CURATOR, toColleague)).toBe('Передано: 2');
    for (const id of [first, second]) {
      const state = (await loadState(db, id))!;
      expect(state.assignees).toEqual({ housing: HOUSING_HEAD });
      expect(state.status).toBe('in_work');
      await cardSays(h, curators, id, (t) => t.includes('Волкова Мария'), `№${id} with the colleague`);
    }
    await until(() => h.telegram.messages(curators).find((m) => m.id === notice.id && m.text?.includes('✅ Иванова Ирина передал(а) Волкова Мария: 2 сообщения.')), 'the notice updated');
    expect(buttons(h.telegram.messages(curators).find((m) => m.id === notice.id)!)).toEqual([]);
    expect(await pressData(h, curators, notice.id, CURATOR, toColleague)).toBe('Сообщения уже переданы.');
    const [row] = await db.select().from(staffDismissals).where(eq(staffDismissals.telegramId, MOROZOV));
    expect(row).toMatchObject({ handedOverBy: CURATOR, recordedBy: HOUSING_HEAD });
    expect(row!.appliedAt).not.toBeNull();
    // The tick now has nothing to remind of about him.
    expect((await dismissalTick(h.system.ctx, new Date(Date.now() + 10 * 86_400_000))).join()).not.toContain(`dismissal ${row!.id}`);
  }, 90_000);

  it('reminds the curators once when the work is not handed over within 3 calendar days of the order; handed back to routing from the reminder', async () => {
    const curators = h.org.chats.curators;
    const { db } = h.system.ctx.database;
    const held = await takenBy(ROADS, ROADS, 730010, 'Яма на дороге в с. Антоновка у почты');
    // The order was a week ago and the dismissal day is a week ahead: he still works until then.
    expect(await say(CURATOR, `/dismiss Петров ${local(7)} ${local(-7)}`)).toContain('открытых сообщений у исполнителя: 1');
    expect(await findStaff(db, h.org, ROADS)).not.toBeNull();

    const now = new Date();
    const first = await dismissalTick(h.system.ctx, now);
    expect(first.join()).toMatch(/dismissal \d+: hand-over reminder/);
    expect(await dismissalTick(h.system.ctx, now)).toEqual([]);
    const reminder = await until(() => h.telegram.messages(curators).find((m) => m.text?.startsWith('⏰ Напоминание (п.9 Положения): Петров Пётр')), 'the reminder');
    expect(reminder.text).toContain(`уволен(а) по распоряжению от ${local(7)}, а открытые сообщения не переданы`);
    expect(reminder.text).toContain(`№${held}`);

    expect(await pressData(h, curators, reminder.id, CURATOR, buttons(reminder).find((b) => b.text.startsWith('↩️ Вернуть куратору'))!.callback_data!)).toBe('Передано: 1');
    const state = (await loadState(db, held))!;
    expect(state.status).toBe('returned');
    expect(state.removals.at(-1)).toMatchObject({ executorId: ROADS, cause: 'dismissed', returnedToCurator: true });
    await cardSays(h, curators, held, (t) => t.includes('Исполнитель Петров Пётр (Отдел дорожного хозяйства) уволен — сообщение вернулось куратору'), 'the card says why');

    // His dismissal day comes: the tick takes him out of the lookups.
    expect((await dismissalTick(h.system.ctx, new Date(now.getTime() + 8 * 86_400_000))).join()).toContain('1 dismissal(s) took effect');
    expect(await findStaff(db, h.org, ROADS)).toBeNull();
  }, 90_000);
});

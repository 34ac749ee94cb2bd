/**
 * The escalation ladder end to end, on a clock 600 times faster than the
 * wall from Monday 10:00 in the organisation's zone (round-the-clock weekdays): the reminder, the miss
 * and the escalation of a deadline arrive once each in the right chats;
 * an away executor's reminders go to the substitute; the duty officer hands
 * the message over with one tap; two firings of one step send once; after
 * Redis lost everything the reconciler brings a timer back, and it fires once.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, laneMessages, staffAway, timerFirings } from '../../shared/platform/db/schema.js';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { fireTimer } from '../../shared/flows/deadlines/fire.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { planForEvents } from '../../shared/flows/deadlines/schedule.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const SPEED = 600;
const ZONE = 'Asia/Yakutsk';
// Monday 23 November 2026, 10:00 in Zavitinsk: a working day.
const V0 = DateTime.fromISO('2026-11-23T10:00', { zone: ZONE }).toMillis();
const R0 = Date.now();
const clock = { speed: SPEED, start: R0, now: () => new Date(V0 + (Date.now() - R0) * SPEED) };

const CURATOR = 101;
const ROADS = 201; // Петров Пётр, roads: no department chat
const ROADS_2 = 204; // Орлов Игорь, roads (added below)
const ROADS_HEAD = 301;
const DUTY = 401;

let h: TestHarness;
let org: string;

beforeAll(async () => {
  // The example organisation, with a second roads executor, a head for roads, and the draft due 30 min after routing.
  const text = readFileSync(EXAMPLE_ORG, 'utf8')
    .replace('{ id: roads, name: Отдел дорожного хозяйства, topics: [Дороги] }', '{ id: roads, name: Отдел дорожного хозяйства, head: 301, topics: [Дороги] }')
    .replace('  - { telegramId: 301,', '  - { telegramId: 204, name: Орлов Игорь, roles: [executor], department: roads }\n  - { telegramId: 301,')
    .replace('profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nprofileOverrides: { timers: { draft: { duration: "7h" } } }\n')
    // Round-the-clock weekdays: the fast clock may run past 18:00 while the file runs (working hours are the planner's tests' business).
    .replace('timezone: Asia/Yakutsk\n', 'timezone: Asia/Yakutsk\nschedule: { mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"], fri: ["00:00-24:00"] }\n');
  org = join(mkdtempSync(join(tmpdir(), 'otklik-timers-')), 'org.yaml');
  writeFileSync(org, text);
  h = await testHarness({ clock, orgPath: org });
});
afterAll(async () => h?.dispose());

/** A citizen's VK message detected at a chosen (virtual) instant, through the real ingest job. */
async function messageAt(fromId: number, text: string, at: number): Promise<number> {
  const { db } = h.system.ctx.database;
  const event = messageNew({ groupId: h.vk.group.id, fromId, text });
  const { secret: _s, ...payload } = event;
  const { id } = await storeInboundEvent(db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
  await db.update(inboundEvents).set({ receivedAt: new Date(at) }).where(eq(inboundEvents.id, id));
  await h.system.ctx.queues.enqueue('ingest', { inboundEventId: id });
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text.slice(0, 30)) && m.replyMarkup), 'the card');
  return Number(/№(\d+)/.exec(card.text!)![1]);
}

async function ask(userId: number, text: string): Promise<string> {
  const before = h.telegram.messages(userId).length;
  h.telegram.injectMessage({ chatId: userId, from: userId, text });
  const reply = await until(() => h.telegram.messages(userId).slice(before).find((m) => m.fromBot && !m.text?.includes('сообщение №')), `the reply to ${text}`);
  return reply.text ?? '';
}

const said = (chatId: number, needle: string) => h.telegram.messages(chatId).filter((m) => m.text?.includes(needle));

describe('the ladder of a curator\'s deadline (route, 30 working minutes)', () => {
  it('reminds the curators, tells them and records the miss at the due, then pings the duty officers once', async () => {
    const detected = clock.now().getTime();
    const id = await messageAt(640001, 'Не вывозят мусор на ул. Ленина третью неделю', detected);
    const curators = h.org.chats.curators;
    const reminder = await until(() => said(curators, `Напоминание: сообщение №${id} — направить`)[0], 'the reminder', 20_000);
    // Sent 10 minutes before the due; at 600× a moment in the lane is minutes on this clock, so only the
    // wording is checked here (shared/core/sla/plan.test.ts pins the instant).
    expect(reminder.text).toMatch(/осталось \d+ мин\. Сейчас у: кураторы\./);
    // A reply to the card it is about, in the chat that shows the card.
    const card = h.telegram.messages(curators).find((m) => m.text?.startsWith(`Сообщение №${id} `));
    expect(reminder.replyTo).toBe(card!.id);
    const due = await until(() => said(curators, `Срок истёк: сообщение №${id} — направить`)[0], 'the miss', 20_000);
    expect(due.text).toContain('Сейчас у: кураторы');
    const escalation = await until(() => said(h.org.chats.duty, `Эскалация: сообщение №${id} — направить`)[0], 'the escalation', 30_000);
    expect(escalation.text).toMatch(/просрочено на (29|30|31) мин/);

    const miss = await h.system.ctx.database.db.select().from(timerFirings).where(and(eq(timerFirings.incidentId, id), eq(timerFirings.step, 'due')));
    expect(miss.map((m) => m.timer)).toEqual(['route']);
    // The route deadline was 30 working minutes after detection.
    expect(miss[0]!.due.getTime() - detected).toBeGreaterThanOrEqual(30 * 60_000);
    // Once each: wait a little more (virtual half hour) and count.
    await new Promise((r) => setTimeout(r, 3000));
    expect(said(curators, `Напоминание: сообщение №${id} `)).toHaveLength(1);
    expect(said(curators, `Срок истёк: сообщение №${id} `)).toHaveLength(1);
    expect(said(h.org.chats.duty, `Эскалация: сообщение №${id} `)).toHaveLength(1);
  }, 60_000);
});

describe('an executor\'s deadline, the substitute and the duty officer\'s buttons', () => {
  it('sends the reminder to the substitute of the away executor, the miss to the department head, and lets duty hand it over', async () => {
    // Петров says he is away from today on; Орлов stands in. Mistakes first: said, nothing stored.
    expect(await ask(ROADS, '/away 23.11 31.11 Орлов')).toMatch(/^Не понял дату «31\.11»/);
    expect(await ask(ROADS, '/away 23.11 30.11 Пушкин')).toMatch(/^Не нашёл сотрудника «Пушкин»/);
    expect(await ask(ROADS, '/away')).toMatch(/^Отсутствие не отмечено/);
    expect(await ask(ROADS_2, '/away принять')).toBe('Нет запросов, в которых вас просят о замене.');
    // An executor's word alone names no substitute: the request waits for Орлов's consent.
    expect(await ask(ROADS, '/away 23.11 30.11 Орлов')).toMatch(/^Запрос отправлен: Орлов Игорь станет вашим заместителем с 23\.11\.2026 по 30\.11\.2026/);
    expect(said(ROADS_2, 'Коллега Петров Пётр просит вас о замене с 23.11.2026 по 30.11.2026')).toHaveLength(1);
    expect(await h.system.ctx.database.db.select().from(staffAway)).toMatchObject([{ userId: ROADS, substituteId: ROADS_2, acceptedAt: null }]);
    expect(await ask(ROADS, '/away')).toMatch(/^Вас нет с 23\.11\.2026 по 30\.11\.2026 включительно; заместитель — Орлов Игорь, но его согласие ещё не получено/);
    expect(await ask(ROADS_2, `/away принять ${ROADS}`)).toBe('Вы согласились заменять коллегу с 23.11.2026 по 30.11.2026 включительно: Петров Пётр.');
    await until(() => said(ROADS, 'Заместитель Орлов Игорь согласен')[0], 'the notice of acceptance');
    expect(await ask(ROADS, '/away')).toBe('Вас нет с 23.11.2026 по 30.11.2026 включительно; заместитель — Орлов Игорь. Отменить: /away off');
    // The fake Telegram counts a private chat's one-message-a-second in real time; the lanes run on the fast clock.
    await new Promise((r) => setTimeout(r, 1500));

    const id = await messageAt(640002, 'Яма на дороге у школы в с. Антоновка, ночью без света', clock.now().getTime());
    const curators = h.org.chats.curators;
    expect(await press(h, curators, id, CURATOR, '✅ Направить')).toMatch(/^Направлено: /);
    expect(await press(h, ROADS, id, ROADS, '🙋 Взять')).toBe('Взято в работу');
    const { db } = h.system.ctx.database;
    const reminder = await until(() => said(ROADS_2, `Напоминание: сообщение №${id} — проект ответа`)[0], 'the reminder to the substitute', 20_000);
    expect(reminder.text).toContain('Сейчас у: Петров Пётр');
    await until(() => said(ROADS_HEAD, `Срок истёк: сообщение №${id} — проект ответа`)[0], 'the miss to the roads head', 20_000);
    // Орлов's private chat took the /away messages just before: its lane may deliver the miss a moment later.
    await until(() => said(ROADS_2, `Срок истёк: сообщение №${id} `)[0], 'the miss to the substitute', 20_000);
    expect(said(ROADS_2, `Срок истёк: сообщение №${id} `)).toHaveLength(1);
    expect(said(ROADS, `Напоминание: сообщение №${id} `)).toHaveLength(0);

    const ping = await until(() => said(h.org.chats.duty, `Эскалация: сообщение №${id} — проект ответа`)[0], 'the escalation', 30_000);
    const keyboard = (ping.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    expect(keyboard.map((b) => b.text)).toEqual(['🙋 Взять себе', '➡️ Орлов Игорь']);
    const take = keyboard[0]!.callback_data;
    const toOrlov = keyboard[1]!.callback_data;

    // The wrong person, then a duty officer who is not the department's executor: polite, nothing changes.
    expect(await pressData(h, h.org.chats.duty, ping.id, ROADS, toOrlov)).toBe('Это действие не для вашей роли.');
    expect(await pressData(h, h.org.chats.duty, ping.id, DUTY, take)).toMatch(/^Взять себе может исполнитель этого подразделения/);
    expect((await loadState(db, id))!.assignees).toEqual({ roads: ROADS });

    expect(await pressData(h, h.org.chats.duty, ping.id, DUTY, toOrlov)).toBe(`Сообщение №${id} передано: Орлов Игорь.`);
    expect((await loadState(db, id))!.assignees).toEqual({ roads: ROADS_2 });
    // The same button again: the message moved on.
    expect(await pressData(h, h.org.chats.duty, ping.id, DUTY, toOrlov)).toMatch(/устарела/);
    expect(await ask(ROADS, '/away off')).toBe('Отсутствие отменено: напоминания снова приходят вам.');
  }, 60_000);

  it('takes a curator\'s absence at once, without asking the substitute', async () => {
    expect(await ask(CURATOR, '/away 23.11 30.11 Иванова')).toMatch(/^Заместителем не может быть сам/);
    expect(await ask(CURATOR, '/away 23.11 30.11 Смирнова')).toBe(
      'Отмечено: вас нет с 23.11.2026 по 30.11.2026 включительно. Напоминания и сроки получит Смирнова Ольга. Отменить: /away off',
    );
    expect(said(102, 'просит вас о замене')).toHaveLength(0);
    const [row] = await h.system.ctx.database.db.select().from(staffAway).where(eq(staffAway.userId, CURATOR));
    expect(row?.acceptedAt).toBeInstanceOf(Date);
    expect(await ask(CURATOR, '/away off')).toBe('Отсутствие отменено: напоминания снова приходят вам.');
  });
});

describe('exactly once', () => {
  it('two workers firing the same step at once send it once', async () => {
    const id = await messageAt(640003, 'Сломана скамейка в парке', clock.now().getTime());
    const { db } = h.system.ctx.database;
    const state = (await loadState(db, id))!;
    // The route due as the planner has it: fire its due step twice, concurrently, by hand.
    const f = planForEvents(h.system.ctx, await loadEvents(db, id)).find((x) => x.timer === 'route' && x.step === 'due')!;
    // 30 working minutes after detection (lunch may fall in between).
    expect(h.system.ctx.workTime.workingMinutesBetween(state.detectedAt, f.due)).toBe(30);
    const p = { incidentId: id, timer: 'route', department: '', step: 'due' as const, due: f.due };
    const outcomes = await Promise.all([fireTimer(h.system.ctx, p, catalog.timer.jobId(p)), fireTimer(h.system.ctx, p, catalog.timer.jobId(p))]);
    expect(outcomes.sort()).toEqual(['already fired', 'due to 1 chats']);
    await until(() => said(h.org.chats.curators, `Срок истёк: сообщение №${id} `).length > 0, 'the miss');
    // And the scheduled job, when its time comes, finds the claim taken.
    await new Promise((r) => setTimeout(r, 6000));
    expect(said(h.org.chats.curators, `Срок истёк: сообщение №${id} `)).toHaveLength(1);
    const rows = await db.select().from(laneMessages).where(eq(laneMessages.key, catalog.timer.jobId(p)));
    expect(rows).toHaveLength(1);
  }, 60_000);

  it('after Redis lost its data, the reconciler re-creates the timer and it fires once', async () => {
    const id = await messageAt(640004, 'Не горят фонари на ул. Садовой', clock.now().getTime());
    await h.flushRedis();
    await h.system.ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true });
    await until(() => said(h.org.chats.curators, `Напоминание: сообщение №${id} `)[0], 'the reminder after the flush', 20_000);
    await until(() => said(h.org.chats.duty, `Эскалация: сообщение №${id} `)[0], 'the escalation after the flush', 30_000);
    await new Promise((r) => setTimeout(r, 3000));
    expect(said(h.org.chats.curators, `Напоминание: сообщение №${id} `)).toHaveLength(1);
    expect(said(h.org.chats.curators, `Срок истёк: сообщение №${id} `)).toHaveLength(1);
    expect(said(h.org.chats.duty, `Эскалация: сообщение №${id} `)).toHaveLength(1);
  }, 60_000);
});

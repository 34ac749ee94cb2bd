/**
 * Reports end to end: a head's /report in the heads' chat brings the chart as
 * a photo with the Russian summary and the workbook as a document; the
 * delivery happens once however often it is asked for; others are refused
 * politely.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, until } from '../../shared/sandbox/demo/staff.js';
import { deliverReport } from '../../shared/flows/reports/deliver.js';
import { previousPeriod } from '../../shared/core/analytics/periods.js';
import { deliverDeficiencies } from '../../shared/flows/reports/deficiencies.js';
import { TICK_PATTERN, TICK_SCHEDULER_ID } from '../../shared/core/analytics/schedule.js';
import { reportTick } from '../../shared/flows/reports/tick.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;
const HEAD = 301;
let heads = 0;
let incident = 0;

beforeAll(async () => {
  h = await testHarness();
  heads = h.org.chats.heads;
  const id = await citizenWrites(h, 690001, 'Яма на дороге в с. Антоновка у магазина');
  incident = id;
  await routeAsSuggested(h, id, CURATOR);
  await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'routed');
});
afterAll(async () => h?.dispose());

async function ask(chatId: number, from: number, text: string) {
  const before = h.telegram.messages(chatId).length;
  h.telegram.injectMessage({ chatId, from, text });
  return until(() => h.telegram.messages(chatId).slice(before).find((m) => m.fromBot), `the reply to ${text}`);
}

describe('/report', () => {
  it('sends this week’s chart with its summary, then the workbook, to the heads’ chat', async () => {
    const today = DateTime.now().setZone(h.org.timezone).toFormat('dd.MM.yyyy');
    const before = h.telegram.messages(heads).length;
    const ack = await ask(heads, HEAD, `/report week ${today}`);
    expect(ack.text).toMatch(/^Готовлю отчёт за \d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}/);
    const [photo, doc] = await until(() => {
      const sent = h.telegram.messages(heads).slice(before).filter((m) => m.photo || m.document);
      return sent.length >= 2 ? sent : null;
    }, 'the photo and the workbook');
    expect(photo!.photo).toBeDefined();
    expect(photo!.caption).toContain('Администрация Завитинского района. Неделя');
    expect(photo!.caption).toContain('поступило 1 сообщение');
    expect(doc!.document?.file_name).toMatch(/^Отчёт \d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}\.xlsx$/);
    const file = h.telegram.file(doc!.document!.file_id)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Сводка', 'По подразделениям', 'По исполнителям', 'Просрочено', 'Топ сообщений']);
    const png = h.telegram.file(photo!.photo!.at(-1)!.file_id)!;
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('delivers a periodic report once, however often the job runs', async () => {
    const period = previousPeriod('week', new Date(), h.org.timezone);
    const d = { key: 'week', kind: 'week' as const, from: period.from.getTime(), to: period.to.getTime(), chatId: heads };
    const before = h.telegram.messages(heads).length;
    expect(await deliverReport(h.system.ctx, d)).toBe('delivered week');
    expect(await deliverReport(h.system.ctx, d)).toBe('already delivered week');
    const sent = h.telegram.messages(heads).slice(before);
    expect(sent.filter((m) => m.photo)).toHaveLength(1);
    expect(sent.filter((m) => m.document)).toHaveLength(1);
  });

  it('refuses an executor politely and explains bad arguments', async () => {
    expect((await ask(ROADS, ROADS, '/report week')).text).toContain('доступны руководителям и кураторам');
    // Not in a group other than the heads' chat, and nothing is queued for it.
    const curators = h.org.chats.curators;
    expect((await ask(curators, CURATOR, '/report week')).text).toContain('В этом чате отчёт не пришлю');
    const jobs = await h.system.ctx.queues.queue('report').getJobs();
    expect(jobs.filter((j) => j.data.chatId === curators)).toEqual([]);
    expect((await ask(CURATOR, CURATOR, '/report year')).text).toContain('Как заказать отчёт');
    expect((await ask(CURATOR, CURATOR, '/report week 32.13.2025')).text).toContain('Не удалось прочитать дату');
    expect((await ask(CURATOR, CURATOR, '/report 15.04.2025 01.04.2025')).text).toContain('Первая дата позже второй');
  });
});

describe('the reports’ clock', () => {
  it('is a job scheduler in the organisation’s zone', async () => {
    const scheduler = await h.system.ctx.queues.queue('reportTick').getJobScheduler(TICK_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: TICK_PATTERN, tz: 'Asia/Yakutsk' });
  });

  it('on Monday morning in Yakutsk sends the week’s report to the heads’ chat, once', async () => {
    // The coming Monday, 09:05 in the organisation's zone (Asia/Yakutsk, UTC+9: 00:05 UTC).
    const monday = DateTime.now().setZone(h.org.timezone).startOf('week').plus({ weeks: 1, hours: 9, minutes: 5 });
    const sunday = monday.minus({ days: 1 });
    expect(await reportTick(h.system.ctx, sunday.toJSDate())).toBe('nothing due');
    const before = h.telegram.messages(heads).length;
    expect(await reportTick(h.system.ctx, monday.toJSDate())).toContain('week report queued');
    const sent = await until(() => {
      const files = h.telegram.messages(heads).slice(before).filter((m) => m.photo || m.document);
      return files.length >= 2 ? files : null;
    }, 'the weekly report');
    expect(sent[0]!.caption).toContain(`Неделя ${monday.minus({ weeks: 1 }).toFormat('dd.MM.yyyy')} — ${sunday.toFormat('dd.MM.yyyy')}`);
    // The delivery is recorded just after the workbook goes out: from then on a tick queues nothing, and
    // a tick that raced that write queued a job that sends nothing twice.
    const later = monday.plus({ minutes: 15 }).toJSDate();
    await until(async () => ((await reportTick(h.system.ctx, later)).includes('week report queued') ? undefined : true), 'the delivery recorded');
    const jobs = h.system.ctx.queues.queue('report');
    await until(async () => {
      const c = await jobs.getJobCounts('waiting', 'active', 'delayed');
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0 || undefined;
    }, 'every report job done');
    expect(h.telegram.messages(heads).slice(before).filter((m) => m.photo)).toHaveLength(1);
  });

  it('sends the deficiencies once, naming the incident and its missed stages; nothing when there were none', async () => {
    // Thirty days on, every open stage of the routed incident is past its due.
    const later = new Date(Date.now() + 30 * 24 * 3600_000);
    const window = { from: Date.now() - 24 * 3600_000, to: later.getTime(), day: '2026-01-01' };
    const before = h.telegram.messages(heads).length;
    const outcome = await deliverDeficiencies(h.system.ctx, window, later);
    expect(outcome).toMatch(/^deficiencies of 2026-01-01: \d+$/);
    const message = await until(
      () => h.telegram.messages(heads).slice(before).find((m) => m.text?.startsWith('📋 Недостатки за 01.01.2026')),
      'the deficiencies',
      // The heads' chat has just had its photos and workbooks: the lane waits for the group's send budget.
      60_000,
    );
    expect(message.text).toContain(`№${incident} ·`);
    expect(message.text).toContain('не выполнено');
    expect(await deliverDeficiencies(h.system.ctx, window, later)).toBe('deficiencies of 2026-01-01 already delivered');
    const empty = { from: Date.now() - 400 * 24 * 3600_000, to: Date.now() - 399 * 24 * 3600_000, day: '2025-01-01' };
    expect(await deliverDeficiencies(h.system.ctx, empty, later)).toBe('no deficiencies on 2025-01-01');
    // Counted by day: the Monday tick above may have queued the real previous working day's deficiencies
    // (the incident, made today, falls on it when today is that Friday in Yakutsk), and they may arrive now.
    const sentFor = (day: string) => h.telegram.messages(heads).slice(before).filter((m) => m.text?.startsWith(`📋 Недостатки за ${day}`));
    expect(sentFor('01.01.2026')).toHaveLength(1);
    expect(sentFor('01.01.2025')).toHaveLength(0);
  }, 90_000); // as long as the 60 s wait for the heads' chat budget above, and then some
});

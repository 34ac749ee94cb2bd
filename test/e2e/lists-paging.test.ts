/**
 * /overdue lists every one of 600 open incidents, the oldest deadline first,
 * through its ◀/▶ pages; an executor pages through their department's only;
 * /find finds a closed incident. The incidents are registered through the
 * same statement intake uses (its list row included) and moved through the
 * same command path staff use, not through 600 webhook round trips; the bot
 * answers over the fake Telegram. No worker: the lists need none, and 600
 * overdue incidents would otherwise fire 1,800 timers meanwhile.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { registerIncident } from '../../shared/flows/intake/incidents.js';
import { projectorOf } from '../../shared/flows/lists/projection.js';
import { runCommand } from '../../shared/flows/command/run.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { nextDeadline } from '../../shared/staffchat/cards/deadline.js';
import { pressData, until } from '../../shared/sandbox/demo/staff.js';
import type { CommandInput } from '../../shared/core/incident/index.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;
const OPEN = 600;
/** Routed to roads among them: every tenth. */
const roads: number[] = [];
const all: number[] = [];
let closed = 0;
/** The app's clock: set back to the seeding days while staff route, so every deadline has passed by today. */
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };

beforeAll(async () => {
  h = await testHarness({ worker: false, clock });
  const ctx = h.system.ctx;
  const { db } = ctx.database;
  const projector = projectorOf(ctx.settings);
  // Forty days ago, a minute apart: every deadline has passed, each later than the one before (or equal, outside working hours).
  const start = Date.now() - 40 * 24 * 3600_000;
  const { rows } = await db.$client.query<{ id: string }>(
    `insert into inbound_events (network, event_key, type, payload) select 'vk', 'seed-' || g, 'message_new', '{}'::jsonb from generate_series(1, ${OPEN + 1}) g returning id`,
  );
  for (let i = 0; i <= OPEN; i += 1) {
    const at = new Date(start + i * 60_000);
    const { incidentId } = await registerIncident(db, {
      message: {
        network: 'vk',
        kind: 'direct',
        sourceKey: `dm:seed:${i}`,
        thread: { peerId: 800_000 + i, messageId: i + 1 },
        author: { id: String(800_000 + i) },
        text: i % 10 === 0 ? `Яма на дороге номер ${i}` : `Обращение номер ${i}: не горит фонарь`,
        attachments: [],
        postedAt: at,
      },
      inboundEventId: Number(rows[i]!.id),
      detectedAt: at,
      profile: ctx.profile.id,
      projector,
    });
    all.push(incidentId);
  }
  const curator = { role: 'curator' as const, userId: CURATOR };
  const run = async (id: number, command: Record<string, unknown>) => {
    const state = await loadState(db, id);
    const outcome = await runCommand(ctx, id, curator, { ...command, expectedVersion: state!.version } as CommandInput);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  };
  // Every tenth to roads, routed the day they came; the last one rejected (closed to the lists, found by /find).
  offset = start + (OPEN + 60) * 60_000 - Date.now();
  for (const [i, id] of all.entries()) {
    if (i === OPEN) {
      await run(id, { type: 'reject', reason: 'abuse' });
      closed = id;
    } else if (i % 10 === 0) {
      await run(id, { type: 'triage', topics: ['Дороги'], location: 'г. Завитинск', importance: 'normal', sociallySignificant: false });
      await run(id, { type: 'route', departments: ['roads'] });
      roads.push(id);
    }
  }
  all.pop();
  offset = 0;
}, 180_000);
afterAll(async () => h?.dispose());

type Markup = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

/** Sends a list command and pages with ▶ to the end; returns the numbers in the order shown. */
async function pageThrough(userId: number, command: string): Promise<{ ids: number[]; pages: number; first: string }> {
  const before = h.telegram.messages(userId).length;
  h.telegram.injectMessage({ chatId: userId, from: userId, text: command });
  const list = await until(() => h.telegram.messages(userId).slice(before).find((m) => m.fromBot), `the answer to ${command}`);
  const numbers = (text: string) => [...text.matchAll(/^№(\d+) ·/gm)].map((m) => Number(m[1]));
  const ids = numbers(list.text!);
  const pages = Number(/Страница 1 из (\d+)/.exec(list.text!)?.[1] ?? 1);
  for (let page = 2; page <= pages; page += 1) {
    const current = h.telegram.messages(userId).find((m) => m.id === list.id)!;
    const next = (current.replyMarkup as Markup).inline_keyboard.flat().find((b) => b.text === '▶')!;
    await pressData(h, userId, list.id, userId, next.callback_data);
    const shown = await until(() => {
      const m = h.telegram.messages(userId).find((x) => x.id === list.id);
      return m?.text?.includes(`Страница ${page} из ${pages}`) ? m : undefined;
    }, `page ${page}`, 30_000);
    ids.push(...numbers(shown.text!));
  }
  return { ids, pages, first: list.text! };
}

it('/overdue lists all 600 open incidents, the oldest deadline first, page by page', { timeout: 180_000 }, async () => {
  const { ids, pages, first } = await pageThrough(CURATOR, '/overdue');
  expect(first).toMatch(/^Просрочено \(600\), самые давние сверху:/);
  expect(pages).toBe(30);
  // None missing, none twice, in the order of the deadlines the cards show (replayed from each stream here).
  const ctx = h.system.ctx;
  const due = new Map<number, number>();
  for (const id of all) due.set(id, nextDeadline(await loadEvents(ctx.database.db, id), ctx.profile, ctx.workTime)!.due.getTime());
  expect(ids).toEqual([...all].sort((a, b) => due.get(a)! - due.get(b)! || a - b));
  expect(Math.max(...due.values())).toBeLessThan(Date.now());
  expect(ids).not.toContain(closed);
});

it('an executor pages through their own department\'s only; /find reaches a closed incident', { timeout: 120_000 }, async () => {
  const { ids } = await pageThrough(ROADS, '/overdue');
  expect([...ids].sort((a, b) => a - b)).toEqual(roads);
  const found = await pageThrough(CURATOR, `/find ${closed}`);
  expect(found.ids).toEqual([closed]);
  expect(found.first).toContain('не подлежит обработке');
  // By words, newest first, closed ones included.
  const words = await pageThrough(CURATOR, '/find Яма на дороге');
  expect(words.ids).toEqual([closed, ...[...roads].reverse()]);
  const [{ n } = { n: 0 }] = (await h.system.ctx.database.db.execute<{ n: number }>(sql`select count(*)::int as n from incident_list where not open`)).rows;
  expect(n).toBe(1);
});

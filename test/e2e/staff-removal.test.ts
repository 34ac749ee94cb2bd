/**
 * A dismissed executor's incidents go back to the curator: an invited roads
 * executor holds one message in work, one half-drafted and one on approval;
 * `/revoke` gives the first two back to the curators (the card says who was
 * dismissed, the audit says why, routing starts again) and leaves the one the
 * approver holds; the admin is told how many; a second `/revoke` changes
 * nothing. When a worker starts, work held by someone the organisation file
 * no longer lists goes back the same way.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentEvents, incidents } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardIn, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { releaseDeparted } from '../../shared/flows/staff/removal.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { payloadOf, planForEvents } from '../../shared/flows/deadlines/schedule.js';
import { loadEvents, loadState } from '../../shared/platform/db/events.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const ADMIN = 501;
const CURATOR = 101;
const ROADS = 201; // Петров Пётр, in the file
const INVITED = 778001;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

async function say(user: number, text: string, name?: { first_name: string; last_name?: string }): Promise<string> {
  const before = h.telegram.messages(user).length;
  h.telegram.injectMessage({ chatId: user, from: name ? { id: user, ...name } : user, text });
  const reply = await until(() => h.telegram.messages(user).slice(before).find((m) => m.from?.is_bot && !m.text?.startsWith('Сообщение №')), `the reply to ${text}`);
  return reply.text ?? '';
}

/** A roads message routed and taken by `executor` from the card in their private chat (roads has no chat). */
async function takenBy(executor: number, fromId: number, text: string): Promise<number> {
  const id = await citizenWrites(h, fromId, text);
  await routeAsSuggested(h, id, CURATOR);
  await cardSays(h, executor, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
  expect(await press(h, executor, id, executor, '🙋 Взять')).toBe('Взято в работу');
  await cardSays(h, h.org.chats.curators, id, (t) => t.includes('в работе'), 'taken');
  return id;
}

const removals = async (id: number) =>
  h.system.ctx.database.db.select().from(incidentEvents).where(and(eq(incidentEvents.incidentId, id), eq(incidentEvents.type, 'executor_removed')));
const NOTICE = (name: string) => `Исполнитель ${name} (Отдел дорожного хозяйства) отстранён — сообщение вернулось куратору`;

describe('a revoked executor', () => {
  it('has their open work given back to the curators, once, and the admin hears how much', async () => {
    const link = /start=(inv-[A-Za-z0-9_-]+)/.exec(await say(ADMIN, '/invite executor roads'))![1]!;
    expect(await say(INVITED, `/start ${link}`, { first_name: 'Егор', last_name: 'Белов' })).toContain('Вы подключены');

    const inWork = await takenBy(INVITED, 694001, 'Яма на дороге в с. Антоновка у моста');
    const drafting = await takenBy(INVITED, 694002, 'Разбита дорога на ул. Ленина в г. Завитинск');
    const before = h.telegram.messages(INVITED).length;
    h.telegram.injectMessage({ chatId: INVITED, from: INVITED, text: `/start d${drafting}` });
    await until(() => h.telegram.messages(INVITED).slice(before).find((m) => m.text?.startsWith(`✍️ Сообщение №${drafting}`)), 'the draft prompt');
    const approval = await takenBy(INVITED, 694003, 'Не чистят дорогу к школе в с. Антоновка');
    await writeDraft(h, approval, INVITED, INVITED, 'Здравствуйте! Дорогу расчистят завтра.', { take: false });
    const { db } = h.system.ctx.database;
    expect((await loadState(db, drafting))!.status).toBe('drafting');
    expect((await loadState(db, approval))!.status).toBe('on_approval');

    const reply = await say(ADMIN, `/revoke ${INVITED}`);
    expect(reply).toBe(`Доступ сотрудника ${INVITED} отозван.\nВозвращено куратору: 2 сообщения.`);

    for (const id of [inWork, drafting]) {
      await cardSays(h, h.org.chats.curators, id, (t) => t.includes(NOTICE('Егор Белов')), `the notice on №${id}`);
      const state = (await loadState(db, id))!;
      expect(state.status).toBe('returned');
      expect(state.assignees).toEqual({});
      // The audit says who was removed and why, done by the worker (no person's id).
      const [row] = await removals(id);
      expect(row).toMatchObject({ actorId: null, data: { executorId: INVITED, name: 'Егор Белов', cause: 'revoked', released: ['roads'], returnedToCurator: true } });
      // Routing is the curator's again, with its timer counted from the return.
      const route = planForEvents(h.system.ctx, await loadEvents(db, id)).filter((f) => f.timer === 'route');
      expect(route.map((f) => f.step)).toContain('due');
      expect(route.every((f) => f.due > row!.at.getTime())).toBe(true);
      // …and its jobs are in the queue.
      for (const f of route) expect(await h.system.ctx.queues.queue('timer').getJob(catalog.timer.jobId(payloadOf(id, f))), `${f.step} job`).toBeDefined();
    }
    // The curators have the routing buttons back.
    expect(cardIn(h, h.org.chats.curators, inWork)!.replyMarkup).toBeTruthy();
    // The draft on approval is the approver's now: it stays where it is.
    expect((await loadState(db, approval))!.status).toBe('on_approval');
    expect(await removals(approval)).toEqual([]);

    // Nothing twice: a repeated /revoke finds nothing, and no incident changes.
    const versions = await Promise.all([inWork, drafting, approval].map(async (id) => (await loadState(db, id))!.version));
    expect(await say(ADMIN, `/revoke ${INVITED}`)).toContain('Нечего отзывать');
    expect(await Promise.all([inWork, drafting, approval].map(async (id) => (await loadState(db, id))!.version))).toEqual(versions);

    // The curator routes it again and a colleague takes it: nothing was lost.
    await routeAsSuggested(h, inWork, CURATOR);
    await cardSays(h, ROADS, inWork, (t) => t.includes('направлено исполнителю'), 'the colleague\'s card');
    expect(await press(h, ROADS, inWork, ROADS, '🙋 Взять')).toBe('Взято в работу');
    await cardSays(h, h.org.chats.curators, inWork, (t) => t.includes('Петров Пётр'), 'taken by the colleague');
  }, 90_000);

  it('is not something a curator can do', async () => {
    expect(await say(CURATOR, `/revoke ${ROADS}`)).toBe('Приглашать сотрудников может только администратор системы.');
  });
});

describe('someone taken out of the organisation file', () => {
  it('has their work given back when a worker starts; the rest stay as they are', { timeout: 60_000 }, async () => {
    const id = await takenBy(ROADS, 694010, 'Яма на дороге в с. Антоновка у клуба');
    const { db } = h.system.ctx.database;
    const ctx = h.system.ctx;
    // The worker starts with a file that no longer lists Петров.
    const without = { ...ctx, org: { ...ctx.org, staff: ctx.org.staff.filter((s) => s.telegramId !== ROADS) } };
    // Петров holds this one, and the one he took over from the revoked executor above.
    const all = await Promise.all((await db.select({ id: incidents.id }).from(incidents)).map((r) => loadState(db, r.id)));
    const held = all.filter((s) => s && Object.values(s.assignees).includes(ROADS) && s.status === 'in_work');
    expect(held.map((s) => s!.incidentId).sort()).toEqual([1, id]);
    expect(await releaseDeparted(without)).toEqual({ returned: held.length, released: 0 });
    expect((await loadState(db, id))!.status).toBe('returned');
    expect((await removals(id))[0]).toMatchObject({ data: { executorId: ROADS, cause: 'left_staff' } });
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('вернулось куратору'), 'the notice');
    // Everyone still in the file keeps their work, and a second start changes nothing.
    expect(await releaseDeparted(ctx)).toEqual({ returned: 0, released: 0 });
    expect(await releaseDeparted(without)).toEqual({ returned: 0, released: 0 });
  });
});

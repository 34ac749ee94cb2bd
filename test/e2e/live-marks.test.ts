/**
 * Live deadlines: the card's deadline line carries its mark (⏳ running,
 * 🔥 30 minutes or less left, ⛔ overdue) and an absolute time in the
 * organisation's zone, never the zone's IANA name; the worker redraws the card
 * when the deadline crosses each threshold, on a clock 1200 times faster than
 * the wall (the curator's 2 hours to route pass in 6 seconds).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents } from '../../shared/platform/db/schema.js';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { cardIn, until } from '../../shared/sandbox/demo/staff.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { reconcile } from '../../shared/flows/reconcile/reconcile.js';
import { catalog } from '../../shared/platform/jobs/catalog.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const SPEED = 1200;
const ZONE = 'Asia/Yakutsk';
// Monday 23 November 2026, 10:00 in Zavitinsk.
const V0 = DateTime.fromISO('2026-11-23T10:00', { zone: ZONE }).toMillis();
const R0 = Date.now();
const clock = { speed: SPEED, start: R0, now: () => new Date(V0 + (Date.now() - R0) * SPEED) };

let h: TestHarness;

beforeAll(async () => {
  const text = readFileSync(EXAMPLE_ORG, 'utf8')
    .replace('profile: zavitinsk-2020\n', 'profile: zavitinsk-2020\nprofileOverrides: { timers: { route: { duration: "2h" } } }\n')
    .replace('timezone: Asia/Yakutsk\n', 'timezone: Asia/Yakutsk\nschedule: { mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"], fri: ["00:00-24:00"] }\n');
  const org = join(mkdtempSync(join(tmpdir(), 'otklik-marks-')), 'org.yaml');
  writeFileSync(org, text);
  h = await testHarness({ clock, orgPath: org });
});
afterAll(async () => h?.dispose());

/** A citizen's VK message detected at a chosen (virtual) instant, through the real ingest job; its curators' card. */
async function writesAt(fromId: number, text: string, at: number) {
  const { db } = h.system.ctx.database;
  const event = messageNew({ groupId: h.vk.group.id, fromId, text });
  const { secret: _s, ...payload } = event;
  const { id: inbound } = await storeInboundEvent(db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
  await db.update(inboundEvents).set({ receivedAt: new Date(at) }).where(eq(inboundEvents.id, inbound));
  await h.system.ctx.queues.enqueue('ingest', { inboundEventId: inbound });
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(text.slice(0, 30)) && m.replyMarkup), 'the card');
  return { id: Number(/№(\d+)/.exec(card.text!)![1]), card };
}

describe('a card\'s deadline line lives', () => {
  it('turns 🔥 with 30 minutes left and ⛔ at the due, showing the due in local time', async () => {
    const detected = clock.now().getTime();
    const chat = h.org.chats.curators;
    const { id, card: first } = await writesAt(650001, 'Не горит светофор на перекрёстке Курсантская и Мухина', detected);

    // The route deadline: two hours after detection, shown as a local time.
    const due = DateTime.fromMillis(detected, { zone: ZONE }).plus({ hours: 2 }).toFormat('HH:mm');
    expect(first.text).toContain(`⏳ Срок: направить до ${due}`);
    expect(first.text).not.toContain('Asia/Yakutsk');
    expect(first.text).not.toContain('осталось');

    const hot = await until(() => (cardIn(h, chat, id)?.text?.includes('🔥') ? cardIn(h, chat, id) : undefined), 'the 🔥 mark', 20_000);
    expect(hot.text).toContain(`🔥 Срок: направить до ${due} — осталось 30 мин или меньше`);
    // Not before its time: at least an hour and a half had passed on the card's clock.
    expect(clock.now().getTime() - detected).toBeGreaterThanOrEqual(90 * 60_000);

    const over = await until(() => (cardIn(h, chat, id)?.text?.includes('⛔') ? cardIn(h, chat, id) : undefined), 'the ⛔ mark', 20_000);
    const dueDate = DateTime.fromMillis(detected, { zone: ZONE }).plus({ hours: 2 }).toFormat('dd.MM HH:mm');
    expect(over.text).toContain(`⛔ Срок истёк: направить до ${dueDate}`);
    expect(over.text).not.toContain('🔥');
    expect(clock.now().getTime() - detected).toBeGreaterThanOrEqual(120 * 60_000);
    // The buttons stay: a redraw is an edit of the same card.
    expect(over.id).toBe(first.id);
    expect(over.replyMarkup).toBeTruthy();
  });

  it('keeps its redraws after Redis lost its data: the reconciler plans them again from the events', async () => {
    const detected = clock.now().getTime();
    const { id } = await writesAt(650002, 'Не работает уличное освещение на ул. Мухина', detected);
    const queue = h.system.ctx.queues.queue('cardMarks');
    const ids = [detected + 90 * 60_000, detected + 120 * 60_000].map((at) => catalog.cardMarks.jobId({ incidentId: id, at }));
    await until(async () => (await Promise.all(ids.map((j) => queue.getJob(j)))).every(Boolean), 'both mark jobs planned');
    await h.flushRedis();
    expect(await queue.getJob(ids[0]!)).toBeUndefined();
    await reconcile(h.system.ctx);
    expect((await Promise.all(ids.map((j) => queue.getJob(j)))).every(Boolean)).toBe(true);
    await until(() => (cardIn(h, h.org.chats.curators, id)?.text?.includes('⛔') ? true : undefined), 'the ⛔ mark after the flush', 20_000);
  });
});

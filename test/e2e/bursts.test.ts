/**
 * Bursts end to end through the fake VK and Telegram: messages one author
 * writes within minutes in one thread join one incident and one card.
 * (Each feature has its own file: one staff chat takes only 20 messages and
 * edits a minute, and these tests would otherwise wait on each other's budget.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidentEvents, incidentMessages, incidents } from '../../shared/platform/db/schema.js';
import { messageNew, postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { cardSays, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { vkCitizens } from '../kit/vk-citizens.js';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness();
});

afterAll(async () => h?.dispose());

const { secret, comment, incidentOf, settled } = vkCitizens(() => h);

const db = () => h.system.ctx.database.db;
const curators = () => h.org.chats.curators;

describe('bursts', () => {
  it('joins messages one author writes within minutes in one thread into one incident, and shows every text on the card', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const first = await incidentOf(await comment(620201, 41, 'Во дворе дома 7 на Школьной третий день прорвана труба', { date: t0 }));
    await cardSays(h, curators(), first.id, (t) => t.includes('прорвана труба'), 'the first card');
    const second = wallReplyNew({ groupId: h.vk.group.id, secret: secret(), fromId: 620201, postId: 41, text: 'Вода уже заливает подвал', date: t0 + 90 });
    // The same message twice at once under two delivery ids (VK re-sending): one of them joins.
    await Promise.all([postVkCallback(h.vkWebhookUrl, second), postVkCallback(h.vkWebhookUrl, { ...second, event_id: 'a'.repeat(40) })]);
    await comment(620201, 41, 'Фото прилагаю, сделайте что-нибудь', { date: t0 + 200, replyToComment: second.object.id });
    await postVkCallback(h.vkWebhookUrl, { ...second, event_id: 'b'.repeat(40) }); // the same message, delivered again under a new id

    const card = await cardSays(h, curators(), first.id, (t) => t.includes('Фото прилагаю'), 'the card with all three texts');
    expect(card.text).toContain('прорвана труба');
    expect(card.text).toContain('Вода уже заливает подвал');
    expect(card.text!.match(/Ещё сообщение/g)).toHaveLength(2);
    await settled();
    expect(await db().select().from(incidents).where(eq(incidents.authorId, '620201'))).toHaveLength(1);
    expect(await db().select().from(incidentMessages).where(eq(incidentMessages.incidentId, first.id))).toHaveLength(2);
    const audit = await db().select().from(incidentEvents).where(eq(incidentEvents.incidentId, first.id));
    expect(audit.filter((e) => e.type === 'author_message_changed').map((e) => e.data.change)).toEqual(['added', 'added']);
    expect(h.telegram.messages(curators()).filter((m) => m.text?.includes('Вода уже заливает подвал'))).toHaveLength(1);
    expect(h.telegram.messages(curators()).filter((m) => m.text?.startsWith(`Сообщение №${first.id} `))).toHaveLength(1); // edited in place
  });

  it('joins a burst whose messages arrive together, before any incident exists, into one incident', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 14_400;
    const dm = (text: string, dt: number) => messageNew({ groupId: h.vk.group.id, secret: secret(), fromId: 620205, text, date: t0 + dt });
    // Typed in a few seconds, delivered at once: one batch for the worker, ingested side by side.
    const burst = [dm('Здравствуйте', 0), dm('У нас в доме 12 нет отопления', 5), dm('Третий день уже', 9), dm('Помогите, пожалуйста', 14)];
    await Promise.all(burst.map((e) => postVkCallback(h.vkWebhookUrl, e)));
    await settled();
    const opened = await db().select().from(incidents).where(eq(incidents.authorId, '620205'));
    expect(opened).toHaveLength(1);
    expect(await db().select().from(incidentMessages).where(eq(incidentMessages.incidentId, opened[0]!.id))).toHaveLength(3);
  });

  it('opens a new incident after the window, in another thread, or from another author', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 7200;
    const first = await incidentOf(await comment(620202, 42, 'Не убран снег у подъезда дома 3', { date: t0 }));
    const late = await incidentOf(await comment(620202, 42, 'Снег так и лежит', { date: t0 + 6 * 60 }));
    const elsewhere = await incidentOf(await comment(620202, 43, 'И на остановке тоже', { date: t0 + 7 * 60 }));
    const neighbour = await incidentOf(await comment(620203, 42, 'Подтверждаю, снег не убран', { date: t0 + 7 * 60 }));
    expect(new Set([first.id, late.id, elsewhere.id, neighbour.id]).size).toBe(4);
  });

  it('joins a private dialog burst too, and folds a long burst within Telegram\'s limit', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 10_800;
    const dm = (text: string, dt: number) => messageNew({ groupId: h.vk.group.id, secret: secret(), fromId: 620204, text, date: t0 + dt });
    const opening = dm('Здравствуйте! '.repeat(300), 0);
    await postVkCallback(h.vkWebhookUrl, opening);
    const id = (await until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, `dm:620204:${opening.object.message.id}`)))[0], 'dm incident')).id;
    for (let i = 1; i <= 9; i++) await postVkCallback(h.vkWebhookUrl, dm(`Сообщение вдогонку ${i}: ${'очень длинный текст '.repeat(60)}`, i * 30));
    // Nine refreshes of one card in a group chat go at Telegram's pace (about one edit in three seconds), coalesced.
    const card = await until(() => {
      const c = h.telegram.messages(curators()).find((m) => m.text?.startsWith(`Сообщение №${id} `));
      return c?.text?.includes('и ещё сообщений: 3') ? c : undefined;
    }, 'the folded burst', 60_000);
    expect(card.text!.length).toBeLessThanOrEqual(4096);
    expect(card.text).toContain('Сообщение вдогонку 6');
    expect(card.text).not.toContain('Сообщение вдогонку 7');
    // Telegram's real edit pace in a group, not the machine, sets how long this takes: up to its 60 s wait above.
  }, 90_000);
});


/**
 * OK (Odnoklassniki) as a citizens' network, end to end through the fake OK
 * and the fake Telegram: a message to the group's chat becomes an incident
 * (once, however often OK delivers it), goes the usual way, and the approved
 * answer with its photo lands in the same OK chat exactly once. The webhook
 * takes nothing from outside the allow-list and never chokes on junk.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, incidents, publications } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { OK_ERRORS } from '../../shared/sandbox/fakes/ok.js';
import { publish as publishJob } from '../../worker/jobs/publish.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;
const okRows = async () => (await db().select().from(incidents)).filter((i) => i.network === 'ok');
const sentTo = (chatId: string) => h.ok.sent.filter((s) => s.chatId === chatId);
const idOf = (text: string) => Number(/№(\d+)/.exec(text)![1]);

describe('OK group chat', () => {
  it('turns a message to the group into one incident and answers in the same chat, with the photo, once', async () => {
    expect(h.ok.subscriptions()).toEqual([h.okWebhookUrl]);
    const { payload, statuses } = await h.ok.citizenWrites({
      userId: 575493468851,
      name: 'Галина Петрова',
      text: 'Здравствуйте! На дороге у остановки в с. Антоновка огромная яма, машины бьют колёса.',
    });
    expect(statuses).toEqual([200]);
    // OK re-sends when it does not hear 200 in time: the same message must not open a second incident.
    expect(await h.ok.deliver(payload)).toEqual([200]);

    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('огромная яма') && m.replyMarkup), 'the curators\' card');
    expect(card.text).toContain('Одноклассники, личное сообщение');
    expect(card.text).toContain('Галина Петрова');
    const id = idOf(card.text!);
    expect((await okRows()).map((r) => r.id)).toEqual([id]);
    const mid = (payload.message as { mid: string }).mid;
    expect((await db().select().from(inboundEvents)).filter((e) => e.network === 'ok' && e.eventKey === mid)).toHaveLength(1);

    await routeAsSuggested(h, id, CURATOR);
    const picture = Buffer.from('fake-jpeg: засыпанная яма');
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте, Галина! Яму у остановки засыпали сегодня, фото прилагаем.', { photo: picture });
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');

    const chatId = h.ok.chatOf(575493468851);
    const [reply] = await until(() => (sentTo(chatId).length ? sentTo(chatId) : undefined), 'the reply in OK');
    expect(reply!.text).toBe('Здравствуйте, Галина! Яму у остановки засыпали сегодня, фото прилагаем.');
    expect(reply!.attachments).toHaveLength(1);
    expect(reply!.attachments[0]!.bytes?.equals(picture)).toBe(true);
    await cardSays(h, curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    const [pub] = await db().select().from(publications).where(eq(publications.incidentId, id));
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: reply!.mid });

    // A replayed publish job finds the incident answered; nothing more reaches OK.
    await db().update(publications).set({ status: 'pending' }).where(eq(publications.id, pub!.id));
    expect(await publishJob.handle({ publicationId: pub!.id }, h.system.ctx)).toBe('moved on');
    expect(sentTo(chatId)).toHaveLength(1);
    expect((await okRows()).map((r) => r.id)).toEqual([id]);
  });

  it('shows OK\'s refusal on the card in plain Russian, with the manual way out', async () => {
    await h.ok.citizenWrites({ userId: 575493468852, name: 'Пётр Лаптев', text: 'Когда отремонтируют дорогу на ул. Полевой в с. Антоновка?' });
    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('ул. Полевой') && m.replyMarkup), 'the card');
    const id = idOf(card.text!);
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Ремонт дороги на ул. Полевой запланирован на май.');
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    h.ok.failNext('messages', OK_ERRORS.permissionDenied);
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    const refused = await cardSays(h, curators, id, (t) => t.includes('Одноклассники не дают группе написать'), 'the refusal on the card');
    expect(refused.text).toContain('Ремонт дороги на ул. Полевой запланирован на май.');
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toContain('✅ Опубликовано вручную');
    expect(sentTo(h.ok.chatOf(575493468852))).toEqual([]);
  });

  it('takes nothing from outside the allow-list, and answers junk with 200 without storing or crashing', async () => {
    const before = (await db().select().from(inboundEvents)).filter((e) => e.network === 'ok').length;
    const { payload } = await h.ok.citizenWrites({ userId: 575493468853, text: 'ещё одно' }).then(async (r) => {
      await until(async () => (await okRows()).some((i) => i.text === 'ещё одно'), 'the third incident');
      return r;
    });

    // Through a reverse proxy on this machine, from an address OK does not use.
    const spoofed = structuredClone(payload) as { message: { mid: string } };
    spoofed.message.mid = 'mid:Cspoof.1';
    const outside = await fetch(h.okWebhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' },
      body: JSON.stringify(spoofed),
    });
    expect(outside.status).toBe(403);

    expect(await h.ok.deliver('{"sender": not json')).toEqual([200]);
    const system = { webhookType: 'CHAT_SYSTEM', sender: { user_id: 'user:575493468853' }, recipient: { chat_id: 'chat:C1' }, timestamp: 1 };
    expect(await h.ok.deliver(system)).toEqual([200]);
    expect(await h.ok.deliver({ hello: 'world' })).toEqual([200]);

    const rows = await until(async () => {
      const ok = (await db().select().from(inboundEvents)).filter((e) => e.network === 'ok').slice(before);
      return ok.length === 3 && ok.every((e) => e.processedAt) ? ok.sort((a, b) => a.id - b.id) : undefined;
    }, 'the events processed');
    expect(rows.map((e) => e.type)).toEqual(['MESSAGE_CREATED', 'CHAT_SYSTEM', 'unknown']);
    expect(rows.slice(1).map((e) => e.outcome?.split(':')[0])).toEqual(['ignored', 'invalid']);
    expect(rows.some((e) => e.eventKey === 'mid:Cspoof.1')).toBe(false);
    expect((await okRows()).filter((i) => i.text === 'ещё одно')).toHaveLength(1);
  });
});

/**
 * MAX as a citizens' network, end to end through the fake MAX (driven by the
 * official client) and the fake Telegram for staff, on real PostgreSQL and
 * Redis: a citizen's message to the administration's MAX bot becomes a card
 * in the curators' chat, is routed, drafted, approved and answered in MAX as
 * a reply to the citizen's message, with the photo; a comment in the
 * channel's chat likewise; a forged delivery (no or a wrong secret) is
 * refused and stores nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeMax } from '../../bots/routes/max.js';
import { inboundEvents, incidents, publications } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { startFakeMax, type FakeMax } from '../../shared/sandbox/fakes/max.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
let max: FakeMax;
let webhookUrl: string;
const SECRET = 'max-webhook-secret-0123456789';
const CURATOR = 101;
const ROADS = 201;
const CHANNEL_CHAT = -72_000_000_001;

beforeAll(async () => {
  max = await startFakeMax();
  max.addGroupChat(CHANNEL_CHAT, 'Администрация района — комментарии');
  h = await testHarness({ env: { MAX_BOT_TOKEN: max.token, MAX_API_ROOT: max.apiRoot, MAX_WEBHOOK_SECRET: SECRET } });
  // The port is known only now; in production MAX_WEBHOOK_URL is subscribed at start.
  webhookUrl = `http://127.0.0.1:${h.system.bots.port}/webhooks/max`;
  expect(await subscribeMax(h.system.ctx, webhookUrl)).toBe(true);
});
afterAll(async () => {
  await h?.dispose();
  await max?.close();
});

const db = () => h.system.ctx.database.db;
const maxRows = async () => (await db().select().from(incidents)).filter((i) => i.network === 'max');
const maxEvents = async () => (await db().select().from(inboundEvents)).filter((e) => e.network === 'max');
const idOf = (text: string) => Number(/№(\d+)/.exec(text)![1]);
const repliesIn = (chatId: number) => max.sent().filter((m) => m.chatId === chatId);

describe('MAX as a citizens\' network', () => {
  it('answers a citizen\'s private message in MAX, as a reply to it, with the photo', async () => {
    expect(max.subscriptions()).toEqual([{ url: webhookUrl, secret: SECRET }]);
    const written = max.citizenWrites({ userId: 4_100_001, name: 'Анна Смирнова', text: 'Здравствуйте! На дороге у дома 5 на ул. Школьной в с. Антоновка огромная яма, машины бьют колёса.' });

    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('огромная яма') && m.replyMarkup), 'the curators\' card');
    expect(card.text).toContain('MAX, личное сообщение');
    expect(card.text).toContain('Анна Смирнова');
    const id = idOf(card.text!);
    expect((await maxRows()).map((r) => r.id)).toEqual([id]);

    await routeAsSuggested(h, id, CURATOR);
    const picture = Buffer.from('fake-jpeg: яма засыпана');
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте, Анна! Яму на ул. Школьной засыпали сегодня, фото прилагаем.', { photo: picture });
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');

    const dialog = max.dialogOf(4_100_001);
    const [reply] = await until(() => (repliesIn(dialog).length ? repliesIn(dialog) : undefined), 'the reply in MAX');
    expect(reply!.body.text).toBe('Здравствуйте, Анна! Яму на ул. Школьной засыпали сегодня, фото прилагаем.');
    expect(reply!.link).toMatchObject({ type: 'reply', message: { mid: written.body.mid } });
    const image = reply!.body.attachments!.find((a) => a.type === 'image') as { payload: { token: string } } | undefined;
    expect(image && max.photo(image.payload.token)?.equals(picture)).toBe(true);
    await cardSays(h, curators, id, (t) => t.includes('ответ опубликован'), 'the published card');
    const [pub] = await db().select().from(publications).where(eq(publications.incidentId, id));
    expect(pub).toMatchObject({ status: 'sent', networkMessageId: reply!.body.mid });
  });

  it('answers a comment in the channel\'s chat in that chat, as a reply to it', async () => {
    const written = max.citizenWrites({ userId: 4_100_002, name: 'Пётр Лаптев', chatId: CHANNEL_CHAT, text: 'Когда отремонтируют дорогу на ул. Полевой в с. Антоновка? Сплошные ямы.' });
    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('ул. Полевой') && m.replyMarkup), 'the card');
    expect(card.text).toContain('MAX, комментарий');
    const id = idOf(card.text!);
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Ремонт дороги на ул. Полевой запланирован на май.');
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    const [reply] = await until(() => (repliesIn(CHANNEL_CHAT).length ? repliesIn(CHANNEL_CHAT) : undefined), 'the reply in the channel chat');
    expect(reply!.body.text).toBe('Здравствуйте! Ремонт дороги на ул. Полевой запланирован на май.');
    expect(reply!.link).toMatchObject({ type: 'reply', message: { mid: written.body.mid } });
  });

  it('carries a draft\'s video into the reply in MAX', async () => {
    const written = max.citizenWrites({ userId: 4_100_004, name: 'Ольга', text: 'Отремонтировали ли мост на ул. Речной в с. Антоновка?' });
    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('ул. Речной') && m.replyMarkup), 'the card');
    const id = idOf(card.text!);
    await routeAsSuggested(h, id, CURATOR);
    const clip = Buffer.from('fake-mp4: мост после ремонта');
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте, Ольга! Мост отремонтирован, видео прилагаем.', { video: clip });
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    const dialog = max.dialogOf(4_100_004);
    const [reply] = await until(() => (repliesIn(dialog).length ? repliesIn(dialog) : undefined), 'the reply in MAX');
    expect(reply!.link).toMatchObject({ type: 'reply', message: { mid: written.body.mid } });
    const video = reply!.body.attachments!.find((a) => a.type === 'video') as { payload: { token: string } } | undefined;
    expect(video && max.photo(video.payload.token)?.equals(clip)).toBe(true);
  });

  it('refuses a forged delivery (no secret, a wrong one) and stores nothing', async () => {
    const before = (await maxEvents()).length;
    const forged = {
      update_type: 'message_created',
      timestamp: Date.now(),
      message: { sender: { user_id: 4_100_099, name: 'Подделка', is_bot: false }, recipient: { chat_id: -1, chat_type: 'dialog', user_id: 9_000_001 }, timestamp: Date.now(), body: { mid: 'mid.forged', seq: 1, text: 'Поддельное сообщение' } },
    };
    const post = (headers: Record<string, string>) => fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(forged) });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'X-Max-Bot-Api-Secret': 'max-webhook-secret-0123456780' })).status).toBe(403);
    expect((await post({ 'X-Max-Bot-Api-Secret': 'short' })).status).toBe(403);
    expect((await maxEvents()).length).toBe(before);
    expect((await maxRows()).some((i) => i.text === 'Поддельное сообщение')).toBe(false);
  });

  it('stores a redelivered update once, and answers junk with the right secret 200 without an incident', async () => {
    const post = (body: string) => fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Max-Bot-Api-Secret': SECRET }, body });
    const written = max.citizenWrites({ userId: 4_100_003, name: 'Ирина Котова', text: 'Не вывезли мусор на ул. Лесной' });
    await until(async () => ((await maxRows()).some((i) => i.sourceKey === written.body.mid) ? true : undefined), 'the incident');
    const update = max.state.updates.find((u) => u.update_type === 'message_created' && u.message.body.mid === written.body.mid)!;
    // MAX delivers again what it did not hear 200 for.
    expect((await post(JSON.stringify(update))).status).toBe(200);
    expect((await maxEvents()).filter((e) => e.eventKey === `created:${written.body.mid}`)).toHaveLength(1);

    const before = (await maxEvents()).length;
    expect((await post('{"update_type": not json')).status).toBe(200);
    expect((await post('[1, 2]')).status).toBe(200);
    // Not among the update types Otklik subscribes to, but a delivery of it is harmless.
    const callback = max.pressButton({ userId: 4_100_003, mid: max.sent()[0]!.body.mid, payload: 'x' });
    expect((await post(JSON.stringify(max.state.updates.at(-1)))).status).toBe(200);
    const events = await until(async () => {
      const rows = (await maxEvents()).slice(before);
      return rows.length === 1 && rows[0]!.processedAt ? rows : undefined;
    }, 'the button press stored and processed');
    expect(events[0]).toMatchObject({ type: 'message_callback', eventKey: `callback:${callback}` });
    expect(events[0]!.outcome).toMatch(/^ignored/);
    expect((await maxRows()).filter((i) => i.authorId === '4100003')).toHaveLength(1);
  });
});

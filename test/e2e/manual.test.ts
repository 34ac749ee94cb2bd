/**
 * Hand registration end to end: a curator forwards a citizen's message to
 * the bot, or sends a link or a screenshot; each becomes an incident of the
 * network "manual" with a card, and its approved reply is published by hand
 * and marked so on the card.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, isNull } from 'drizzle-orm';
import { inboundEvents, incidents } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, press, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const EXECUTOR = 201;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;

async function incidentFrom(messageId: number) {
  const key = `manual:${CURATOR}:${messageId}`;
  return until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, key)))[0], `incident ${key}`);
}

function botSaid(chat: number, after: number, starts: string) {
  return until(() => h.telegram.messages(chat).slice(after).find((m) => m.fromBot && m.text?.startsWith(starts)), `the bot's "${starts}"`);
}

it('registers a forwarded message as a manual incident whose reply is published by hand', async () => {
  const before = h.telegram.messages(CURATOR).length;
  const forwarded = h.telegram.injectMessage({
    chatId: CURATOR,
    from: CURATOR,
    text: 'Яма на дороге у моста в с. Антоновка, когда заделают?',
    forwardOrigin: { type: 'user', sender_user: { id: 5_550_001, is_bot: false, first_name: 'Анна', last_name: 'Ким', username: 'anna_kim' }, date: Math.floor(Date.now() / 1000) - 600 },
  });
  await botSaid(CURATOR, before, '✅ Принято');
  const incident = await incidentFrom(forwarded.message_id);
  expect(incident).toMatchObject({ network: 'manual', kind: 'comment', authorName: 'Анна Ким', authorLink: 'https://t.me/anna_kim' });

  const card = await cardSays(h, h.org.chats.curators, incident.id, (t) => t.includes('моста'), 'the manual card');
  expect(card.text).toContain('вручную, комментарий');
  expect(card.text).toContain('Зарегистрировано вручную (пересланное сообщение), Иванова Ирина');

  await routeAsSuggested(h, incident.id, CURATOR);
  await writeDraft(h, incident.id, EXECUTOR, EXECUTOR, 'Здравствуйте, Анна! Яму заделают до конца недели.');
  await cardSays(h, h.org.chats.curators, incident.id, (t) => t.includes('на согласовании'), 'on approval');
  await press(h, h.org.chats.curators, incident.id, CURATOR, '✅ Утвердить');
  await cardSays(h, h.org.chats.curators, incident.id, (t) => t.includes('Ответ нужно разместить вручную'), 'the by-hand notice');
  await press(h, h.org.chats.curators, incident.id, CURATOR, '✅ Опубликовано вручную');
  const [after] = await db().select().from(incidents).where(eq(incidents.id, incident.id));
  expect(after!.status).toBe('answered');
});

it('registers a link and a screenshot; a plain text only gets the how-to, and only curators register', async () => {
  const link = h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: 'Жалоба в паблике: https://vk.com/wall-555_1200?reply=1300' });
  const byLink = await incidentFrom(link.message_id);
  expect(byLink.permalink).toBe('https://vk.com/wall-555_1200?reply=1300');

  const shot = h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, photo: true, caption: 'Скриншот из «Инцидент Менеджмента»: не вывозят мусор' });
  const byShot = await incidentFrom(shot.message_id);
  expect(byShot.attachments).toHaveLength(1);
  expect(byShot.text).toContain('не вывозят мусор');
  await cardSays(h, h.org.chats.curators, byShot.id, (t) => t.includes('(скриншот)'), 'the screenshot card');

  // The bot handles updates in order: once the curator's later plain text is answered, the executor's link was seen.
  const executorLink = h.telegram.injectMessage({ chatId: EXECUTOR, from: EXECUTOR, text: 'https://vk.com/wall-555_1?reply=2' });
  const before = h.telegram.messages(CURATOR).length;
  const plain = h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: 'просто текст' });
  await botSaid(CURATOR, before, 'Чтобы зарегистрировать');
  await until(async () => (await db().select().from(inboundEvents).where(isNull(inboundEvents.processedAt))).length === 0 || undefined, 'ingest done');
  const keys = (await db().select({ k: incidents.sourceKey }).from(incidents)).map((r) => r.k);
  expect(keys).not.toContain(`manual:${CURATOR}:${plain.message_id}`);
  expect(keys).not.toContain(`manual:${EXECUTOR}:${executorLink.message_id}`);
});

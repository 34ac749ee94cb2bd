/**
 * Telegram as a citizens' network: a citizen writes to the administration's
 * bot, the incident goes the usual way, and the approved answer arrives in
 * the same chat as a reply to the citizen's message.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inboundEvents } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { press, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { publicBotOrgPath } from '../kit/telegram-citizens.js';

let h: TestHarness;
const CITIZEN = 700_001;

beforeAll(async () => {
  // The staff bot is also the administration's public bot.
  h = await testHarness({ orgPath: publicBotOrgPath() });
});
afterAll(async () => h?.dispose());

it('answers a citizen who wrote to the bot, in reply to the citizen\'s message', async () => {
  h.telegram.injectMessage({ chatId: CITIZEN, from: { id: CITIZEN, first_name: 'Ольга', last_name: 'Белова' }, text: '/start' });
  await until(() => h.telegram.messages(CITIZEN).find((m) => m.fromBot && m.text?.startsWith('Здравствуйте! Это официальный бот')), 'the greeting');

  const asked = h.telegram.injectMessage({
    chatId: CITIZEN,
    from: { id: CITIZEN, first_name: 'Ольга', last_name: 'Белова' },
    text: 'Когда почистят дорогу на с. Антоновка от снега?',
  });
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes('почистят дорогу') && m.replyMarkup), 'the curators\' card');
  expect(card.text).toContain('Telegram, личное сообщение');
  expect(card.text).toContain('Ольга Белова');
  const id = Number(/№(\d+)/.exec(card.text!)![1]);

  await routeAsSuggested(h, id, 101);
  await writeDraft(h, id, 201, 201, 'Здравствуйте, Ольга! Дорогу расчистят сегодня до вечера.');
  await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes(`№${id} `) && m.text.includes('на согласовании')), 'on approval');
  await press(h, h.org.chats.curators, id, 101, '✅ Утвердить');

  const reply = await until(() => h.telegram.messages(CITIZEN).find((m) => m.fromBot && m.text?.includes('Дорогу расчистят')), 'the reply');
  expect(reply.replyTo).toBe(asked.message_id);
});

it('keeps a citizen\'s message the database refused for a while, and makes one incident of it', async () => {
  const { db } = h.system.ctx.database;
  // A refusal the bot cannot tell from an outage; the sequence counts attempts (nextval survives the rollback;
  // a new sequence reads 1 before its first use and after it, so +1 means two attempts).
  await db.execute(sql`create sequence if not exists test_refusals`);
  await db.execute(sql`create or replace function test_refuse() returns trigger language plpgsql as $$
    begin perform nextval('test_refusals'); raise exception 'database unavailable (test)'; end $$`);
  await db.execute(sql`create trigger test_refuse before insert on inbound_events for each row execute function test_refuse()`);
  const attempts = async () => Number((await db.execute<{ n: string }>(sql`select last_value as n from test_refusals`)).rows[0]!.n);
  const before = await attempts();
  try {
    h.telegram.injectMessage({ chatId: CITIZEN + 1, from: { id: CITIZEN + 1, first_name: 'Пётр' }, text: 'Не вывозят мусор на ул. Лесной третью неделю' });
    // Tried, refused, and tried again rather than taken past.
    await until(async () => (await attempts()) >= before + 1, 'a retried store');
  } finally {
    await db.execute(sql`drop trigger test_refuse on inbound_events`);
  }
  const card = await until(() => h.telegram.messages(h.org.chats.curators).find((m) => m.text?.includes('ул. Лесной') && m.replyMarkup), 'the card once stored');
  expect(card.text).toContain('Пётр');
  const stored = await db.select().from(inboundEvents).where(sql`${inboundEvents.payload}->'message'->>'text' like '%ул. Лесной%'`);
  expect(stored).toHaveLength(1);
});

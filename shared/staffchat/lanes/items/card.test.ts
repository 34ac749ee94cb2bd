/**
 * A card the lane renders races the curator's taps: the lane loads the card
 * with the choices stored at that moment, Telegram shows it, and only then is
 * it recorded. A tap in between must not lose its choices to the older
 * rendering, in the database or in the chat.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCard } from '../../cards/store.js';
import { buttonsOf, cardIn, citizenWrites, press } from '../../../sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../../../../test/kit/harness.js';
import { lanesOf } from '../runtime.js';
import { cardSource } from './card.js';

const CURATOR = 101;
let h: TestHarness;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

it('keeps the choices a tap saved while the lane\'s rendering was on its way, and shows them', async () => {
  const ctx = h.system.ctx;
  const chatId = h.org.chats.curators;
  const id = await citizenWrites(h, 640001, 'Во дворе на ул. Ленина не вывозят мусор третью неделю');
  const rt = lanesOf(ctx)!;
  const messageId = Number(cardIn(h, chatId, id)!.id);

  // The lane loads the card (choices as stored: the main view) and Telegram shows it…
  const live = (await cardSource.load(rt, chatId, id))!;
  await rt.api.editMessageText(chatId, messageId, live.text, { parse_mode: 'HTML', reply_markup: live.options.reply_markup as never });
  // …the curator opens the departments on it at once, before the lane has recorded what it showed…
  await press(h, chatId, id, CURATOR, '🏢 Подразделения');
  expect(buttonsOf(h, chatId, id).some((b) => b.text === '« Назад')).toBe(true);
  // …and then the lane records it.
  await cardSource.shown(rt, chatId, id, messageId, live);

  const card = await loadCard(ctx.database.db, id, chatId);
  expect((card!.selection as { view: string }).view).toBe('departments');
  expect(buttonsOf(h, chatId, id).some((b) => b.text === '« Назад')).toBe(true);
});

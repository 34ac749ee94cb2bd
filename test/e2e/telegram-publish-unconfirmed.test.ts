/**
 * A reply Telegram may or may not have sent. Telegram has no idempotency key,
 * so when the connection breaks after the request went out, sending again
 * could give the citizen the answer twice. The worker does not: the card says
 * the outcome is unknown, and staff choose — send again, or mark it published.
 * Also: a refused reply can be sent again once the cause is fixed, and a retry
 * in progress shows why on the card.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents, publications } from '../../shared/platform/db/schema.js';
import { buttonsOf, cardIn, cardSays, press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { publicBotOrgPath, repliesTo, roadMessageOnApproval, toChat } from '../kit/telegram-citizens.js';

let h: TestHarness;
const CURATOR = 101;

beforeAll(async () => {
  // The staff bot is also the administration's public bot: citizens write to it in private.
  h = await testHarness({ orgPath: publicBotOrgPath() });
});
afterAll(async () => h?.dispose());

const curators = () => h.org.chats.curators;
const publicationOf = async (id: number) => (await h.system.ctx.database.db.select().from(publications).where(eq(publications.incidentId, id)))[0];
const statusOf = async (id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]?.status;

it('a connection lost after Telegram sent the reply: nothing is sent again until the curator asks', async () => {
  const CITIZEN = 710_001;
  const answer = 'Здравствуйте, Ирина! Яму у остановки засыплют завтра.';
  const id = await roadMessageOnApproval(h, CITIZEN, 'Яма на дороге в с. Антоновка у остановки, объехать нельзя', answer);

  // Telegram sends the reply, and the answer to the bot is lost on the way: after the card said
  // "publishing", so what follows must redraw it at the version it already shows.
  const hold = h.telegram.holdNext('sendMessage', toChat(CITIZEN));
  expect(await press(h, curators(), id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  await hold.recorded;
  await cardSays(h, curators(), id, (t) => t.includes('Публикуется…'), 'the card while publishing');
  hold.drop();

  const card = await cardSays(h, curators(), id, (t) => t.includes('Неизвестно, получил ли автор ответ'), 'the unconfirmed reply on the card');
  expect(card.text).toContain('переписку с ботом видит только автор');
  expect(buttonsOf(h, curators(), id).map((b) => b.text)).toEqual(['🔁 Отправить снова', '✅ Опубликовано вручную']);
  expect(await publicationOf(id)).toMatchObject({ status: 'unconfirmed', attempts: 1, sendingSince: null, reasonKey: 'publish-telegram-unconfirmed-direct' });
  expect(await statusOf(id)).toBe('approved');
  // The one reply the citizen has is the one whose answer was lost; the worker sent nothing more.
  expect(repliesTo(h, CITIZEN).map((m) => m.text)).toEqual([answer]);

  // The curator cannot look into the private chat and decides to send it again.
  expect(await press(h, curators(), id, CURATOR, '🔁 Отправить снова')).toBe('Отправляем ответ снова.');
  await cardSays(h, curators(), id, (t) => t.includes('Ответ опубликован'), 'the published card');
  expect(repliesTo(h, CITIZEN).map((m) => m.text)).toEqual([answer, answer]);
  expect(await publicationOf(id)).toMatchObject({ status: 'sent', attempts: 2, sendingSince: null });
  expect(await statusOf(id)).toBe('answered');
});

it('a reply Telegram refused goes out when the curator sends it again after the cause is fixed; a second tap changes nothing', async () => {
  const CITIZEN = 710_002;
  const answer = 'Здравствуйте! Провал у вокзала заделают к пятнице.';
  const id = await roadMessageOnApproval(h, CITIZEN, 'Провал асфальта на дороге в г. Завитинск у вокзала', answer);

  h.telegram.blockBot(CITIZEN);
  expect(await press(h, curators(), id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  await cardSays(h, curators(), id, (t) => t.includes('Пользователь заблокировал бота'), 'the refusal on the card');
  expect(buttonsOf(h, curators(), id).map((b) => b.text)).toEqual(['🔁 Отправить снова', '✅ Опубликовано вручную']);
  expect(repliesTo(h, CITIZEN)).toEqual([]);

  // The citizen unblocks the bot (the curator asked by phone); two curators tap at once.
  h.telegram.blockBot(CITIZEN, false);
  const again = buttonsOf(h, curators(), id).find((b) => b.text === '🔁 Отправить снова')!;
  const cardId = cardIn(h, curators(), id)!.id;
  const taps = await Promise.all([1, 2].map(() => pressData(h, curators(), cardId, CURATOR, again.callback_data!)));
  expect(taps).toContain('Отправляем ответ снова.');
  // The other tap is answered politely: the reply is on its way (or, if it was quick, the card has moved on).
  expect(taps.filter((t) => t !== 'Отправляем ответ снова.').every((t) => /уже отправляется|устарела/.test(t))).toBe(true);
  await cardSays(h, curators(), id, (t) => t.includes('Ответ опубликован'), 'the published card');
  expect(repliesTo(h, CITIZEN).map((m) => m.text)).toEqual([answer]);
  expect(await statusOf(id)).toBe('answered');
});

it('while Telegram cannot be reached the card says why the reply is late, and the reply goes out once it can', async () => {
  const CITIZEN = 710_003;
  const answer = 'Здравствуйте! Дорогу у школы отремонтируют на этой неделе.';
  const id = await roadMessageOnApproval(h, CITIZEN, 'Разбита дорога в с. Антоновка у школы, дети ходят по лужам', answer);

  const back = h.telegram.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 100, toChat(CITIZEN));
  expect(await press(h, curators(), id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  await cardSays(h, curators(), id, (t) => t.includes('Публикуется…') && t.includes('Временная ошибка на стороне Telegram'), 'the retry reason on the card');
  expect(repliesTo(h, CITIZEN)).toEqual([]);
  back();
  // The job's own backoff brings the next attempt (seconds apart by now).
  await until(() => cardIn(h, curators(), id)?.text?.includes('Ответ опубликован'), 'the published card', 60_000);
  expect(repliesTo(h, CITIZEN).map((m) => m.text)).toEqual([answer]);
  expect(await publicationOf(id)).toMatchObject({ status: 'sent', reasonKey: null, sendingSince: null });
});

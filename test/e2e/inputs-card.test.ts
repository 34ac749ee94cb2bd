/**
 * Inputs per incident and every incident reachable, through the fake Telegram
 * and VK on the real system: two half-written drafts kept apart; «Вернуть
 * куратору» on one incident leaves another's draft alone; /cancel; a forwarded
 * message never taken as an answer; /card and the ?start=c<N> deep link; /my
 * lines linking to the card message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { loadState } from '../../shared/platform/db/events.js';
import { pendingOf } from '../../shared/flows/command/pending.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201; // roads has no chat: its executor's cards come to his private chat
const HOUSING = 202;
const ids: number[] = [];

beforeAll(async () => {
  h = await testHarness();
  for (const place of ['у магазина', 'у школы', 'у почты', 'у клуба']) {
    const id = await citizenWrites(h, 690100 + ids.length, `Яма на дороге в с. Антоновка ${place}`);
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'routed to roads');
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await cardSays(h, ROADS, id, (t) => t.includes('в работе'), 'taken');
    ids.push(id);
  }
}, 120_000);
afterAll(async () => h?.dispose());

/** The person writes in the private chat (optionally replying to a message); resolves with the bot's first answer after it. */
async function say(userId: number, text: string, extra: { replyTo?: number; forwardOrigin?: Record<string, unknown> } = {}) {
  const before = h.telegram.messages(userId).length;
  h.telegram.injectMessage({ chatId: userId, from: userId, text, ...extra });
  return until(() => h.telegram.messages(userId).slice(before).find((m) => m.fromBot), `the answer to «${text}»`);
}

/** Opens the draft of an incident by the card's deep link; returns the prompt (a message naming the incident). */
async function openDraft(userId: number, id: number) {
  const prompt = await say(userId, `/start d${id}`);
  expect(prompt.text).toContain(`№${id}`);
  return prompt;
}

const lastPreview = (userId: number, id: number) =>
  h.telegram
    .messages(userId)
    .filter((m) => m.fromBot && m.text?.includes(`по сообщению №${id}:`))
    .at(-1);

describe('inputs per incident', () => {
  it('keeps two half-written drafts apart: a reply to a prompt goes to its incident, an unaddressed text is asked about', async () => {
    const [a, b] = ids as [number, number];
    const promptA = await openDraft(ROADS, a);
    expect((await say(ROADS, 'Здравствуйте! Яму у магазина засыплем до пятницы.')).text).toContain(`по сообщению №${a}:`);
    const promptB = await openDraft(ROADS, b);
    // Two drafts open: a text that replies to neither is not guessed into one of them.
    const asked = await say(ROADS, 'Здравствуйте! Яму у школы заделаем.');
    expect(asked.text).toContain('по нескольким сообщениям');
    expect(asked.text).toContain(`№${a}`);
    expect(asked.text).toContain(`№${b}`);
    // A reply to the prompt of №b goes to №b; №a's draft is untouched.
    expect((await say(ROADS, 'Здравствуйте! Яму у школы заделаем в среду.', { replyTo: promptB.id })).text).toContain(`по сообщению №${b}:`);
    expect(lastPreview(ROADS, a)!.text).toContain('у магазина засыплем до пятницы');
    expect(lastPreview(ROADS, b)!.text).toContain('у школы заделаем в среду');
    // And a reply to №a's prompt changes №a's.
    expect((await say(ROADS, 'Здравствуйте! Яму у магазина засыплем в четверг.', { replyTo: promptA.id })).text).toContain(`по сообщению №${a}:`);
    expect(lastPreview(ROADS, b)!.text).toContain('у школы заделаем в среду');
    const drafts = (await pendingOf(h.system.ctx.database.db, ROADS)).filter((p) => p.action === 'draft');
    expect(drafts.map((p) => p.incidentId).sort()).toEqual([a, b].sort());
  });

  it('«Вернуть куратору» on another incident asks in a prompt that names it, and leaves the drafts alone', async () => {
    const [a, b, c] = ids as [number, number, number];
    const before = h.telegram.messages(ROADS).length;
    await press(h, ROADS, c, ROADS, '↩️ Вернуть');
    const prompt = await until(() => h.telegram.messages(ROADS).slice(before).find((m) => m.fromBot && m.text?.includes(`Сообщение №${c}:`)), 'the return prompt');
    const asked = h.telegram.calls.find((x) => x.method === 'sendMessage' && x.params.chat_id === ROADS && String(x.params.text).includes(`Сообщение №${c}:`));
    expect(asked?.params.reply_markup).toMatchObject({ force_reply: true });

    // A forwarded message is never the note: the bot says so, and waits still.
    const forwarded = await say(ROADS, 'Это не наш участок', {
      forwardOrigin: { type: 'user', sender_user: { id: 5_550_002, is_bot: false, first_name: 'Пётр' }, date: Math.floor(Date.now() / 1000) - 60 },
    });
    expect(forwarded.text).toContain('Пересланное сообщение не принимаю');
    expect((await loadState(h.system.ctx.database.db, c))!.status).toBe('in_work');
    expect(lastPreview(ROADS, a)!.text).toContain('у магазина засыплем в четверг');

    // The reply to the prompt returns №c with its note.
    expect((await say(ROADS, 'Дорога областная, не наш участок', { replyTo: prompt.id })).text).toContain(`сообщение №${c} возвращено куратору`);
    expect((await loadState(h.system.ctx.database.db, c))!.status).toBe('returned');

    // Both drafts survived: №a is submitted with its own text.
    const preview = lastPreview(ROADS, a)!;
    const submit = (preview.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat().find((x) => x.text.startsWith('📨'))!;
    await pressData(h, ROADS, preview.id, ROADS, submit.callback_data);
    await until(async () => (await loadState(h.system.ctx.database.db, a))!.status === 'on_approval', 'the draft on approval');
    const state = await loadState(h.system.ctx.database.db, a);
    expect(state!.drafts.at(-1)!.text).toContain('у магазина засыплем в четверг');
    expect((await pendingOf(h.system.ctx.database.db, ROADS)).map((p) => p.incidentId)).toEqual([b]);
  });

  it('/cancel clears the only question, and lists several to choose from', async () => {
    const [, b] = ids as [number, number];
    expect((await say(ROADS, '/cancel')).text).toBe(`Отменено: проект ответа по сообщению №${b}.`);
    expect(await pendingOf(h.system.ctx.database.db, ROADS)).toEqual([]);
    expect((await say(ROADS, '/cancel')).text).toBe('Сейчас я ничего от вас не жду.');

    // Two drafts open: /cancel asks which, and «Отменить всё» clears both.
    const d = ids[3]!;
    await openDraft(ROADS, b);
    await openDraft(ROADS, d);
    const choose = await say(ROADS, '/cancel');
    expect(choose.text).toBe('Я жду от вас несколько ответов. Что отменить?');
    const buttons = (choose.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    expect(buttons.map((x) => x.text).sort()).toEqual([`проект ответа №${b}`, `проект ответа №${d}`, 'Отменить всё'].sort());
    const before = h.telegram.messages(ROADS).length;
    await pressData(h, ROADS, choose.id, ROADS, buttons.find((x) => x.text === `проект ответа №${d}`)!.callback_data);
    await until(() => h.telegram.messages(ROADS).slice(before).find((m) => m.text === `Отменено: проект ответа по сообщению №${d}.`), 'one cancelled');
    expect((await pendingOf(h.system.ctx.database.db, ROADS)).map((p) => p.incidentId)).toEqual([b]);
    await openDraft(ROADS, d);
    const again = await say(ROADS, '/cancel');
    const all = (again.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat().find((x) => x.text === 'Отменить всё')!;
    const count = h.telegram.messages(ROADS).length;
    await pressData(h, ROADS, again.id, ROADS, all.callback_data);
    await until(() => h.telegram.messages(ROADS).slice(count).find((m) => m.text === 'Отменено всё, чего я от вас ждал (2).'), 'all cancelled');
    expect(await pendingOf(h.system.ctx.database.db, ROADS)).toEqual([]);
  });
});

describe('every incident reachable', () => {
  it('/card N and the deep link show the current card in the private chat, to those allowed to see it', async () => {
    const id = ids[2]!;
    const before = h.telegram.messages(CURATOR).length;
    h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: `/card ${id}` });
    const card = await until(() => h.telegram.messages(CURATOR).slice(before).find((m) => m.text?.startsWith(`Сообщение №${id} `)), 'the card in private');
    expect(card.text).toContain('у почты');

    // An executor of another department is refused, politely, and sees nothing of it.
    const refused = await say(HOUSING, `/card ${id}`);
    expect(refused.text).toBe(`Сообщения №${id} нет или оно вам недоступно.`);
    const viaLink = await say(HOUSING, `/start c${id}`);
    expect(viaLink.text).toBe(`Сообщения №${id} нет или оно вам недоступно.`);

    // The executor it was routed to opens it by the deep link.
    const count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: `/start c${id}` });
    await until(() => h.telegram.messages(ROADS).slice(count).find((m) => m.text?.startsWith(`Сообщение №${id} `)), 'the card by the deep link');

    // In a group: only in private.
    const group = h.org.chats.curators;
    const inGroup = h.telegram.messages(group).length;
    h.telegram.injectMessage({ chatId: group, from: CURATOR, text: `/card ${id}` });
    const reply = await until(() => h.telegram.messages(group).slice(inGroup).find((m) => m.fromBot && m.text?.includes('личном чате')), 'the group refusal');
    expect(reply.text).not.toContain('почты');
  });

  it('/my lines link to the card message in the person\'s chat', async () => {
    const returned = ids[2]!;
    const mine = await say(CURATOR, '/my');
    expect(mine.text).toContain(`№${returned} ·`);
    const cardInGroup = h.telegram.messages(h.org.chats.curators).find((m) => m.text?.startsWith(`Сообщение №${returned} `))!;
    const links = (mine.raw.entities ?? []).flatMap((e) => (e.type === 'text_link' && e.url ? [e.url] : []));
    expect(links).toContain(`https://t.me/c/1000000001/${cardInGroup.id}`);
  });
});

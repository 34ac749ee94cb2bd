/**
 * The approver's "История версий": after rework rounds the card offers the
 * history; it lists every version with its author, time and the rework
 * comments from the audit, paged in place when it would not fit one message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, citizenWrites, press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

type Button = { text: string; callback_data?: string };
const historyIn = (chat: number, id: number) => h.telegram.messages(chat).find((m) => m.text?.startsWith(`📜 Сообщение №${id}:`));
const historyButtons = (chat: number, id: number) =>
  ((historyIn(chat, id)?.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();

async function reworkRound(id: number, version: number, comment: string, next: string) {
  const curators = h.org.chats.curators;
  await cardSays(h, curators, id, (t) => t.includes('на согласовании') && t.includes(`версия ${version}`), `version ${version} on approval`);
  await press(h, curators, id, CURATOR, '✏️ На доработку');
  await until(() => h.telegram.messages(CURATOR).find((m) => m.text?.includes(`№${id}: что доработать`)), 'the rework question');
  h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: comment });
  await cardSays(h, ROADS, id, (t) => t.includes('на доработке'), 'the executor sees the rework');
  await writeDraft(h, id, ROADS, ROADS, next, { take: false });
}

describe('the version history on the approver\'s card', () => {
  it('shows the earlier versions with authors, times and rework comments', async () => {
    const id = await citizenWrites(h, 691001, 'На дороге в г. Завитинск нет разметки у школы');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Разметку нанесут.');
    const curators = h.org.chats.curators;
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'version 1 on approval');
    // One version: nothing to compare yet.
    expect(buttonsOf(h, curators, id).map((b) => b.text)).not.toContain('📜 История версий (1)');

    await reworkRound(id, 1, 'Нет приветствия и сроков', 'Здравствуйте! Разметку нанесут весной.');
    await reworkRound(id, 2, 'Назовите месяц', 'Здравствуйте! Разметку у школы нанесут в апреле.');
    const card = await cardSays(h, curators, id, (t) => t.includes('версия 3'), 'version 3 on approval');
    expect(card.text).toContain('Замечание к версии 2: «Назовите месяц»');

    expect(await press(h, curators, id, CURATOR, '📜 История версий (3)')).toBe('');
    const history = await until(() => historyIn(curators, id), 'the history message');
    const text = history.text!;
    expect(text).toContain('версий: 3');
    expect(text).toContain('Версия 3 (текущая)');
    expect(text).toContain('Петров Пётр, Отдел дорожного хозяйства');
    expect(text).toMatch(/На доработку — Иванова Ирина, \d\d\.\d\d\.\d{4} \d\d:\d\d: «Нет приветствия и сроков»/);
    expect(text).toContain('«Назовите месяц»');
    expect(text).toContain('Разметку нанесут.');
    expect(text.indexOf('Версия 2')).toBeLessThan(text.indexOf('Версия 1'));
    expect(historyButtons(curators, id)).toEqual([]); // fits one page
    // The card keeps its own buttons: the history's are kept apart.
    expect(buttonsOf(h, curators, id).map((b) => b.text)).toContain('✅ Утвердить');
    expect(await press(h, curators, id, CURATOR, '✅ Утвердить')).toBe('Утверждено — ответ публикуется');
  });

  it('pages a history that would not fit one Telegram message', async () => {
    const id = await citizenWrites(h, 691002, 'Дорога в с. Антоновка вся в ямах после зимы');
    await routeAsSuggested(h, id, CURATOR);
    const long = (n: number) => `Здравствуйте! Версия ${n}. ${'Ремонт дороги выполнят по графику подрядчика. '.repeat(55)}`;
    await writeDraft(h, id, ROADS, ROADS, long(1));
    await reworkRound(id, 1, 'Короче, пожалуйста', long(2));
    await reworkRound(id, 2, 'Ещё короче', long(3));
    const curators = h.org.chats.curators;
    await cardSays(h, curators, id, (t) => t.includes('версия 3'), 'version 3 on approval');
    await press(h, curators, id, CURATOR, '📜 История версий (3)');
    const first = await until(() => historyIn(curators, id), 'the history message');
    expect(first.text!.length).toBeLessThanOrEqual(4096);
    expect(first.text).toContain('Страница 1 из 2');
    expect(first.text).toContain('Версия 3 (текущая)');
    const older = historyButtons(curators, id).find((b) => b.text === '‹ Ранее')!;
    expect(await pressData(h, curators, first.id, CURATOR, older.callback_data!)).toBe('');
    const second = await until(() => (historyIn(curators, id)?.text?.includes('Страница 2 из 2') ? historyIn(curators, id) : undefined), 'page 2');
    expect(second.id).toBe(first.id); // edited in place
    expect(second.text).toContain('Версия 1');
    expect(second.text).toContain('«Короче, пожалуйста»');
    expect(first.text).toContain('«Ещё короче»');
    expect(historyButtons(curators, id).map((b) => b.text)).toEqual(['Позже ›']);
  });
});

/**
 * The approver reads a long draft whole («📄 Показать полностью»: the text in
 * as many messages as Telegram's 4096 characters need), and anyone with the
 * card reads the incident's story («🗂 Ход работы»): triage, routing, taking,
 * the draft, its approval and publication, with names and local times.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101; // Иванова Ирина
const ROADS = 201; // Петров Пётр

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

/** About 2,900 characters (an executor's message holds at most 4,096), numbered so a lost piece shows. */
const LONG = `Здравствуйте! ${Array.from({ length: 45 }, (_, i) => `Пункт ${i + 1}: работы по ремонту дороги будут выполнены в срок.`).join(' ')}`;

describe('the approver and the story', () => {
  it('shows a folded draft whole, then tells the incident\'s story with names and times', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 660001, 'Яма на дороге в с. Антоновка у остановки, опасно');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, LONG);
    const card = await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'the approval card');
    expect(card.text).not.toContain('Пункт 45'); // folded on the card

    const before = h.telegram.messages(curators).length;
    expect(await press(h, curators, id, CURATOR, '📄 Показать полностью')).toBe('');
    const full = await until(() => h.telegram.messages(curators).slice(before).find((m) => m.text?.startsWith(`📄 Сообщение №${id}:`)), 'the full text');
    expect(full.text).toContain('Проект ответа, версия 1, полный текст:');
    expect(full.text!.slice(full.text!.indexOf('\n\n') + 2)).toBe(LONG);
    expect(full.replyTo).toBe(card.id);
    // Texts over one message are cut at spaces (chunkText, unit-tested in story.test.ts).

    await press(h, curators, id, CURATOR, '✅ Утвердить');
    await cardSays(h, curators, id, (t) => t.includes('ответ опубликован'), 'published');

    const count = h.telegram.messages(curators).length;
    expect(await press(h, curators, id, CURATOR, '🗂 Ход работы')).toBe('');
    const story = await until(() => h.telegram.messages(curators).slice(count).find((m) => m.text?.startsWith(`🗂 Сообщение №${id}: ход работы`)), 'the story');
    const text = story.text!;
    const steps = [
      '🆕 поступило (ВКонтакте)',
      '🏷 Иванова Ирина: тема Дороги',
      '➡️ Иванова Ирина: направлено — Отдел дорожного хозяйства',
      '🙋 Петров Пётр (Отдел дорожного хозяйства): взято в работу',
      '📝 Петров Пётр (Отдел дорожного хозяйства): Проект ответа, версия 1 — на согласование',
      '✅ Иванова Ирина: версия 1 утверждена',
      '📤 опубликовано: Проект ответа, версия 1',
    ];
    const at = steps.map((s) => text.indexOf(s));
    expect(at.every((i) => i > 0), text).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Local times of the organisation (Asia/Yakutsk), today.
    const today = DateTime.now().setZone('Asia/Yakutsk').toFormat('dd.MM.yyyy');
    expect(text.split('\n').slice(2).every((l) => l.startsWith(today))).toBe(true);
    expect(story.replyTo).toBe(card.id);
  });
});

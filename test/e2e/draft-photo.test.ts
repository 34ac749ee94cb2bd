/**
 * "Будет фото/видео" in the executor's draft preview: once promised, the
 * draft checks warn until a photo is attached, and the approver's audit keeps
 * the promise with the version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { incidentEvents } from '../../shared/platform/db/schema.js';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;
const WARNING = 'Обещано фото, но его нет во вложениях';

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

type Button = { text: string; callback_data?: string };

/** The newest preview for the incident in the executor's chat, with its buttons. */
function preview(id: number, after: number) {
  const m = h.telegram
    .messages(ROADS)
    .slice(after)
    .reverse()
    .find((x) => x.text?.includes(`по сообщению №${id}:`) && x.replyMarkup);
  if (!m) return undefined;
  const buttons = ((m.replyMarkup as { inline_keyboard: Button[][] }).inline_keyboard ?? []).flat();
  return { id: m.id, text: m.text!, buttons };
}

async function tap(messageId: number, data: string) {
  const q = h.telegram.injectCallbackQuery({ chatId: ROADS, messageId, from: ROADS, data });
  return String((await until(() => h.telegram.callbackAnswer(q), 'the answer'))!.text ?? '');
}

describe('the executor promises a photo', () => {
  it('warns while none is attached, stops warning once one is, and records the promise', async () => {
    const id = await citizenWrites(h, 690001, 'Яма на дороге в с. Антоновка у остановки');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await cardSays(h, ROADS, id, (t) => t.includes('в работе'), 'taken');

    let count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: `/start d${id}` });
    await until(() => h.telegram.messages(ROADS).slice(count).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`)), 'the prompt');
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: 'Здравствуйте! Яму засыпали, фото прилагаем.' });
    let shown = await until(() => preview(id, count), 'the first preview');
    expect(shown.text).toContain('Замечаний нет');
    expect(shown.buttons.map((b) => b.text)).toContain('📷 Будет фото/видео: нет');

    count = h.telegram.messages(ROADS).length;
    expect(await tap(shown.id, shown.buttons.find((b) => b.text.startsWith('📷'))!.callback_data!)).toBe('');
    shown = await until(() => preview(id, count), 'the preview with the promise');
    expect(shown.text).toContain(WARNING);
    expect(shown.buttons.map((b) => b.text)).toContain('📷 Будет фото/видео: да');

    count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, photo: true });
    shown = await until(() => preview(id, count), 'the preview with the photo');
    expect(shown.text).toContain('Вложений: 1');
    expect(shown.text).not.toContain(WARNING);
    expect(shown.buttons.map((b) => b.text)).toContain('📷 Будет фото/видео: да');

    await tap(shown.id, shown.buttons.find((b) => b.text.startsWith('📨 На согласование'))!.callback_data!);
    const card = await cardSays(h, h.org.chats.curators, id, (t) => t.includes('на согласовании'), 'on approval');
    expect(card.text).toContain('Проверка: ✅ замечаний нет.');
    const [submitted] = await h.system.ctx.database.db
      .select()
      .from(incidentEvents)
      .where(and(eq(incidentEvents.incidentId, id), eq(incidentEvents.type, 'draft_submitted')));
    expect(submitted!.data).toMatchObject({ photoExpected: true, attachments: [{ kind: 'photo' }] });
  });

  it('a draft without the promise says nothing about photos', async () => {
    const id = await citizenWrites(h, 690002, 'Не работает светофор на дороге в г. Завитинск');
    await routeAsSuggested(h, id, CURATOR);
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await cardSays(h, ROADS, id, (t) => t.includes('в работе'), 'taken');
    const count = h.telegram.messages(ROADS).length;
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: `/start d${id}` });
    await until(() => h.telegram.messages(ROADS).slice(count).find((m) => m.text?.startsWith(`✍️ Сообщение №${id}`)), 'the prompt');
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: 'Здравствуйте! Светофор починят завтра.' });
    const shown = await until(() => preview(id, count), 'the preview');
    expect(shown.text).not.toContain(WARNING);
    expect(shown.text).toContain('Замечаний нет');
  });
});

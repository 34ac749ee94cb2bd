/**
 * The curator routes from the card, the executor takes or returns with a
 * note, the curator re-routes; wrong-role and stale taps change nothing.
 * Real system, fake Telegram and VK, driven over HTTP only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { buttonsOf, cardIn, cardSays, citizenWrites, press, pressData, until } from '../../shared/sandbox/demo/staff.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201; // Петров Пётр, roads: no department chat, so cards come to his private chat
const HOUSING = 202; // Волкова Мария, housing: department chat -1001000000010
const HOUSING_CHAT = -1001000000010;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const row = async (id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!;

describe('routing from the card', () => {
  it('routes a typical message in one tap, after refusing an executor who pressed the curators\' button', async () => {
    const id = await citizenWrites(h, 630001, 'Когда отремонтируют дорогу на с. Антоновка? Ямы!');
    const curators = h.org.chats.curators;
    expect(cardIn(h, curators, id)!.text).not.toContain('Похоже');
    expect(cardIn(h, curators, id)!.text).toContain('тема: Дороги · место: с. Антоновка · куда: Отдел дорожного хозяйства');

    const refused = await press(h, curators, id, ROADS, '✅ Направить');
    expect(refused).toBe('Это действие не для вашей роли.');
    expect(await row(id)).toMatchObject({ status: 'detected', version: 1 });

    const confirm = buttonsOf(h, curators, id).find((b) => b.text.startsWith('✅ Направить'))!.callback_data!;
    expect(Buffer.byteLength(confirm)).toBeLessThanOrEqual(64);
    expect(await press(h, curators, id, CURATOR, '✅ Направить')).toBe('Направлено: Отдел дорожного хозяйства');
    expect(await row(id)).toMatchObject({ status: 'routed', version: 3 });

    // The executor without a department chat gets the card privately, with his buttons.
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');
    expect(buttonsOf(h, ROADS, id).map((b) => b.text)).toEqual(['🙋 Взять в работу', '↩️ Вернуть куратору']);
    const curatorCard = await cardSays(h, curators, id, (t) => t.includes('🏢 Отдел дорожного хозяйства'), 'the curators\' card updated');
    expect(curatorCard.text).toContain('🏷 Дороги · с. Антоновка');
    expect(buttonsOf(h, curators, id)).toEqual([]);

    // The old button, pressed again, changes nothing.
    const messageId = cardIn(h, curators, id)!.id;
    expect(await pressData(h, curators, messageId, CURATOR, confirm)).toBe('Эта кнопка больше не действует: карточка уже изменилась.');
    expect(await row(id)).toMatchObject({ status: 'routed', version: 3 });
  });

  it('lets the executor return it with a note, shown to the curator, who re-routes it to another department', async () => {
    const id = await citizenWrites(h, 630002, 'Яма на дороге у школы в с. Антоновка, ночью без света');
    const curators = h.org.chats.curators;
    await press(h, curators, id, CURATOR, '✅ Направить');
    await cardSays(h, ROADS, id, (t) => t.includes('направлено исполнителю'), 'the executor\'s card');

    const popup = await press(h, ROADS, id, ROADS, '↩️ Вернуть');
    expect(popup).toBe(''); // asked in this very chat, no popup needed
    await until(() => h.telegram.messages(ROADS).find((m) => m.text?.includes(`Сообщение №${id}: почему вопрос не в компетенции`)), 'the question');
    // Asked as a forced reply, so the phone opens the keyboard (Telegram does not echo that markup on the message).
    const ask = h.telegram.calls.find((c) => c.method === 'sendMessage' && String(c.params.text).includes(`№${id}: почему`));
    expect(ask?.params.reply_markup).toMatchObject({ force_reply: true });
    h.telegram.injectMessage({ chatId: ROADS, from: ROADS, text: 'Освещение — это ЖКХ, не дороги' });
    await until(() => h.telegram.messages(ROADS).find((m) => m.text?.startsWith(`Готово: сообщение №${id} возвращено`)), 'the confirmation');

    const returned = await cardSays(h, curators, id, (t) => t.includes('возвращено куратору'), 'the returned card');
    expect(returned.text).toContain('Отдел дорожного хозяйства вернул: «Освещение — это ЖКХ, не дороги»');
    expect(await row(id)).toMatchObject({ status: 'returned' });

    // Re-route: open the departments and tap housing: routed there at once.
    await press(h, curators, id, CURATOR, '🏢 Подразделения');
    expect(await press(h, curators, id, CURATOR, 'Отдел ЖКХ')).toBe('Направлено: Отдел ЖКХ');

    await cardSays(h, HOUSING_CHAT, id, (t) => t.includes('направлено исполнителю'), 'the housing chat card');
    expect(await press(h, HOUSING_CHAT, id, ROADS, '🙋 Взять')).toBe('Сообщение направлено не в ваше подразделение.');
    expect(await press(h, HOUSING_CHAT, id, HOUSING, '🙋 Взять')).toBe('Взято в работу');
    await cardSays(h, HOUSING_CHAT, id, (t) => t.includes('в работе') && t.includes('Ждём: Волкова Мария'), 'taken');
    expect(await row(id)).toMatchObject({ status: 'in_work' });
  });

  it('rejects an abusive message as not subject to processing', async () => {
    const id = await citizenWrites(h, 630003, 'Вы все там бездельники и воры, гореть вам');
    const curators = h.org.chats.curators;
    expect(cardIn(h, curators, id)!.text).toContain('⚠️ Похоже: оскорбления');
    await press(h, curators, id, CURATOR, '🚫 Не подлежит');
    expect(await press(h, curators, id, CURATOR, 'Оскорбления')).toBe('Отмечено: не подлежит обработке');
    const card = await cardSays(h, curators, id, (t) => t.includes('не подлежит обработке'), 'rejected');
    expect(card.text).toContain('Не подлежит обработке: оскорбления');
    expect(buttonsOf(h, curators, id)).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'rejected' });
  });

  it('routes digest page buttons to the digest, and answers one for a digest that is gone', async () => {
    const messageId = h.telegram.messages(h.org.chats.curators)[0]!.id;
    expect(await pressData(h, h.org.chats.curators, messageId, CURATOR, 'dg:999999:2')).toBe('Эта кнопка больше не действует: карточка уже изменилась.');
  });

  it('tells a stranger pressing a button that they are not on staff', async () => {
    const id = await citizenWrites(h, 630004, 'Когда починят дорогу в г. Завитинск?');
    expect(await press(h, h.org.chats.curators, id, 999_001, '✅ Направить')).toBe('Вас нет в списке сотрудников. Обратитесь к администратору системы.');
    expect(await row(id)).toMatchObject({ status: 'detected', version: 1 });
  });
});

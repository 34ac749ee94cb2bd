/**
 * Repeats and reopening from the curator's card: "🔁 Это повтор" offers the
 * same author's earlier messages (or a typed number) and links the incident,
 * after which the answer's draft check asks for measures taken; "🔄 Открыть
 * снова" brings an answered incident back to the curator with the cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { routeAsSuggested, writeDraft } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { repeatCandidates, repeatSettings } from '../../shared/staffchat/cards/repeats.js';
import { loadState } from '../../shared/platform/db/events.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const ROADS = 201;
const MEASURES = 'Это повторное обращение: сообщите, какие меры приняты';

beforeAll(async () => {
  // The author's messages here stand for days apart: minutes apart they would join one incident as a burst.
  h = await testHarness({ orgOverrides: { ingest: { burstMinutes: 0 } } });
});
afterAll(async () => h?.dispose());

const status = async (id: number) => (await h.system.ctx.database.db.select().from(incidents).where(eq(incidents.id, id)))[0]!.status;

describe('marking a repeat', () => {
  it('offers the same author\'s earlier messages first, links one, and the draft check asks for measures', async () => {
    const curators = h.org.chats.curators;
    const other = await citizenWrites(h, 692009, 'Фонарь не горит у школы в г. Завитинск');
    const first = await citizenWrites(h, 692001, 'Яма на дороге в с. Антоновка у магазина');
    const second = await citizenWrites(h, 692001, 'Снова пишу: яма на дороге в с. Антоновка так и не засыпана');
    expect((await repeatCandidates(h.system.ctx.database.db, second, repeatSettings(h.system.ctx.org))).map((c) => c.id)).toEqual([first]);
    expect((await repeatCandidates(h.system.ctx.database.db, second, repeatSettings(h.system.ctx.org))).map((c) => c.id)).not.toContain(other);

    expect(await press(h, curators, second, CURATOR, '🔁 Это повтор')).toBe('');
    await until(() => buttonsOf(h, curators, second).find((b) => b.text.startsWith(`№${first} · `)), 'the candidates');
    const labels = buttonsOf(h, curators, second).map((b) => b.text);
    expect(labels[0]).toMatch(new RegExp(`^№${first} · \\d\\d\\.\\d\\d · Яма на дороге`));
    expect(labels).toContain('🔢 Ввести номер');
    // Not the executor's to decide.
    expect(await press(h, curators, second, ROADS, `№${first} · `)).toBe('Это действие не для вашей роли.');

    expect(await press(h, curators, second, CURATOR, `№${first} · `)).toContain(`отмечено как повтор №${first}`);
    const card = await cardSays(h, curators, second, (t) => t.includes(`Повтор сообщения №${first}`), 'the repeat on the card');
    expect(card.text).toContain('о принятых мерах');
    // Back to the usual buttons; the repeat is linked once.
    expect(buttonsOf(h, curators, second).map((b) => b.text)[0]).toMatch(/^✅ Направить/);
    expect(buttonsOf(h, curators, second).some((b) => b.text.startsWith('🔁'))).toBe(false);
    expect((await loadState(h.system.ctx.database.db, second))!.repeatOf).toBe(first);

    await routeAsSuggested(h, second, CURATOR);
    const bare = await writeDraft(h, second, ROADS, ROADS, 'Здравствуйте! Спасибо за обращение.');
    expect(bare.text).toContain(MEASURES);
    // The approver sees the same warning on the card.
    const onApproval = await cardSays(h, curators, second, (t) => t.includes('на согласовании'), 'on approval');
    expect(onApproval.text).toContain(MEASURES);
  });

  it('links by a typed number, asking again after a wrong one', async () => {
    const curators = h.org.chats.curators;
    const earlier = await citizenWrites(h, 692002, 'Не вывозят мусор с ул. Мира в г. Завитинск');
    const later = await citizenWrites(h, 692003, 'Мусор на ул. Мира в г. Завитинск лежит неделю');
    await press(h, curators, later, CURATOR, '🔁 Это повтор');
    await until(() => buttonsOf(h, curators, later).find((b) => b.text === '🔢 Ввести номер'), 'the number button');
    expect(await press(h, curators, later, CURATOR, '🔢 Ввести номер')).toBe('Я написал вам в личный чат с ботом.');
    await until(() => h.telegram.messages(CURATOR).find((m) => m.text?.startsWith(`Сообщение №${later}: повтором какого`)), 'the question');

    const count = () => h.telegram.messages(CURATOR).length;
    let before = count();
    h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: 'тот, что на прошлой неделе' });
    await until(() => h.telegram.messages(CURATOR).slice(before).find((m) => m.text?.startsWith('Нужен номер сообщения цифрами')), 'asked again');
    before = count();
    h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: '999999' });
    await until(() => h.telegram.messages(CURATOR).slice(before).find((m) => m.text?.startsWith('Сообщения №999999 нет')), 'not found');
    before = count();
    h.telegram.injectMessage({ chatId: CURATOR, from: CURATOR, text: `№${earlier}` });
    await until(() => h.telegram.messages(CURATOR).slice(before).find((m) => m.text?.includes(`отмечено как повтор №${earlier}`)), 'linked');
    await cardSays(h, curators, later, (t) => t.includes(`Повтор сообщения №${earlier}`), 'the repeat on the card');
  });
});

describe('reopening', () => {
  it('brings an answered incident back to the curator, who routes it again', async () => {
    const curators = h.org.chats.curators;
    const id = await citizenWrites(h, 692004, 'Когда отремонтируют дорогу в с. Антоновка у моста?');
    await routeAsSuggested(h, id, CURATOR);
    await writeDraft(h, id, ROADS, ROADS, 'Здравствуйте! Ремонт дороги у моста запланирован на май.');
    await cardSays(h, curators, id, (t) => t.includes('на согласовании'), 'on approval');
    await press(h, curators, id, CURATOR, '✅ Утвердить');
    await until(async () => (await status(id)) === 'answered', 'answered');
    await until(() => buttonsOf(h, curators, id).find((b) => b.text === '🔄 Открыть снова'), 'the reopen button');

    expect(await press(h, curators, id, ROADS, '🔄 Открыть снова')).toBe('Это действие не для вашей роли.');
    await press(h, curators, id, CURATOR, '🔄 Открыть снова');
    await until(() => buttonsOf(h, curators, id).find((b) => b.text.startsWith('🙅')), 'the causes');
    expect(await press(h, curators, id, CURATOR, '🙅 Автор не согласен')).toContain(`№${id} открыто снова`);

    const card = await cardSays(h, curators, id, (t) => t.includes('Открыто снова: автор не согласен с ответом'), 'reopened card');
    expect(card.text).toContain('ждёт направления');
    expect(await status(id)).toBe('triaged');
    const state = (await loadState(h.system.ctx.database.db, id))!;
    expect(state.reopenings).toMatchObject([{ cause: 'author_disagreed' }]);
    // The deadline runs again, and the curator routes it anew in one tap.
    expect(card.text).toMatch(/направить до/);
    await routeAsSuggested(h, id, CURATOR);
    // Roads keeps the incident it took before: it is straight back in work there.
    await cardSays(h, ROADS, id, (t) => t.includes('в работе') && t.includes('Открыто снова'), 'back with the executor');
    await until(() => buttonsOf(h, ROADS, id).find((b) => b.url?.includes(`start=d${id}`)), 'the draft link again');
  });
});

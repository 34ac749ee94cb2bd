/**
 * sobolevo-2021 п.19: with several departments routed, the head (Глава), not
 * the curator, names the responsible executor — from the card in the heads'
 * chat. Until then nobody drafts; afterwards the others owe their parts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ORG } from '../../shared/sandbox/demo/harness.js';
import { buttonsOf, cardSays, citizenWrites, press, until } from '../../shared/sandbox/demo/staff.js';
import { loadState } from '../../shared/platform/db/events.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const CURATOR = 101;
const HEAD = 301;
const ROADS = 201;
const HOUSING = 202;
const HOUSING_CHAT = -1001000000010;

let h: TestHarness;
beforeAll(async () => {
  const text = readFileSync(EXAMPLE_ORG, 'utf8').replace(/^profile: .*$/m, 'profile: sobolevo-2021').replace(/^timezone: .*$/m, 'timezone: Asia/Kamchatka');
  const path = join(mkdtempSync(join(tmpdir(), 'otklik-org-')), 'org.yaml');
  writeFileSync(path, text);
  h = await testHarness({ orgPath: path });
});
afterAll(async () => h?.dispose());

describe('sobolevo-2021: the head appoints the responsible department', () => {
  it('offers the routed departments to the head only, and the appointed one writes the joint answer', async () => {
    const id = await citizenWrites(h, 661001, 'В г. Завитинск ЖКХ не вывозит мусор, а дороги во дворе в ямах');
    const curators = h.org.chats.curators;
    const heads = h.org.chats.heads;
    await press(h, curators, id, CURATOR, '🏢 Подразделения');
    await press(h, curators, id, CURATOR, 'Несколько…');
    // The curator is not asked who is responsible here: the head decides.
    expect(buttonsOf(h, curators, id).some((b) => b.text.startsWith('Ответственный'))).toBe(false);
    await press(h, curators, id, CURATOR, '« Назад');
    await press(h, curators, id, CURATOR, '✅ Направить');

    const card = await cardSays(h, heads, id, (t) => t.includes('направлено исполнителю'), 'the card in the heads\' chat');
    expect(card.text).toContain('руководитель');
    expect(buttonsOf(h, heads, id).map((b) => b.text)).toEqual([
      '👤 Назначить ответственным: Отдел ЖКХ',
      '👤 Назначить ответственным: Отдел дорожного хозяйства',
      // п.18: the head may also shorten the term.
      ...['1 час', '2 часа', '3 часа', '4 часа', '5 часов', '6 часов', '7 часов'].map((x) => `⏱ ${x}`),
    ]);
    // Nobody drafts before the head decides: the roads executor may take it, but gets no draft link.
    await press(h, ROADS, id, ROADS, '🙋 Взять');
    await cardSays(h, ROADS, id, (t) => t.includes('Петров Пётр'), 'taken by roads');
    expect(buttonsOf(h, ROADS, id).some((b) => b.url?.includes(`start=d${id}`))).toBe(false);

    // The curator's tap in the heads' chat is refused and changes nothing.
    expect(await press(h, heads, id, CURATOR, '👤 Назначить ответственным: Отдел дорожного хозяйства')).toBe('Это действие не для вашей роли.');
    expect((await loadState(h.system.ctx.database.db, id))!.routing!.responsible).toBeNull();

    expect(await press(h, heads, id, HEAD, '👤 Назначить ответственным: Отдел дорожного хозяйства')).toContain('Ответственный исполнитель: Отдел дорожного хозяйства');
    await cardSays(h, heads, id, (t) => t.includes('Отдел дорожного хозяйства (отв.)'), 'the responsible on the card');
    expect(buttonsOf(h, heads, id).map((b) => b.text)).toContain('✓ Ответственный: Отдел дорожного хозяйства');
    const state = (await loadState(h.system.ctx.database.db, id))!;
    expect(state.routing!.responsible).toBe('roads');
    expect(state.status).toBe('awaiting_parts');

    // Housing is now a co-executor and owes its part; roads waits for it, then drafts.
    await cardSays(h, HOUSING_CHAT, id, (t) => t.includes('Части соисполнителей'), 'the co-executor\'s card');
    await press(h, HOUSING_CHAT, id, HOUSING, '🙋 Взять');
    await until(() => buttonsOf(h, HOUSING_CHAT, id).find((b) => b.text === '🧩 Отправить часть'), 'the part button');
    await until(() => buttonsOf(h, ROADS, id).find((b) => b.url?.includes(`start=d${id}`)), 'the draft link for roads');
  });
});

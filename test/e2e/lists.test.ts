/** /my, /overdue and /find in a staff member's private chat; an executor sees their department's incidents only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { cardSays, citizenWrites, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const CURATOR = 101;
const ROADS = 201;
const HOUSING = 202;
let routed = 0;
let fresh = 0;

beforeAll(async () => {
  h = await testHarness({ clock });
  routed = await citizenWrites(h, 690001, 'Яма на дороге в с. Антоновка у магазина');
  await routeAsSuggested(h, routed, CURATOR);
  await cardSays(h, ROADS, routed, (t) => t.includes('направлено исполнителю'), 'routed');
  fresh = await citizenWrites(h, 690002, 'Не горит освещение во дворе');
});
afterAll(async () => h?.dispose());

async function ask(userId: number, text: string): Promise<string> {
  const before = h.telegram.messages(userId).length;
  h.telegram.injectMessage({ chatId: userId, from: userId, text });
  const reply = await until(() => h.telegram.messages(userId).slice(before).find((m) => m.fromBot), `the reply to ${text}`);
  return reply.text ?? '';
}

describe('staff lists', () => {
  it('/my shows each person what waits for them, with the deadline', async () => {
    const executor = await ask(ROADS, '/my');
    expect(executor).toContain(`№${routed} ·`);
    expect(executor).not.toContain(`№${fresh} ·`);
    expect(executor).toMatch(/до .*осталось/);
    const curator = await ask(CURATOR, '/my');
    expect(curator).toContain(`№${fresh} ·`);
    expect(curator).not.toContain(`№${routed} ·`);
  });

  it('/find finds by number and by words', async () => {
    expect(await ask(CURATOR, `/find ${routed}`)).toContain('Яма на дороге');
    const byWords = await ask(CURATOR, '/find освещение');
    expect(byWords).toContain(`№${fresh} ·`);
    expect(byWords).not.toContain(`№${routed} ·`);
    expect(await ask(CURATOR, '/find')).toContain('Напишите номер или слова');
  });

  it('/overdue lists what is late once the deadlines pass', async () => {
    expect(await ask(CURATOR, '/overdue')).toBe('Просроченных сообщений нет. 👍');
    offset = 10 * 24 * 3600_000; // ten days on: every deadline has passed
    const late = await ask(CURATOR, '/overdue');
    expect(late).toContain(`№${routed} ·`);
    expect(late).toContain(`№${fresh} ·`);
    expect(late).toContain('просрочено на');
  });

  it('shows an executor only their own department\'s incidents', async () => {
    // Run after the test above: every deadline has passed.
    const roads = await ask(ROADS, '/overdue');
    expect(roads).toContain(`№${routed} ·`);
    expect(roads).not.toContain(`№${fresh} ·`);
    expect(await ask(HOUSING, '/overdue')).toBe('Просроченных сообщений нет. 👍');
    expect(await ask(HOUSING, `/find ${routed}`)).toContain('Ничего не найдено');
    expect(await ask(HOUSING, '/find Яма')).toContain('Ничего не найдено');
    expect(await ask(ROADS, '/find Яма')).toContain(`№${routed} ·`);
  });

  it('refuses lists in a group chat and asks to write in private', async () => {
    const group = h.org.chats.curators;
    const before = h.telegram.messages(group).length;
    h.telegram.injectMessage({ chatId: group, from: CURATOR, text: `/find ${routed}` });
    const reply = await until(() => h.telegram.messages(group).slice(before).find((m) => m.fromBot), 'the reply in the group');
    expect(reply.text).toContain('только в личном чате');
    expect(reply.text).not.toContain('Яма');
  });

  it('tells a stranger whom to ask', async () => {
    expect(await ask(999_002, '/my')).toContain('попросите администратора');
  });
});

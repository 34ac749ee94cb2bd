/**
 * Joining the staff on MAX, where the app shows nobody their id: someone who opens the bot is greeted
 * with it (a citizen reads the usual greeting), and an admin's invite link — a max.ru deep link —
 * makes its opener staff, with the bot's menu set once for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { until } from '../../shared/sandbox/demo/staff.js';

let h: TestHarness;
const ADMIN = 102; // Смирнова Ольга: curator and admin in the example organisation

beforeAll(async () => {
  h = await testHarness({ messenger: 'max' });
});
afterAll(async () => h?.dispose());

const dialog = (userId: number) => h.max!.messages(h.max!.dialogOf(userId));

describe('joining the staff on MAX', () => {
  it('greets someone not on staff who opens the bot, with their MAX id', async () => {
    h.max!.startBot({ userId: 4_100_777, name: 'Пётр' });
    const greeting = await until(() => dialog(4_100_777).find((m) => m.body.text?.includes('ваш номер в MAX')), 'the greeting');
    expect(greeting.body.text).toContain('Это официальный бот администрации');
    expect(greeting.body.text).toContain('ваш номер в MAX — 4100777');
  });

  it('an admin\'s invite is a max.ru deep link; opening it makes the person an executor', async () => {
    h.max!.citizenWrites({ userId: ADMIN, text: '/invite executor roads' });
    const created = await until(() => dialog(ADMIN).find((m) => m.body.text?.includes('Ссылка-приглашение')), 'the invite');
    const link = /https:\/\/max\.ru\/otklik_max_bot\?start=(inv-[A-Za-z0-9_-]+)/.exec(created.body.text ?? '');
    expect(link, created.body.text ?? '').not.toBeNull();
    h.max!.startBot({ userId: 4_200_001, name: 'Новиков', payload: link![1]! });
    const welcome = await until(() => dialog(4_200_001).find((m) => m.body.text?.startsWith('Здравствуйте, Новиков!')), 'the welcome');
    expect(welcome.body.text).toContain('Вы подключены к «Отклику»');
    // Now staff: /start answers as whom, not with the citizens' greeting.
    h.max!.citizenWrites({ userId: 4_200_001, text: '/start' });
    await until(() => dialog(4_200_001).find((m) => m.body.text?.includes('Исполнитель') || m.body.text?.includes('исполнитель')), 'the staff /start');
  });

  it('sets one command menu for everyone (MAX has no per-chat menus): start and help', async () => {
    const me = await until(async () => {
      const res = await fetch(`${h.max!.apiRoot}/me`, { headers: { Authorization: h.max!.token } });
      const body = (await res.json()) as { commands: Array<{ name: string }> | null };
      return body.commands?.length ? body.commands : undefined;
    }, 'the menu');
    expect(me.map((c) => c.name)).toEqual(['start', 'help']);
  });
});

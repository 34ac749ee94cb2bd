/**
 * Discoverability (issue 17, item 7): the bot publishes its command menu per
 * scope at start (everyone's private chat, each work chat, each staff member's
 * private chat by role), in Russian; /help answers each role with its own
 * commands and Russian arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const CURATOR = 101;
const EXECUTOR = 201;
const HEAD = 301;
const ADMIN = 501;
const STRANGER = 778001;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

type Menu = { scope: { type: string; chat_id?: number }; commands: { command: string; description: string }[] };

function menus(): Menu[] {
  return h.telegram.calls
    .filter((c) => c.method.toLowerCase() === 'setmycommands')
    .map((c) => {
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      return { scope: parse(c.params.scope) ?? { type: 'default' }, commands: parse(c.params.commands) } as Menu;
    });
}
const menuOf = (chatId: number) => menus().find((m) => m.scope.type === 'chat' && Number(m.scope.chat_id) === chatId)?.commands.map((c) => c.command);

async function say(user: number, text: string): Promise<string> {
  const before = h.telegram.messages(user).length;
  h.telegram.injectMessage({ chatId: user, from: user, text });
  const reply = await until(() => h.telegram.messages(user).slice(before).find((m) => m.from?.is_bot), `the reply to ${text}`);
  return reply.text ?? '';
}

describe('command menus', () => {
  it('are set per scope with Russian descriptions', () => {
    const all = menus();
    expect(all.find((m) => m.scope.type === 'all_private_chats')?.commands.map((c) => c.command)).toEqual(['start', 'help']);
    expect(menuOf(h.org.chats.curators)).toEqual(['my', 'overdue', 'find', 'report', 'help']);
    expect(menuOf(h.org.chats.heads)).toEqual(['overdue', 'find', 'report', 'help']);
    expect(menuOf(h.org.chats.duty)).toEqual(['overdue', 'find', 'help']);
    const housing = h.org.departments.find((d) => d.id === 'housing')!.chat!;
    expect(menuOf(housing)).toEqual(['my', 'find', 'help']);
    // Private chats by role: the executor sees no admin or report commands, the admin sees theirs.
    expect(menuOf(EXECUTOR)).toEqual(['my', 'find', 'card', 'away', 'cancel', 'help', 'start']);
    expect(menuOf(CURATOR)).toEqual(['my', 'overdue', 'find', 'card', 'report', 'templates', 'receipt', 'away', 'dismiss', 'cancel', 'help', 'start']);
    expect(menuOf(ADMIN)).toEqual(['my', 'find', 'card', 'away', 'cancel', 'invite', 'staff', 'revoke', 'privacy', 'help', 'start']);
    for (const m of all) {
      for (const c of m.commands) expect(c.description).toMatch(/^[А-ЯЁ][а-яё ,:]+/);
    }
    expect(all.flatMap((m) => m.commands).find((c) => c.command === 'overdue')?.description).toBe('Просроченные сообщения');
  });
});

describe('/help', () => {
  it('answers each role with its own commands, arguments in Russian', async () => {
    const executor = await say(EXECUTOR, '/help');
    const curator = await say(CURATOR, '/help');
    const head = await say(HEAD, '/help');
    const admin = await say(ADMIN, '/help');
    for (const text of [executor, curator, head, admin]) expect(text).toContain('/my — что ждёт вас');
    for (const text of [executor, curator, head, admin]) expect(text).toMatch(/\/card — .*\n\/cancel — /);

    expect(executor).toContain('Исполнителю:');
    expect(executor).not.toContain('/invite');
    expect(executor).not.toContain('/report');
    expect(curator).toContain('/report неделя');
    expect(curator).not.toContain('/invite');
    expect(curator).toContain('/templates — шаблоны ответов');
    expect(curator).toContain('/receipt');
    expect(executor).not.toContain('/templates');
    expect(executor).toContain('📋 Шаблоны');
    expect(head).toContain('Руководителю:');
    expect(head).not.toContain('Куратору:');
    expect(admin).toContain('/invite роль [подразделение]');
    expect(new Set([executor, curator, head, admin]).size).toBe(4);
    for (const text of [executor, curator, head, admin]) expect(text).not.toMatch(/\/report (week|month|quarter)|\/away off/);

    expect(await say(STRANGER, '/help')).toContain('Вас нет в списке сотрудников');
  });
});

/**
 * Staff invitations end to end: an admin issues a one-time, expiring deep
 * link; whoever opens it joins with that role and gets cards like file
 * staff; a stranger without one can do nothing; /staff lists and /revoke
 * takes access back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAsSuggested } from '../../shared/sandbox/demo/flow.js';
import { buttonsOf, cardIn, cardSays, citizenWrites, press, pressData, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
const ADMIN = 501;
const CURATOR = 101;
const NEWCOMER = 777001;
const LATECOMER = 777002;
const STRANGER = 777003;
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };

beforeAll(async () => {
  h = await testHarness({ clock });
});
afterAll(async () => h?.dispose());

/** Sends a private message and waits for the bot's next reply in that chat. */
async function say(user: number, text: string, name?: { first_name: string; last_name?: string }): Promise<string> {
  const before = h.telegram.messages(user).length;
  h.telegram.injectMessage({ chatId: user, from: name ? { id: user, ...name } : user, text });
  const reply = await until(() => h.telegram.messages(user).slice(before).find((m) => m.from?.is_bot), `the reply to ${text}`);
  return reply.text ?? '';
}

const linkIn = (text: string) => /https:\/\/t\.me\/otklik_test_bot\?start=(inv-[A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('staff invitations', () => {
  it('a stranger without an invite is told whom to ask and can do nothing', async () => {
    expect(await say(STRANGER, '/start')).toContain('попросите администратора системы «Отклик» в вашей администрации прислать вам ссылку-приглашение');
    expect(await say(STRANGER, '/my')).toContain('Вас нет в списке сотрудников');
    expect(await say(STRANGER, '/invite curator')).toContain('Вас нет в списке сотрудников');
    const id = await citizenWrites(h, 693001, 'Не работает освещение на дороге в г. Завитинск');
    const card = cardIn(h, h.org.chats.curators, id)!;
    const confirm = buttonsOf(h, h.org.chats.curators, id).find((b) => b.text.startsWith('✅ Направить'))!;
    expect(await pressData(h, h.org.chats.curators, card.id, STRANGER, confirm.callback_data!)).toContain('Вас нет в списке сотрудников');
  });

  it('only an admin invites, in private, with a valid role and department', async () => {
    expect(await say(CURATOR, '/invite curator')).toBe('Приглашать сотрудников может только администратор системы.');
    expect(await say(ADMIN, '/invite boss')).toContain('Как пригласить: /invite роль');
    expect(await say(ADMIN, '/invite admin')).toContain('Как пригласить'); // admins only come from the file
    expect(await say(ADMIN, '/invite executor')).toContain('Исполнителю нужно подразделение');
    expect(await say(ADMIN, '/invite executor nowhere')).toContain('Исполнителю нужно подразделение');
    expect(await say(ADMIN, '/invite curator roads')).toBe('Подразделение указывается только для исполнителя.');
    const before = h.telegram.messages(h.org.chats.curators).length;
    h.telegram.injectMessage({ chatId: h.org.chats.curators, from: ADMIN, text: '/invite curator' });
    await until(() => h.telegram.messages(h.org.chats.curators).slice(before).find((m) => m.text?.includes('в личном чате с ботом')), 'refused in a group');
  });

  it('the link makes its opener an executor once; the card then reaches them and they can act', async () => {
    const reply = await say(ADMIN, '/invite executor roads');
    expect(reply).toContain('«исполнитель (Отдел дорожного хозяйства)»');
    const payload = linkIn(reply)!;
    expect(payload).toBeDefined();

    const welcome = await say(NEWCOMER, `/start ${payload}`, { first_name: 'Егор', last_name: 'Белов' });
    expect(welcome).toContain('Здравствуйте, Егор Белов! Вы подключены к «Отклику»: исполнитель (Отдел дорожного хозяйства)');
    expect(await say(NEWCOMER, '/start')).toContain('Вы подключены к «Отклику» как исполнитель');
    expect(await say(NEWCOMER, '/my')).toContain('Сейчас ничего не ждёт вас');
    // One-time: the next person with the same link is refused.
    expect(await say(LATECOMER, `/start ${payload}`)).toContain('ссылка-приглашение недействительна');
    expect(await say(LATECOMER, '/my')).toContain('Вас нет в списке сотрудников');

    // Roads has no chat: its executors, invited ones included, get the card privately and can take it.
    const id = await citizenWrites(h, 693002, 'Яма на дороге в с. Антоновка у школы');
    await routeAsSuggested(h, id, CURATOR);
    await cardSays(h, NEWCOMER, id, (t) => t.includes('направлено исполнителю'), 'the invited executor\'s card');
    expect(await press(h, NEWCOMER, id, NEWCOMER, '🙋 Взять')).toBe('Взято в работу');
    await cardSays(h, h.org.chats.curators, id, (t) => t.includes('Егор Белов'), 'the curators see who took it');
  });

  it('an invite expires', async () => {
    const payload = linkIn(await say(ADMIN, '/invite duty'))!;
    offset += 73 * 3600_000;
    expect(await say(LATECOMER, `/start ${payload}`)).toContain('ссылка-приглашение недействительна');
    offset = 0;
  });

  it('/staff lists who joined and the open links; /revoke takes each back', async () => {
    const open = linkIn(await say(ADMIN, '/invite head'))!;
    const list = await say(ADMIN, '/staff');
    expect(list).toContain('Сотрудников в файле организации: 8');
    expect(list).toContain(`• Егор Белов — исполнитель (Отдел дорожного хозяйства), id ${NEWCOMER}`);
    expect(list).toContain(`руководитель, до`);
    expect(list).toContain(`код ${open.slice(4)}`);

    expect(await say(ADMIN, '/revoke 101')).toContain('указан в файле организации');
    expect(await say(ADMIN, `/revoke ${open}`)).toContain('отозвано');
    expect(await say(LATECOMER, `/start ${open}`)).toContain('недействительна');
    // The message they took goes back to the curator (test/e2e/staff-removal.test.ts tells the whole story).
    expect(await say(ADMIN, `/revoke ${NEWCOMER}`)).toBe(`Доступ сотрудника ${NEWCOMER} отозван.\nВозвращено куратору: 1 сообщение.`);
    expect(await say(NEWCOMER, '/my')).toContain('Вас нет в списке сотрудников');
    expect(await say(ADMIN, `/revoke ${NEWCOMER}`)).toContain('Нечего отзывать');
    expect(await say(ADMIN, '/staff')).toContain('По приглашению пока никто не подключён');
  });
});

/**
 * OK deliveries must name our group (issue #18). OK's webhook message names
 * only the chat, and OK posts from its own addresses for any group whose
 * admin subscribed our URL; so only deliveries to the URL we subscribed,
 * with our group's key, are taken. Another group's subscription of our
 * address — with no key, or with its own — is refused and nothing of it is
 * stored or shown to staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okWebhookKey, withOkWebhookKey } from '../../shared/networks/ok/webhook-key.js';
import { inboundEvents, incidents } from '../../shared/platform/db/schema.js';
import { until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());

const db = () => h.system.ctx.database.db;

/** What OK posts for another group's chat: the documented shape, which names no group. */
const foreign = (n: number) => ({
  webhookType: 'MESSAGE_CREATED',
  sender: { user_id: 'user:910000000001', name: 'Чужой Пользователь' },
  recipient: { chat_id: 'chat:COTHERGROUP01' },
  message: { text: `Сообщение в чужую группу ${n}`, mid: `mid:COTHERGROUP01.${n}` },
  timestamp: Date.now(),
});

/** OK posting from its address (loopback here, as the fake OK does) to a URL some group subscribed. */
const postAsOk = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) }).then((r) => r.status);

describe('an OK delivery for another group', () => {
  it('is refused, whether its subscription has no key or another group\'s, and nothing of it is stored or carded', async () => {
    const bare = h.okWebhookUrl.split('?')[0]!;
    const otherKey = withOkWebhookKey(bare, okWebhookKey('tkn1AnotherGroupsToken:ZZZZZZZZZZ'));
    expect(await postAsOk(bare, foreign(1))).toBe(403);
    expect(await postAsOk(otherKey, foreign(2))).toBe(403);
    // A guessed key of the right length, and the right key twice (an ambiguous URL), fare no better.
    expect(await postAsOk(`${bare}?key=${'A'.repeat(32)}`, foreign(3))).toBe(403);
    const key = new URL(h.okWebhookUrl).searchParams.get('key')!;
    expect(await postAsOk(`${bare}?key=${key}&key=${key}`, foreign(4))).toBe(403);

    // Our own group's citizen, through the subscription the bots made, is taken as ever.
    const { statuses } = await h.ok.citizenWrites({ userId: 575493468851, name: 'Галина Петрова', text: 'Не горит фонарь у школы' });
    expect(statuses).toEqual([200]);
    const curators = h.org.chats.curators;
    await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('Не горит фонарь у школы')), 'our group\'s card');

    const stored = await db().select().from(inboundEvents);
    expect(stored.map((e) => e.eventKey).filter((k) => k.startsWith('mid:COTHERGROUP01'))).toEqual([]);
    expect(stored).toHaveLength(1);
    expect((await db().select().from(incidents)).map((i) => i.text)).toEqual(['Не горит фонарь у школы']);
    expect(h.telegram.messages(curators).filter((m) => m.text?.includes('чужую группу'))).toEqual([]);
  });
});

/**
 * The second, public bot on a webhook: it is registered at TELEGRAM_WEBHOOK_URL
 * + "/public" with the same secret, refuses updates without it, stores a
 * re-delivered update once, and treats everyone as a citizen — staff included
 * — while the staff bot keeps strangers out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inboundEvents, incidents } from '../../shared/platform/db/schema.js';
import { FAKE_SECRETS } from '../../shared/sandbox/demo/harness.js';
import { until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

const SECRET = 'public-bot-webhook-secret';
const STAFF_URL = 'http://127.0.0.1:9/webhooks/telegram';
const PUBLIC_ID = 7_000_000_002;
let h: TestHarness;

beforeAll(async () => {
  h = await testHarness({ publicBot: true, env: { TELEGRAM_WEBHOOK_URL: STAFF_URL, TELEGRAM_WEBHOOK_SECRET: SECRET } });
});
afterAll(async () => h?.dispose());

function privateUpdate(updateId: number, fromId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: fromId, type: 'private', first_name: 'Тест' },
      from: { id: fromId, is_bot: false, first_name: 'Тест', last_name: 'Житель' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
    },
  };
}

const post = (path: string, body: unknown, secret?: string) =>
  fetch(`http://127.0.0.1:${h.system.bots.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });
const incidentsOf = (chatId: number, messageId: number) =>
  h.system.ctx.database.db.select().from(incidents).where(eq(incidents.sourceKey, `${chatId}:${messageId}`));

describe('the public bot on a webhook', () => {
  it('registers both bots, the public one at the staff URL + /public with the same secret', () => {
    expect(h.telegram.webhookInfo()).toMatchObject({ url: STAFF_URL });
    expect(h.telegram.webhookInfo(FAKE_SECRETS.telegramPublicToken)).toMatchObject({ url: `${STAFF_URL}/public` });
    const publicSet = h.telegram.calls.find((c) => c.method === 'setWebhook' && c.token === FAKE_SECRETS.telegramPublicToken);
    expect(publicSet?.params.secret_token).toBe(SECRET);
  });

  it('refuses updates without the secret and stores a re-delivered one once', async () => {
    const update = privateUpdate(5001, 700_201, 'Не горит фонарь на дороге в г. Завитинск');
    expect((await post('/webhooks/telegram/public', update)).status).toBe(401);
    expect((await post('/webhooks/telegram/public', update, SECRET)).status).toBe(200);
    expect((await post('/webhooks/telegram/public', update, SECRET)).status).toBe(200);
    const [incident] = await until(async () => {
      const found = await incidentsOf(700_201, 5001);
      return found.length ? found : undefined;
    }, 'the incident');
    expect(incident).toMatchObject({ network: 'telegram', kind: 'direct' });
    // The public bot's update ids are its own: they are kept apart from the staff bot's.
    const stored = await h.system.ctx.database.db.select().from(inboundEvents).where(eq(inboundEvents.eventKey, `${PUBLIC_ID}-5001`));
    expect(stored).toHaveLength(1);
    expect(await incidentsOf(700_201, 5001)).toHaveLength(1);
  });

  it('greets a citizen on /start, and treats a staff member writing to it as a citizen', async () => {
    expect((await post('/webhooks/telegram/public', privateUpdate(5002, 700_202, '/start'), SECRET)).status).toBe(200);
    const greeting = await until(() => h.telegram.messages(700_202).find((m) => m.fromBot), 'the greeting');
    expect(greeting.text).toContain('Это официальный бот');
    expect(greeting.from?.id).toBe(PUBLIC_ID);

    const curator = h.org.staff.find((s) => s.roles.includes('curator'))!;
    expect((await post('/webhooks/telegram/public', privateUpdate(5003, curator.telegramId, 'Во дворе дома 5 яма'), SECRET)).status).toBe(200);
    const [incident] = await until(async () => {
      const found = await incidentsOf(curator.telegramId, 5003);
      return found.length ? found : undefined;
    }, "the staff member's incident");
    expect(incident).toMatchObject({ network: 'telegram', kind: 'direct', authorId: String(curator.telegramId) });
  });

  it('leaves the staff bot to staff: a stranger there is told whom to ask, not greeted as a citizen', async () => {
    expect((await post('/webhooks/telegram', privateUpdate(5004, 700_203, '/start'), SECRET)).status).toBe(200);
    const reply = await until(() => h.telegram.messages(700_203).find((m) => m.fromBot), 'the reply');
    expect(reply.text).toContain('попросите администратора');
    expect(reply.from?.id).toBe(h.telegram.bot.id);
  });
});

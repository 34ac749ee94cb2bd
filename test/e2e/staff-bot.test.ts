/**
 * The staff bot in webhook mode: Telegram's secret header is checked before
 * any update is handled, staff are greeted by role, strangers are told whom
 * to ask. Driven over HTTP as Telegram would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHarness, type TestHarness } from '../kit/harness.js';

const SECRET = 'staff-bot-webhook-secret';
let h: TestHarness;
let updateId = 1000;

beforeAll(async () => {
  h = await testHarness({ env: { TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/telegram', TELEGRAM_WEBHOOK_SECRET: SECRET } });
});

afterAll(async () => h?.dispose());

function startUpdate(fromId: number) {
  updateId += 1;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: fromId, type: 'private', first_name: 'Тест' },
      from: { id: fromId, is_bot: false, first_name: 'Тест' },
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  };
}

const post = (body: unknown, secret?: string) =>
  fetch(`http://127.0.0.1:${h.system.bots.port}/webhooks/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(body),
  });

describe('staff bot webhook', () => {
  it('registers the webhook with its secret at start', () => {
    expect(h.telegram.webhookInfo()).toMatchObject({ url: 'http://127.0.0.1:9/webhooks/telegram' });
    const call = h.telegram.calls.find((c) => c.method === 'setWebhook');
    expect(call?.params.secret_token).toBe(SECRET);
  });

  it('refuses updates without the right secret header and handles none of them', async () => {
    const curator = h.org.staff.find((s) => s.roles.includes('curator'))!;
    expect((await post(startUpdate(curator.telegramId))).status).toBe(401);
    expect((await post(startUpdate(curator.telegramId), 'wrong')).status).toBe(401);
    expect(h.telegram.messages(curator.telegramId)).toHaveLength(0);
  });

  it('greets a staff member with their roles', async () => {
    const curator = h.org.staff.find((s) => s.roles.includes('curator'))!;
    expect((await post(startUpdate(curator.telegramId), SECRET)).status).toBe(200);
    const [reply] = h.telegram.messages(curator.telegramId);
    expect(reply?.text).toContain(curator.name);
    expect(reply?.text).toContain('куратор');
  });

  it('tells a stranger politely whom to ask, and nothing more', async () => {
    expect((await post(startUpdate(999_999), SECRET)).status).toBe(200);
    const [reply] = h.telegram.messages(999_999);
    expect(reply?.text).toContain('попросите администратора');
  });
});

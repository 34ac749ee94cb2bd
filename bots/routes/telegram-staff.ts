import { webhookCallback, type Bot } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Route } from '../../shared/platform/http/server.js';

/**
 * POST /webhooks/telegram, the staff bot's webhook (only when TELEGRAM_WEBHOOK_URL is set;
 * otherwise the bot long-polls). grammY checks X-Telegram-Bot-Api-Secret-Token and answers
 * 401 on a mismatch.
 */
export function telegramStaffRoute(bot: Bot<BotContext>, secret: string): Route {
  return { method: 'POST', path: '/webhooks/telegram', handle: webhookCallback(bot, 'http', { secretToken: secret }) };
}

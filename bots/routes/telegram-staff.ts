import type { Bot, Context } from 'grammy';
import { telegramWebhook } from '../http/telegram-webhook.js';
import type { BotContext } from '../telegram/context.js';
import type { Route } from '../../shared/platform/http/server.js';

/**
 * POST /webhooks/telegram, the staff bot's webhook (only when TELEGRAM_WEBHOOK_URL is set;
 * otherwise the bot long-polls). X-Telegram-Bot-Api-Secret-Token is checked first and a
 * mismatch answered 401 (telegram-webhook.ts).
 */
export function telegramStaffRoute<C extends Context = BotContext>(bot: Bot<C>, secret: string): Route {
  return { method: 'POST', path: '/webhooks/telegram', handle: telegramWebhook(bot, secret) };
}

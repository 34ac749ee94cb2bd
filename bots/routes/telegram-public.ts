import type { Bot } from 'grammy';
import { telegramWebhook } from '../http/telegram-webhook.js';
import type { Route } from '../../shared/platform/http/server.js';

/** Where the public bot's webhook is served; its URL is TELEGRAM_WEBHOOK_URL + "/public". */
const PATH = '/webhooks/telegram/public';

export function publicWebhookUrl(staffUrl: string): string {
  const url = new URL(staffUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/public`;
  return url.toString();
}

/**
 * POST /webhooks/telegram/public, the citizens' own bot's webhook (TELEGRAM_PUBLIC_BOT_TOKEN),
 * with the staff bot's secret; answers 401 on a mismatch (telegram-webhook.ts).
 */
export function telegramPublicRoute(bot: Bot, secret: string): Route {
  return { method: 'POST', path: PATH, handle: telegramWebhook(bot, secret) };
}

/**
 * The citizens' own bot (TELEGRAM_PUBLIC_BOT_TOKEN): it only takes citizens'
 * private messages and the discussion group's comments; replies go out
 * through it from the worker's publish job. No staff feature is mounted, so
 * nothing a citizen sends can reach cards, drafts or commands.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AppContext } from '../../shared/networks/context.js';
import { errorBoundary } from './error-boundary.js';
import { telegramClientOptions } from '../../shared/networks/telegram/client.js';
import { publicCitizensFeature } from './features/citizens.js';

export function createPublicBot(token: string, deps: { app: AppContext; botInfo?: UserFromGetMe }) {
  const { app } = deps;
  const bot = new Bot(token, { client: telegramClientOptions(app.env, app.outbound), ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  errorBoundary(bot, app, 'public bot').use(publicCitizensFeature(app));
  return bot;
}

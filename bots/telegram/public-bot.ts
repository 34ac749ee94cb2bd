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
import { telegramClientOptions } from '../../shared/networks/telegram/client.js';
import { publicCitizensFeature } from './features/citizens.js';
import { boundaryHandler, catchHandler } from './unstored.js';

export function createPublicBot(ctx: AppContext, token: string, opts: { botInfo?: UserFromGetMe } = {}) {
  const bot = new Bot(token, { client: telegramClientOptions(ctx.env, ctx.outbound), ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const guarded = bot.errorBoundary(boundaryHandler(ctx, 'public bot handler failed'));
  guarded.use(publicCitizensFeature(ctx));
  bot.catch(catchHandler(ctx, bot, 'public bot error'));
  return bot;
}

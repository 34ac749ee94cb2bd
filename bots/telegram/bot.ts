/**
 * The staff bot: one Composer per feature, assembled here, behind an error
 * boundary so one failing handler never stops the bot. Creating it has no
 * side effects; the caller decides between long polling and a webhook.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AppContext } from '../../shared/networks/context.js';
import { telegramClientOptions } from '../../shared/networks/telegram/client.js';
import { awayFeature } from './features/away.js';
import { cardButtonsFeature } from './features/card-buttons.js';
import { citizensFeature } from './features/citizens.js';
import { draftingFeature } from './features/drafting.js';
import { helpFeature } from './features/help.js';
import { invitesFeature } from './features/invites.js';
import { listsFeature } from './features/lists.js';
import { manualFeature } from './features/manual.js';
import { pendingInputFeature } from './features/pending-input.js';
import { reportFeature } from './features/report.js';
import { startFeature } from './features/start.js';
import { boundaryHandler, catchHandler } from './unstored.js';

export function createStaffBot(ctx: AppContext, token: string, opts: { botInfo?: UserFromGetMe } = {}) {
  const bot = new Bot(token, { client: telegramClientOptions(ctx.env, ctx.outbound), ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });
  // Replies to a person wait out a 429 rather than vanish; cards go through the worker's per-chat lanes.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const guarded = bot.errorBoundary(boundaryHandler(ctx, 'staff bot handler failed'));
  guarded.use(citizensFeature(ctx)); // first: a citizen's message is never a staff command
  guarded.use(draftingFeature(ctx)); // before /start: it owns the draft deep link
  guarded.use(invitesFeature(ctx)); // before /start: it owns the invite deep link
  guarded.use(startFeature(ctx));
  guarded.use(helpFeature());
  guarded.use(listsFeature(ctx));
  guarded.use(reportFeature(ctx));
  guarded.use(awayFeature(ctx));
  guarded.use(cardButtonsFeature(ctx));
  guarded.use(pendingInputFeature(ctx));
  guarded.use(manualFeature(ctx)); // last: whatever a curator sends that nothing else took
  bot.catch(catchHandler(ctx, bot, 'staff bot error'));
  return bot;
}

/**
 * The staff bot, in whichever messenger staff work (the staff-messenger port:
 * Telegram, or MAX behind the same Bot API methods): one Composer per feature,
 * assembled here in the order they take an update, behind an error boundary so one failing handler never
 * stops the bot; the catch-all for stale buttons last. Creating it has no
 * side effects; the caller decides between long polling and a webhook.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AppContext } from '../../shared/networks/context.js';
import { buttonGate, buttonGone } from './buttons.js';
import { loadStaff, type BotContext } from './context.js';
import { errorBoundary } from './error-boundary.js';
import { approvalFeature } from './features/approval.js';
import type { StaffMessenger } from '../../shared/networks/staff-messenger.js';
import { awayFeature } from './features/away.js';
import { citizensFeature } from './features/citizens.js';
import { cardFeature } from './features/card.js';
import { closingFeature } from './features/closing.js';
import { dismissalFeature } from './features/dismissal.js';
import { draftingFeature } from './features/drafting.js';
import { escalationFeature } from './features/escalation.js';
import { headFeature } from './features/head.js';
import { helpFeature } from './features/help.js';
import { historyFeature } from './features/history.js';
import { invitesFeature } from './features/invites.js';
import { privacyFeature } from './features/privacy.js';
import { listsFeature } from './features/lists.js';
import { manualFeature } from './features/manual.js';
import { pendingInputFeature } from './features/pending-input.js';
import { publicationFeature } from './features/publication.js';
import { repeatsFeature } from './features/repeats.js';
import { reportFeature } from './features/report.js';
import { startFeature } from './features/start.js';
import { successFeature } from './features/success.js';
import { templatesFeature } from './features/templates.js';
import { triageFeature } from './features/triage.js';
import { termsFeature } from './features/terms.js';
import { workFeature } from './features/work.js';

export function createStaffBot(messenger: StaffMessenger, deps: { app: AppContext; botInfo?: UserFromGetMe }) {
  const { app } = deps;
  const bot = new Bot<BotContext>(messenger.token, { client: messenger.clientOptions(), ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  // On MAX, the translation answers every call; installed first, so auto-retry below wraps it.
  messenger.wire(bot.api);
  // Replies to a person wait out a 429 rather than vanish; cards go through the worker's per-chat lanes.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const features = errorBoundary(bot, app, 'staff bot');
  // First: a citizen's message is never a staff command, and is stored before anything may fail. On MAX the
  // citizens' messages never reach this bot (bots/max/staff-updates.ts sorts them out before).
  if (messenger.kind === 'telegram') features.use(citizensFeature(app));
  features.use(loadStaff(app)); // ctx.staff for everything below
  features.use(templatesFeature(app)); // before the gate: its buttons are about no incident, and it takes the answers to its own questions
  features.use(buttonGate(app)); // ctx.button for the features' button handlers

  features.use(draftingFeature(app)); // before /start: it owns the draft deep link
  features.use(invitesFeature(app)); // before /start: it owns the invite deep link
  features.use(cardFeature(app)); // before /start: it owns the card deep link
  features.use(startFeature());
  features.use(helpFeature());
  features.use(listsFeature(app));
  features.use(reportFeature(app));
  features.use(awayFeature(app));
  features.use(dismissalFeature(app)); // Sobolevo п.9
  features.use(privacyFeature(app));

  // The incident's buttons, by who presses them and when.
  features.use(triageFeature(app));
  features.use(repeatsFeature(app));
  features.use(workFeature(app));
  features.use(termsFeature(app));
  features.use(headFeature(app));
  features.use(approvalFeature(app));
  features.use(historyFeature(app));
  features.use(publicationFeature(app));
  features.use(closingFeature(app));
  features.use(successFeature(app)); // Sobolevo п.23
  features.use(escalationFeature(app));

  features.use(pendingInputFeature(app));
  features.use(manualFeature(app)); // last of the messages: whatever a curator sends that nothing else took
  features.use(buttonGone()); // last: a button no feature knows
  return bot;
}

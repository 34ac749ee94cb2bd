/**
 * The bots process: assembles the HTTP endpoints (one file each in routes/:
 * the networks' webhooks, health and metrics) and the Telegram bots (long
 * polling, or their webhooks when a public URL is configured).
 */
import { loadSpeller } from '../shared/platform/wordlists/spelling.js';
import type { AppContext } from '../shared/networks/context.js';
import { telegramCitizens } from '../shared/networks/telegram/bots.js';
import { startVkLongPoll, type VkLongPoll } from '../shared/networks/vk/longpoll.js';
import { startHttpServer, type Route } from '../shared/platform/http/server.js';
import { createMetrics } from './metrics.js';
import { healthRoute } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { okRoute, subscribeOk } from './routes/ok.js';
import { maxRoute, maxUpdateTypes, subscribeMax } from './routes/max.js';
import { maxStaffUpdates, type StaffTake } from './max/staff-updates.js';
import { startMaxLongPoll, type MaxLongPoll } from '../shared/networks/max/longpoll.js';
import { publicWebhookUrl, telegramPublicRoute } from './routes/telegram-public.js';
import { telegramStaffRoute } from './routes/telegram-staff.js';
import { vkRoute } from './routes/vk.js';
import { createStaffBot } from './telegram/bot.js';
import { createPublicBot } from './telegram/public-bot.js';
import { initUntilReachable, receive } from './telegram/receive.js';
import { publishCommandMenus } from './telegram/commands.js';

export type RunningBots = { port: number; close(): Promise<void> };

export async function startBots(ctx: AppContext, opts: { port?: number } = {}): Promise<RunningBots> {
  const { env } = ctx;
  const metrics = createMetrics();
  const routes: Route[] = [healthRoute(ctx)];
  if (env.METRICS_TOKEN) routes.push(metricsRoute(metrics, env.METRICS_TOKEN));
  // Closed by default: a network's webhook exists only when that network is configured for it; otherwise
  // its path answers 404 and nothing anyone posts there is stored.
  if (ctx.ok) routes.push(okRoute(ctx, metrics));
  // MAX: its webhook (with the secret every delivery carries), or long polling when no secret is set.
  // The staff bot: in Telegram, or in MAX (the organisation file's `messenger:`), the same features either way.
  const messenger = ctx.staffMessenger;
  const bot = messenger ? createStaffBot(messenger, { app: ctx }) : null;
  const staffOnMax = messenger?.kind === 'max' && bot ? bot : null;
  // Staff on MAX: the MAX bot's updates are asked whether they are the staff's before the citizens' inbox.
  let maxStaff: StaffTake | undefined;
  if (staffOnMax) {
    await initUntilReachable(staffOnMax, ctx);
    maxStaff = maxStaffUpdates(ctx, staffOnMax);
  }
  if (ctx.max && env.MAX_WEBHOOK_SECRET) routes.push(maxRoute(ctx, metrics, maxStaff ? { staff: maxStaff } : {}));
  // One way in for VK events: the Callback API endpoint (with its secret), or the Bots Long Poll (no public URL needed).
  const vkLongPoll = env.VK_TRANSPORT === 'longpoll' && ctx.vk;
  if (ctx.vk && !vkLongPoll) {
    if (env.VK_CALLBACK_SECRET) routes.push(vkRoute(ctx, metrics));
    else ctx.log.warn('VK callbacks are not taken: VK_CALLBACK_SECRET is not set (or set VK_TRANSPORT=longpoll)');
  }

  // The spelling dictionary takes seconds to build: begun now, in slices; previews and cards before it is ready go without the spelling check.
  if (ctx.profile.draftChecks?.spelling) {
    void loadSpeller().catch((err: unknown) => ctx.log.error({ err: String(err) }, 'spelling dictionary not loaded'));
  }
  // Telegram: the staff bot (which may take citizens too) and a second, citizens' bot; with staff on MAX, the
  // Telegram bot is the citizens' only.
  const telegramStaff = messenger?.kind === 'telegram' ? bot : null;
  const publicToken = staffOnMax ? (env.TELEGRAM_BOT_TOKEN ?? null) : telegramCitizens(env, ctx.org).publicToken;
  const publicBot = (telegramStaff || staffOnMax) && publicToken ? createPublicBot(publicToken, { app: ctx }) : null;
  if (publicBot && ctx.org.networks?.telegram?.publicBot) {
    ctx.log.warn('networks.telegram.publicBot is ignored: TELEGRAM_PUBLIC_BOT_TOKEN names a second bot, which takes the citizens');
  }
  const webhook = env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET } : null;
  if (telegramStaff && webhook) {
    routes.push(telegramStaffRoute(telegramStaff, webhook.secret));
    if (publicBot) routes.push(telegramPublicRoute(publicBot, webhook.secret));
  }
  // Staff on MAX, citizens also on Telegram: the citizens' bot takes the Telegram webhook's own path.
  if (staffOnMax && publicBot && webhook) routes.push(telegramStaffRoute(publicBot, webhook.secret));

  const http = await startHttpServer({ routes, port: opts.port ?? env.HTTP_PORT, host: env.HTTP_HOST, log: ctx.log });
  ctx.log.info({ port: http.port }, 'bots listening');

  if (ctx.ok && env.OK_WEBHOOK_URL) await subscribeOk(ctx, env.OK_WEBHOOK_URL);
  if (ctx.max && env.MAX_WEBHOOK_URL) await subscribeMax(ctx, env.MAX_WEBHOOK_URL);
  let maxPoll: MaxLongPoll | null = null;
  if (ctx.max && !env.MAX_WEBHOOK_SECRET) {
    maxPoll = startMaxLongPoll(ctx, maxStaff ? { staff: maxStaff, types: maxUpdateTypes(ctx) } : {});
    ctx.log.info('MAX updates by long polling');
  }

  let poll: VkLongPoll | null = null;
  if (vkLongPoll) {
    poll = startVkLongPoll(ctx);
    ctx.log.info({ groupId: ctx.vk!.groupId }, 'VK events by Bots Long Poll');
  }

  // Both bots take the same transport: one webhook URL (the public bot's ends in /public) or long polling each.
  if (telegramStaff) await receive(ctx, telegramStaff, 'staff bot', webhook);
  if (bot) await publishCommandMenus(ctx, bot.api);
  if (publicBot) {
    const url = webhook && (staffOnMax ? webhook.url : publicWebhookUrl(webhook.url));
    await receive(ctx, publicBot, staffOnMax ? 'Telegram citizens\' bot' : 'public bot', webhook && url ? { ...webhook, url } : null);
  }

  return {
    port: http.port,
    async close() {
      await poll?.stop();
      await maxPoll?.stop();
      if (publicBot?.isRunning()) await publicBot.stop();
      if (telegramStaff?.isRunning()) await telegramStaff.stop();
      await http.close();
    },
  };
}

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
import { maxRoute, subscribeMax } from './routes/max.js';
import { startMaxLongPoll, type MaxLongPoll } from '../shared/networks/max/longpoll.js';
import { publicWebhookUrl, telegramPublicRoute } from './routes/telegram-public.js';
import { telegramStaffRoute } from './routes/telegram-staff.js';
import { vkRoute } from './routes/vk.js';
import { createStaffBot } from './telegram/bot.js';
import { createPublicBot } from './telegram/public-bot.js';
import { receive } from './telegram/receive.js';
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
  if (ctx.max && env.MAX_WEBHOOK_SECRET) routes.push(maxRoute(ctx, metrics));
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
  const bot = env.TELEGRAM_BOT_TOKEN ? createStaffBot(env.TELEGRAM_BOT_TOKEN, { app: ctx }) : null;
  const publicToken = telegramCitizens(env, ctx.org).publicToken;
  const publicBot = bot && publicToken ? createPublicBot(publicToken, { app: ctx }) : null;
  if (publicBot && ctx.org.networks?.telegram?.publicBot) {
    ctx.log.warn('networks.telegram.publicBot is ignored: TELEGRAM_PUBLIC_BOT_TOKEN names a second bot, which takes the citizens');
  }
  const webhook = env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET } : null;
  if (bot && webhook) {
    routes.push(telegramStaffRoute(bot, webhook.secret));
    if (publicBot) routes.push(telegramPublicRoute(publicBot, webhook.secret));
  }

  const http = await startHttpServer({ routes, port: opts.port ?? env.HTTP_PORT, host: env.HTTP_HOST, log: ctx.log });
  ctx.log.info({ port: http.port }, 'bots listening');

  if (ctx.ok && env.OK_WEBHOOK_URL) await subscribeOk(ctx, env.OK_WEBHOOK_URL);
  if (ctx.max && env.MAX_WEBHOOK_URL) await subscribeMax(ctx, env.MAX_WEBHOOK_URL);
  let maxPoll: MaxLongPoll | null = null;
  if (ctx.max && !env.MAX_WEBHOOK_SECRET) {
    maxPoll = startMaxLongPoll(ctx);
    ctx.log.info('MAX updates by long polling');
  }

  let poll: VkLongPoll | null = null;
  if (vkLongPoll) {
    poll = startVkLongPoll(ctx);
    ctx.log.info({ groupId: ctx.vk!.groupId }, 'VK events by Bots Long Poll');
  }

  // Both bots take the same transport: one webhook URL (the public bot's ends in /public) or long polling each.
  if (bot) {
    await receive(ctx, bot, 'staff bot', webhook);
    await publishCommandMenus(ctx, bot.api);
  }
  if (publicBot) await receive(ctx, publicBot, 'public bot', webhook && { ...webhook, url: publicWebhookUrl(webhook.url) });

  return {
    port: http.port,
    async close() {
      await poll?.stop();
      await maxPoll?.stop();
      if (publicBot?.isRunning()) await publicBot.stop();
      if (bot?.isRunning()) await bot.stop();
      await http.close();
    },
  };
}

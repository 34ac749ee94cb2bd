/**
 * The bots process: HTTP endpoints for the networks' webhooks, health and
 * metrics, and the staff bot (long polling, or the webhook when a public URL
 * is configured).
 */
import { webhookCallback, type Bot } from 'grammy';
import type { AppContext } from '../shared/networks/context.js';
import { healthz } from '../shared/platform/http/health.js';
import { send, startHttpServer, type Routes } from '../shared/platform/http/server.js';
import { createMetrics } from './metrics.js';
import { createStaffBot } from './telegram/bot.js';
import { createPublicBot } from './telegram/public-bot.js';
import { telegramCitizens } from '../shared/networks/telegram/bots.js';
import { okWebhook } from './ok/webhook.js';
import { vkWebhook } from './vk/webhook.js';
import { startVkLongPoll, type VkLongPoll } from '../shared/networks/vk/longpoll.js';

export type RunningBots = { port: number; close(): Promise<void> };

/**
 * Asks Telegram who the bot is, and keeps asking, saying so, while the Bot
 * API does not answer (a wrong TELEGRAM_API_ROOT, a network outage): an
 * admin sees why the bot is silent instead of a start that hangs quietly.
 */
async function initUntilReachable(bot: Bot, ctx: AppContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await Promise.race([
        bot.init(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 15 s')), 15_000).unref()),
      ]);
      return;
    } catch (err) {
      const wait = Math.min(60, 2 ** attempt);
      ctx.log.error({ attempt, apiRoot: ctx.env.TELEGRAM_API_ROOT, err: (err as Error).message }, `Telegram Bot API unreachable; retrying in ${wait} s`);
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }
}

/**
 * Asks OK to post the group's chat events to our webhook. Subscribing again
 * is harmless; a refusal is logged for the admin and does not stop the bots
 * (the staff bot and the other networks still work).
 */
export async function subscribeOk(ctx: AppContext, url: string): Promise<boolean> {
  const result = await ctx.ok!.client.subscribe(url);
  if (result.ok && result.data.success) {
    ctx.log.info({ url }, 'OK webhook subscribed');
    return true;
  }
  ctx.log.error({ url, error: result.ok ? 'success: false' : result.error }, 'OK refused the webhook subscription; check OK_BOT_TOKEN and OK_WEBHOOK_URL');
  return false;
}

/** Where the public bot's webhook is served; its URL is TELEGRAM_WEBHOOK_URL + "/public". */
const PUBLIC_WEBHOOK_PATH = '/webhooks/telegram/public';

export function publicWebhookUrl(staffUrl: string): string {
  const url = new URL(staffUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/public`;
  return url.toString();
}

/** Starts taking a bot's updates: registers its webhook, or long-polls (its own getUpdates offset, so its own update ids). */
async function receive(ctx: AppContext, bot: Bot, name: string, webhook: { url: string; secret: string } | null): Promise<void> {
  await initUntilReachable(bot, ctx);
  if (webhook) {
    await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret });
    ctx.log.info({ bot: bot.botInfo.username }, `${name} on webhook`);
  } else {
    await bot.api.deleteWebhook();
    void bot.start({ drop_pending_updates: false }).catch((err) => ctx.log.error({ err }, `${name} polling stopped`));
    ctx.log.info({ bot: bot.botInfo.username }, `${name} long polling`);
  }
}

export async function startBots(ctx: AppContext, opts: { port?: number } = {}): Promise<RunningBots> {
  const { env } = ctx;
  const metrics = createMetrics();
  const routes: Routes = {
    'GET /healthz': healthz(ctx),
    'GET /metrics': async (_req, res) => send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType),
    'POST /webhooks/ok': okWebhook(ctx, metrics),
  };
  // One way in for VK events: the Callback API endpoint, or the Bots Long Poll (no public URL needed).
  const vkLongPoll = env.VK_TRANSPORT === 'longpoll' && ctx.vk;
  if (!vkLongPoll) routes['POST /webhooks/vk'] = vkWebhook(ctx, metrics);

  const bot = env.TELEGRAM_BOT_TOKEN ? createStaffBot(ctx, env.TELEGRAM_BOT_TOKEN) : null;
  const publicToken = telegramCitizens(env, ctx.org).publicToken;
  const publicBot = bot && publicToken ? createPublicBot(ctx, publicToken) : null;
  if (publicBot && ctx.org.networks?.telegram?.publicBot) {
    ctx.log.warn('networks.telegram.publicBot is ignored: TELEGRAM_PUBLIC_BOT_TOKEN names a second bot, which takes the citizens');
  }
  const webhook = env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET } : null;
  if (bot && webhook) {
    // grammY checks X-Telegram-Bot-Api-Secret-Token and answers 401 on a mismatch.
    routes['POST /webhooks/telegram'] = webhookCallback(bot, 'http', { secretToken: webhook.secret });
    if (publicBot) routes[`POST ${PUBLIC_WEBHOOK_PATH}`] = webhookCallback(publicBot, 'http', { secretToken: webhook.secret });
  }

  const http = await startHttpServer({ routes, port: opts.port ?? env.HTTP_PORT, host: env.HTTP_HOST, log: ctx.log });
  ctx.log.info({ port: http.port }, 'bots listening');

  if (ctx.ok && env.OK_WEBHOOK_URL) await subscribeOk(ctx, env.OK_WEBHOOK_URL);

  let poll: VkLongPoll | null = null;
  if (vkLongPoll) {
    poll = startVkLongPoll(ctx);
    ctx.log.info({ groupId: ctx.vk!.groupId }, 'VK events by Bots Long Poll');
  }

  // Both bots take the same transport: one webhook URL (the public bot's ends in /public) or long polling each.
  if (bot) await receive(ctx, bot, 'staff bot', webhook);
  if (publicBot) await receive(ctx, publicBot, 'public bot', webhook && { ...webhook, url: publicWebhookUrl(webhook.url) });

  return {
    port: http.port,
    async close() {
      await poll?.stop();
      if (publicBot?.isRunning()) await publicBot.stop();
      if (bot?.isRunning()) await bot.stop();
      await http.close();
    },
  };
}

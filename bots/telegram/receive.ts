/**
 * How a bot takes its updates: Telegram posts them to our webhook, or the bot
 * long-polls (its own getUpdates offset, so its own update ids).
 */
import type { Bot, Context } from 'grammy';
import type { AppContext } from '../../shared/networks/context.js';

/**
 * Asks Telegram who the bot is, and keeps asking, saying so, while the Bot
 * API does not answer (a wrong TELEGRAM_API_ROOT, a network outage): an
 * admin sees why the bot is silent instead of a start that hangs quietly.
 */
export async function initUntilReachable(bot: { init(): Promise<void> }, ctx: AppContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await Promise.race([
        bot.init(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 15 s')), 15_000).unref()),
      ]);
      return;
    } catch (err) {
      const wait = Math.min(60, 2 ** attempt);
      ctx.log.error({ attempt, messenger: ctx.staffMessenger?.kind ?? 'telegram', err: (err as Error).message }, `the staff messenger's API is unreachable; retrying in ${wait} s`);
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }
}

/** Starts taking a bot's updates: registers its webhook, or long-polls. */
export async function receive<C extends Context>(ctx: AppContext, bot: Bot<C>, name: string, webhook: { url: string; secret: string } | null): Promise<void> {
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

import { networks } from '../networks/registry.js';
import { botIdOfToken } from '../networks/telegram/bots.js';
import type { Api } from 'grammy';
import type { NetworkConnection } from '../networks/types.js';
import type { AppContext } from '../runtime/context.js';

/**
 * The connection that answers on an incident's network. Without its
 * credentials a network's replies are published by hand, and the card says so.
 */
export function connectNetwork(ctx: AppContext, network: string): NetworkConnection {
  switch (network) {
    case 'vk':
      return ctx.vk ? networks.vk.connect({ client: ctx.vk.client, groupId: ctx.vk.groupId, userClient: ctx.vk.userClient }) : networks.manual.connect();
    case 'telegram':
      // Citizens hear from the bot they wrote to: the public bot when it is a second one, and in a private
      // chat whichever bot the citizen wrote to (one opened with the staff bot before a public bot was added).
      return ctx.telegram ? networks.telegram.connect({ api: ctx.telegramPublic ?? ctx.telegram, bots: telegramBots(ctx) }) : networks.manual.connect();
    case 'ok':
      return ctx.ok ? networks.ok.connect({ client: ctx.ok.client, uploadSettleMs: ctx.env.OK_UPLOAD_SETTLE_MS }) : networks.manual.connect();
    default:
      return networks.manual.connect();
  }
}

function telegramBots(ctx: AppContext): Map<number, Api> {
  const bots = new Map<number, Api>();
  const { TELEGRAM_BOT_TOKEN: staff, TELEGRAM_PUBLIC_BOT_TOKEN: pub } = ctx.env;
  if (ctx.telegram && staff) bots.set(botIdOfToken(staff), ctx.telegram);
  if (ctx.telegramPublic && pub) bots.set(botIdOfToken(pub), ctx.telegramPublic);
  return bots;
}

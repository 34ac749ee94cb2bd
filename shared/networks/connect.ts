import { networks } from './registry.js';
import type { NetworkConnection } from './types.js';
import type { AppContext } from './context.js';

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
      return ctx.telegramReplies ? networks.telegram.connect(ctx.telegramReplies) : networks.manual.connect();
    case 'ok':
      return ctx.ok ? networks.ok.connect({ client: ctx.ok.client, uploadSettleMs: ctx.env.OK_UPLOAD_SETTLE_MS }) : networks.manual.connect();
    default:
      return networks.manual.connect();
  }
}


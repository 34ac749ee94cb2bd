import type { NetworkAdapter } from '../types.js';
import { parseTelegramUpdate } from './parse.js';
import { createTelegramConnection, type TelegramDeps } from './publish.js';
import { storeThreadMap, withChannelPost } from './threads.js';
import { tgUpdate } from './update.js';

/** Telegram: the public bot's private chats and the channel's discussion group. */
export const telegramNetwork: NetworkAdapter<'telegram', TelegramDeps> = {
  id: 'telegram',
  // The one-bot key; a second, public bot prefixes its own id (bots/telegram/features/citizens.ts), as its update ids are its own.
  eventKey(payload) {
    const update = tgUpdate.pick({ update_id: true }).safeParse(payload);
    return update.success ? String(update.data.update_id) : null;
  },
  parse: parseTelegramUpdate,
  connect: createTelegramConnection,
  // Citizens hear from the bot they wrote to: the public bot when it is a second one, and in a private
  // chat whichever bot the citizen wrote to (one opened with the staff bot before a public bot was added).
  connection: (ctx) => (ctx.telegramReplies ? createTelegramConnection(ctx.telegramReplies) : null),
  joinsConversations: true,
  // Only the channel post's automatic forward says which post a discussion thread copies (threads.ts).
  locate: (ctx, message) => withChannelPost(ctx.database.db, message),
  keepThreadMap: (ctx, map) => storeThreadMap(ctx.database.db, map),
};

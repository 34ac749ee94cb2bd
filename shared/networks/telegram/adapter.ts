import type { NetworkAdapter } from '../types.js';
import { parseTelegramUpdate } from './normalise.js';
import { createTelegramConnection, type TelegramDeps } from './publish.js';
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
};

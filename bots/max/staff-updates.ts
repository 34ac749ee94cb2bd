/**
 * Staff on MAX: the administration's MAX bot takes both the citizens' messages and the staff's work. Each
 * update from MAX (webhook or long poll) is asked here first: a staff chat, a person on staff in their
 * dialog with the bot, a staff invite being opened, or a tap on a button (citizens' answers carry none) is
 * the staff's, and goes, as the Bot API update the features read, to the same staff bot Telegram would
 * run. Everything else goes on to the citizens' inbox.
 */
import type { Update as MaxUpdate } from '@maxhub/max-bot-api/types';
import type { Bot } from 'grammy';
import type { AppContext } from '../../shared/networks/context.js';
import { botApiUpdateOf, whoAndWhere } from '../../shared/networks/max/botapi/updates.js';
import { findStaff } from '../../shared/staffchat/staff/directory.js';
import { t } from '../../shared/platform/i18n.js';
import type { BotContext } from '../telegram/context.js';

export type StaffTake = (update: unknown) => Promise<boolean>;

/** The organisation's work chats: curators, duty, heads and the departments' own. */
function workChats(app: AppContext): Set<number> {
  const { chats, departments } = app.org;
  return new Set([chats.curators, chats.duty, chats.heads, ...departments.flatMap((d) => (d.chat !== undefined ? [d.chat] : []))]);
}

async function isStaffs(app: AppContext, update: MaxUpdate, me: number): Promise<boolean> {
  const where = whoAndWhere(update, me);
  if (!where) return false;
  if (update.update_type === 'message_callback') return true;
  if (where.chatId !== null && workChats(app).has(where.chatId)) return true;
  if (!where.privateChat) return false;
  if (update.update_type === 'bot_started' && update.payload?.startsWith('inv-')) return true;
  return (await findStaff(app.database.db, app.org, where.userId)) !== null;
}

/** The taker the MAX webhook and long poll ask before the citizens' inbox; the bot must be initialised. */
export function maxStaffUpdates(app: AppContext, bot: Bot<BotContext>): StaffTake {
  const ids = app.staffMessenger?.maxIds;
  if (!ids) throw new Error('staff on MAX need MAX_BOT_TOKEN and messenger: max');
  let seq = 0;
  return async (raw) => {
    const update = raw as MaxUpdate;
    if (typeof update?.update_type !== 'string') return false;
    const me = bot.botInfo.id;
    if (!(await isStaffs(app, update, me))) {
      if (update.update_type !== 'bot_started') return false;
      // Someone opened the bot: a citizen is greeted; a future colleague learns the id the file needs (MAX shows it nowhere).
      await bot.api.sendMessage(update.user.user_id, t('max-start', { id: String(update.user.user_id) }));
      return true;
    }
    const translated = await botApiUpdateOf(update, me, ids, ++seq);
    // An update type the staff bot does not read (an edit in a work chat): taken, so it is no citizen's.
    if (translated) await bot.handleUpdate(translated);
    return true;
  };
}

/** What MAX sends the bot when its staff work there too: taps and deep-link starts besides messages. */
export const MAX_STAFF_UPDATE_TYPES = ['message_callback', 'bot_started'] as const;

/**
 * Which Telegram bot hears citizens: the staff bot (one bot for everything)
 * or a public bot of its own (TELEGRAM_PUBLIC_BOT_TOKEN). Decided once from
 * the environment and the organisation file, read by the bots and the worker.
 */
import type { Env } from '../../platform/config/env.js';
import type { Org } from '../../platform/config/org.js';

export type TelegramCitizens = {
  /** The public bot's token when it is a second bot; null when the staff bot (if any) is the public one. */
  publicToken: string | null;
  /** Citizens' private chats are taken (by the public bot, or by the staff bot when it is the public one). */
  privateChats: boolean;
  /** The official channel's discussion group, whose comments are taken; undefined: none. */
  discussionChatId: number | undefined;
};

export function telegramCitizens(env: Pick<Env, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_PUBLIC_BOT_TOKEN'>, org: Pick<Org, 'networks'>): TelegramCitizens {
  const tg = org.networks?.telegram;
  const staff = env.TELEGRAM_BOT_TOKEN;
  const pub = env.TELEGRAM_PUBLIC_BOT_TOKEN;
  // The staff bot's own token named as the public one is one bot that also serves citizens.
  const second = pub !== undefined && pub !== staff ? pub : null;
  return {
    publicToken: second,
    privateChats: pub !== undefined || tg?.publicBot === true,
    discussionChatId: tg?.discussionChatId,
  };
}

/** A bot's id is its token's part before the colon (the token format is checked in shared/platform/config/env.ts). */
export function botIdOfToken(token: string): number {
  return Number(token.slice(0, token.indexOf(':')));
}

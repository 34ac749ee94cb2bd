/**
 * The staff-messenger port: where curators, executors, duty officers and heads work. The staff side (cards,
 * buttons, deep links, force-reply inputs, commands, media albums, lanes, digests, reports) is written once,
 * against the subset of the Telegram Bot API named in STAFF_METHODS, through a grammY Api. Each messenger
 * implements that subset: Telegram natively, MAX by translation (./max/botapi/). The organisation file's
 * `messenger:` picks one; the ids in its chats and staff are that messenger's.
 *
 * It sits with the networks, below the flows, because the flows send to staff too (alerts, reports,
 * erasure of staff copies); the staff chat layer above builds its cards and lanes on it.
 */
import { Api, type ApiClientOptions } from 'grammy';
import type { Env } from '../platform/config/env.js';
import type { Org } from '../platform/config/org.js';
import type { Db } from '../platform/db/client.js';
import type { Outbound } from '../platform/http/proxy.js';
import { createMaxApi } from './max/client.js';
import { maxIds, type MaxIds } from './max/botapi/ids.js';
import { maxBotApi } from './max/botapi/methods.js';
import { telegramClientOptions } from './telegram/client.js';

export type StaffMessengerKind = 'telegram' | 'max';

/** Every Bot API method the staff side may call; the MAX half answers exactly these (methods.ts). */
export const STAFF_METHODS = [
  'getMe',
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'deleteMessage',
  'answerCallbackQuery',
  'sendPhoto',
  'sendVideo',
  'sendDocument',
  'sendMediaGroup',
  'editMessageMedia',
  'getFile',
  'setMyCommands',
  'deleteMyCommands',
] as const;

export type StaffMessenger = {
  kind: StaffMessengerKind;
  /** The staff bot's token in that messenger. */
  token: string;
  /** A new Bot API client for the staff bot; on MAX, the translation is installed first, so plugins added after it (auto-retry) wrap it. */
  api(opts?: { timeoutSeconds?: number }): Api;
  /** For a grammY Bot of this messenger: its client options, and `wire` for its `bot.api` before any plugin. */
  clientOptions(opts?: { timeoutSeconds?: number }): ApiClientOptions;
  wire(api: Api): Api;
  /** The link that opens the bot's private chat with a start payload (a draft, a card, an invite). */
  deepLink(botUsername: string, payload: string): string;
  /** Where a file's `file_path` (from getFile) is downloaded. */
  fileUrl(filePath: string): string;
  /** A link to a message in a group chat, where the messenger has such links. */
  messageLink(chatId: number, messageId: number): string | null;
  /** MAX names messages by strings: their numbers for the staff side (null on Telegram). */
  maxIds: MaxIds | null;
};

export const messengerOf = (org: Pick<Org, 'messenger'>): StaffMessengerKind => org.messenger ?? 'telegram';

function telegramMessenger(env: Env, token: string, outbound: Outbound): StaffMessenger {
  const clientOptions = (opts: { timeoutSeconds?: number } = {}): ApiClientOptions => ({
    ...telegramClientOptions(env, outbound),
    ...(opts.timeoutSeconds ? { timeoutSeconds: opts.timeoutSeconds } : {}),
  });
  return {
    kind: 'telegram',
    token,
    clientOptions,
    wire: (api) => api,
    api: (opts = {}) => new Api(token, clientOptions(opts)),
    deepLink: (username, payload) => `https://t.me/${username}?start=${payload}`,
    fileUrl: (path) => `${env.TELEGRAM_API_ROOT}/file/bot${token}/${path}`,
    // Supergroups have public message links (t.me/c/<id without -100>/<message>); basic groups and private chats none.
    messageLink(chatId, messageId) {
      const id = String(chatId);
      return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null;
    },
    maxIds: null,
  };
}

function maxMessenger(env: Env, token: string, db: Db, outbound: Outbound): StaffMessenger {
  const ids = maxIds(db);
  // grammY never reaches this root: the transformer answers every call from MAX.
  const clientOptions = (opts: { timeoutSeconds?: number } = {}): ApiClientOptions => ({ apiRoot: 'http://max.invalid', ...(opts.timeoutSeconds ? { timeoutSeconds: opts.timeoutSeconds } : {}) });
  // grammY's timeout does not reach MAX's client: the same limit is put on each of its requests instead.
  const timed = (seconds: number): typeof fetch => (input, init) =>
    outbound.fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(seconds * 1000)]) : AbortSignal.timeout(seconds * 1000) });
  const wire = (api: Api, timeoutSeconds = api.options?.timeoutSeconds ?? 500) => {
    api.config.use(maxBotApi({ api: createMaxApi({ token, apiRoot: env.MAX_API_ROOT, fetch: timed(timeoutSeconds) }), ids, fetch: timed(timeoutSeconds) }));
    return api;
  };
  return {
    kind: 'max',
    token,
    clientOptions,
    wire,
    api: (opts = {}) => wire(new Api(token, clientOptions(opts))),
    deepLink: (username, payload) => `https://max.ru/${username}?start=${payload}`,
    // getFile on MAX gives the file's own URL as its path.
    fileUrl: (path) => path,
    // MAX has no public links to a message in a group chat.
    messageLink: () => null,
    maxIds: ids,
  };
}

/** The organisation's staff messenger, or null when its bot's token is not set (no staff side in this process). */
export function createStaffMessenger(env: Env, org: Pick<Org, 'messenger'>, db: Db, outbound: Outbound): StaffMessenger | null {
  if (messengerOf(org) === 'max') return env.MAX_BOT_TOKEN ? maxMessenger(env, env.MAX_BOT_TOKEN, db, outbound) : null;
  return env.TELEGRAM_BOT_TOKEN ? telegramMessenger(env, env.TELEGRAM_BOT_TOKEN, outbound) : null;
}

/** The Bot API methods the fake answers, each validated and limited as the real server does. */
import { randomInt } from 'node:crypto';
import type { MultipartPart } from './multipart.js';
import { badRequest, TelegramApiError, TG_ERRORS, tooManyRequests } from './telegram-errors.js';
import type { Limits, RateKind, RateLimiter } from './telegram-limits.js';
import {
  assertNotBlocked,
  bool,
  chatId as chatIdParam,
  inputFile,
  int,
  json,
  replyMarkup,
  replyTargetId,
  str,
  type Params,
} from './telegram-params.js';
import { shallowMessage, type TelegramState, type TgDocument, type TgMessage, type TgVideo, type TgUser } from './telegram-state.js';
import { parseFormatted, type ParsedText } from './telegram-text.js';
import type { UpdateQueue } from './telegram-updates.js';

export interface MethodContext {
  token: string;
  /** The bot this token belongs to; `updates` are its own. */
  bot: TgUser;
  params: Params;
  files: MultipartPart[];
  state: TelegramState;
  updates: UpdateQueue;
  limiter: RateLimiter;
  limits: Limits;
  /** Registers what to do if the client goes away mid-request (long polling). */
  onCancel: (cancel: () => void) => void;
}

/** A result with the optional `description` some methods add to `ok: true` answers. */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

type Handler = (ctx: MethodContext) => unknown;

function parseText(ctx: MethodContext): ParsedText {
  const source = str(ctx.params, 'text');
  if (source === undefined || source.trim() === '') throw badRequest(TG_ERRORS.textEmpty);
  const parsed = parseFormatted(source, ctx.params.parse_mode, json(ctx.params, 'entities'));
  if (parsed.text.trim() === '') throw badRequest(TG_ERRORS.textEmpty);
  if (parsed.text.length > ctx.limits.textLength) throw badRequest(TG_ERRORS.tooLong);
  return parsed;
}

function parseCaption(params: Params, limits: Limits): ParsedText | undefined {
  const source = str(params, 'caption');
  if (source === undefined || source === '') return undefined;
  const parsed = parseFormatted(source, params.parse_mode, json(params, 'caption_entities'));
  if (parsed.text.length > limits.captionLength) throw badRequest(TG_ERRORS.captionTooLong);
  return parsed;
}

function rate(ctx: MethodContext, chatId: number, kind: RateKind, count = 1): void {
  const retryAfter = ctx.limiter.take(ctx.token, chatId, kind, count);
  if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
}

/** The common part of every send: chat, reply target, thread, markup. */
function prepareSend(ctx: MethodContext) {
  const chatId = chatIdParam(ctx.params, ctx.state);
  const chat = ctx.state.ensureChat(chatId);
  const markup = replyMarkup(ctx.params, ctx.limits);
  const target = replyTargetId(ctx.params);
  const replyTo = target ? ctx.state.message(chatId, target.messageId) : undefined;
  if (target && !replyTo && !target.allowMissing) throw badRequest(TG_ERRORS.replyNotFound);
  assertNotBlocked(ctx.state, chatId);
  const threadId = int(ctx.params, 'message_thread_id') ?? replyTo?.message_thread_id;
  const base = (): TgMessage => {
    const message: TgMessage = {
      message_id: ctx.state.nextMessageId(chatId),
      ...(chat.type === 'channel' ? { sender_chat: { ...chat } } : { from: ctx.bot }),
      chat: { ...chat },
      date: ctx.state.nowSeconds(),
    };
    if (threadId !== undefined) message.message_thread_id = threadId;
    if (replyTo) message.reply_to_message = shallowMessage(replyTo);
    if (markup) message.reply_markup = markup;
    return message;
  };
  return { chatId, base };
}

function withText(message: TgMessage, parsed: ParsedText, field: 'text' | 'caption'): TgMessage {
  message[field] = parsed.text;
  const entitiesField = field === 'text' ? 'entities' : 'caption_entities';
  if (parsed.entities.length > 0) message[entitiesField] = parsed.entities;
  else delete message[entitiesField];
  return message;
}

function documentOf(file: ReturnType<TelegramState['files']['add']>): TgDocument {
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.file_size,
    ...(file.file_name ? { file_name: file.file_name } : {}),
    ...(file.mime_type ? { mime_type: file.mime_type } : {}),
  };
}

function videoOf(file: ReturnType<TelegramState['files']['add']>): TgVideo {
  return { ...documentOf(file), width: 640, height: 360, duration: 10, mime_type: file.mime_type ?? 'video/mp4' };
}

/** The bot's own message, as editMessage* requires. */
function editableMessage(ctx: MethodContext): TgMessage {
  if (ctx.params.inline_message_id !== undefined) throw badRequest(TG_ERRORS.editNotFound);
  const chatId = chatIdParam(ctx.params, ctx.state);
  const messageId = int(ctx.params, 'message_id');
  const message = messageId === undefined ? undefined : ctx.state.message(chatId, messageId);
  if (!message) throw badRequest(TG_ERRORS.editNotFound);
  if (message.from?.id !== ctx.bot.id && message.sender_chat === undefined) throw badRequest(TG_ERRORS.cantEdit);
  return message;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function applyEdit(ctx: MethodContext, message: TgMessage, change: Partial<TgMessage>): TgMessage {
  rate(ctx, message.chat.id, 'edit');
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete message[key];
    else message[key] = value;
  }
  message.edit_date = ctx.state.nowSeconds();
  return structuredClone(message);
}

const handlers: Record<string, Handler> = {
  getMe: (ctx) => ({
    ...ctx.bot,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),

  getUpdates: (ctx) => {
    const allowed = json(ctx.params, 'allowed_updates');
    return ctx.updates.getUpdates(
      {
        ...(int(ctx.params, 'offset') !== undefined ? { offset: int(ctx.params, 'offset') } : {}),
        ...(int(ctx.params, 'limit') !== undefined ? { limit: int(ctx.params, 'limit') } : {}),
        ...(int(ctx.params, 'timeout') !== undefined ? { timeout: int(ctx.params, 'timeout') } : {}),
        ...(Array.isArray(allowed) ? { allowed_updates: allowed as string[] } : {}),
      },
      ctx.onCancel,
    );
  },

  setWebhook: (ctx) => {
    const url = str(ctx.params, 'url') ?? '';
    if (url === '') {
      const had = ctx.updates.deleteWebhook(false);
      return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
    }
    // The real server demands HTTPS on ports 443/80/88/8443; the fake lets tests use local http.
    if (!/^https?:\/\/[^\s/]+/i.test(url)) throw badRequest('Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    const secret = str(ctx.params, 'secret_token');
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw badRequest('Bad Request: secret token contains unallowed characters');
    }
    const allowed = json(ctx.params, 'allowed_updates');
    ctx.updates.setWebhook(
      {
        url,
        ...(secret ? { secret_token: secret } : {}),
        max_connections: int(ctx.params, 'max_connections') ?? 40,
        ...(Array.isArray(allowed) ? { allowed_updates: allowed as string[] } : {}),
      },
      bool(ctx.params, 'drop_pending_updates'),
    );
    return new Described(true, 'Webhook was set');
  },

  deleteWebhook: (ctx) => {
    const had = ctx.updates.deleteWebhook(bool(ctx.params, 'drop_pending_updates'));
    return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  },

  getWebhookInfo: (ctx) => ctx.updates.webhookInfo(),

  sendMessage: (ctx) => {
    const parsed = parseText(ctx);
    const { chatId, base } = prepareSend(ctx);
    rate(ctx, chatId, 'send');
    return structuredClone(ctx.state.store(withText(base(), parsed, 'text')));
  },

  editMessageText: (ctx) => {
    const message = editableMessage(ctx);
    if (message.text === undefined) throw badRequest(TG_ERRORS.noTextToEdit);
    const parsed = parseText(ctx);
    const markup = replyMarkup(ctx.params, ctx.limits);
    const entities = parsed.entities.length > 0 ? parsed.entities : undefined;
    if (parsed.text === message.text && same(entities, message.entities) && same(markup, message.reply_markup)) {
      throw badRequest(TG_ERRORS.notModified);
    }
    // Omitting reply_markup removes the inline keyboard, as on the real server.
    return applyEdit(ctx, message, { text: parsed.text, entities, reply_markup: markup });
  },

  editMessageReplyMarkup: (ctx) => {
    const message = editableMessage(ctx);
    const markup = replyMarkup(ctx.params, ctx.limits);
    if (same(markup, message.reply_markup)) throw badRequest(TG_ERRORS.notModified);
    return applyEdit(ctx, message, { reply_markup: markup });
  },

  deleteMessage: (ctx) => {
    const chatId = chatIdParam(ctx.params, ctx.state);
    const messageId = int(ctx.params, 'message_id');
    if (messageId === undefined || !ctx.state.remove(chatId, messageId)) throw badRequest(TG_ERRORS.deleteNotFound);
    return true;
  },

  answerCallbackQuery: (ctx) => {
    const id = str(ctx.params, 'callback_query_id') ?? '';
    const query = ctx.state.callbackQueries.get(id);
    // A query can be answered once; unknown and repeated answers get the same error.
    if (!query || query.answer) throw badRequest(TG_ERRORS.queryInvalid);
    query.answer = { ...ctx.params };
    return true;
  },

  sendPhoto: (ctx) => {
    const caption = parseCaption(ctx.params, ctx.limits);
    const { chatId, base } = prepareSend(ctx);
    const file = inputFile(ctx.params.photo, 'photo', ctx.files, ctx.state, 'photo', ctx.bot.id);
    rate(ctx, chatId, 'send');
    const message = base();
    message.photo = ctx.state.files.photoSizes(file);
    if (caption) withText(message, caption, 'caption');
    return structuredClone(ctx.state.store(message));
  },

  sendDocument: (ctx) => {
    const caption = parseCaption(ctx.params, ctx.limits);
    const { chatId, base } = prepareSend(ctx);
    const file = inputFile(ctx.params.document, 'document', ctx.files, ctx.state, 'document', ctx.bot.id);
    rate(ctx, chatId, 'send');
    const message = base();
    message.document = documentOf(file);
    if (caption) withText(message, caption, 'caption');
    return structuredClone(ctx.state.store(message));
  },

  sendVideo: (ctx) => {
    const caption = parseCaption(ctx.params, ctx.limits);
    const { chatId, base } = prepareSend(ctx);
    const file = inputFile(ctx.params.video, 'video', ctx.files, ctx.state, 'video', ctx.bot.id);
    rate(ctx, chatId, 'send');
    const message = base();
    message.video = videoOf(file);
    if (caption) withText(message, caption, 'caption');
    return structuredClone(ctx.state.store(message));
  },

  /** Replaces a photo, video or document of the bot's own message (and its caption), as an edit. */
  editMessageMedia: (ctx) => {
    const message = editableMessage(ctx);
    if (!message.photo && !message.video && !message.document) throw badRequest('Bad Request: there is no media in the message to edit');
    const item = (json(ctx.params, 'media') ?? {}) as Params;
    const type = str(item, 'type') ?? '';
    if (!['photo', 'video', 'document'].includes(type)) throw badRequest("Bad Request: can't parse InputMedia: unsupported type");
    const caption = parseCaption(item, ctx.limits);
    const file = inputFile(item.media, type, ctx.files, ctx.state, type === 'photo' ? 'photo' : type === 'video' ? 'video' : 'document', ctx.bot.id);
    const markup = replyMarkup(ctx.params, ctx.limits);
    const change: Partial<TgMessage> = { photo: undefined, video: undefined, document: undefined, caption: undefined, caption_entities: undefined, reply_markup: markup };
    change[type] = type === 'photo' ? ctx.state.files.photoSizes(file) : type === 'video' ? videoOf(file) : documentOf(file);
    if (caption) {
      change.caption = caption.text;
      if (caption.entities.length > 0) change.caption_entities = caption.entities;
    }
    return applyEdit(ctx, message, change);
  },

  sendMediaGroup: (ctx) => {
    const media = json(ctx.params, 'media');
    if (!Array.isArray(media) || media.length === 0) throw badRequest('Bad Request: parameter "media" is required');
    const items = media.map((raw) => {
      const item = (raw ?? {}) as Params;
      const type = str(item, 'type') ?? '';
      if (!['photo', 'document', 'video', 'audio'].includes(type)) throw badRequest("Bad Request: can't parse InputMedia: unsupported type");
      return { type, item, caption: parseCaption(item, ctx.limits) };
    });
    const { chatId, base } = prepareSend(ctx);
    const files = items.map(({ type, item }) =>
      inputFile(item.media, type, ctx.files, ctx.state, type === 'photo' ? 'photo' : type === 'video' ? 'video' : 'document', ctx.bot.id),
    );
    rate(ctx, chatId, 'send', items.length);
    const groupId = String(randomInt(1e14, 2 ** 48 - 1));
    return items.map(({ type, caption }, i) => {
      const message = base();
      const file = files[i] as ReturnType<TelegramState['files']['add']>;
      message.media_group_id = groupId;
      message[type] = type === 'photo' ? ctx.state.files.photoSizes(file) : type === 'video' ? videoOf(file) : documentOf(file);
      if (caption) withText(message, caption, 'caption');
      return structuredClone(ctx.state.store(message));
    });
  },

  getFile: (ctx) => {
    const file = ctx.state.files.get(str(ctx.params, 'file_id') ?? '', ctx.bot.id);
    if (!file) throw badRequest(TG_ERRORS.invalidFileId);
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path: file.file_path };
  },

  getChat: (ctx) => {
    const chat = ctx.state.knownChat(chatIdParam(ctx.params, ctx.state));
    if (!chat) throw badRequest(TG_ERRORS.chatNotFound);
    return { ...chat, accent_color_id: 0, max_reaction_count: 11 };
  },

  setMyCommands: (ctx) => {
    const commands = json(ctx.params, 'commands');
    if (!Array.isArray(commands)) throw badRequest('Bad Request: parameter "commands" is required');
    for (const command of commands as Params[]) {
      if (!/^[a-z0-9_]{1,32}$/.test(str(command, 'command') ?? '')) throw badRequest(TG_ERRORS.botCommandInvalid);
    }
    ctx.state.commands.set(commandsKey(ctx.params), commands);
    return true;
  },

  getMyCommands: (ctx) => ctx.state.commands.get(commandsKey(ctx.params)) ?? [],
};

function commandsKey(params: Params): string {
  return JSON.stringify([json(params, 'scope') ?? { type: 'default' }, str(params, 'language_code') ?? '']);
}

/** Bot API method names are case-insensitive. */
const byLowerName = new Map(Object.entries(handlers).map(([name, handler]) => [name.toLowerCase(), handler]));

export function findMethod(name: string): Handler | undefined {
  return byLowerName.get(name.toLowerCase());
}

export { TelegramApiError };

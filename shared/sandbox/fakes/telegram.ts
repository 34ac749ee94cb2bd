/**
 * A local Telegram Bot API server for tests and the demo. grammY talks to it
 * through `new Bot(token, { client: { apiRoot: fake.apiRoot } })`; tests play
 * the people on the other side with the inject* hooks and read the outcome
 * from `calls` and `messages(chatId)`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CallLog, type CallMatcher } from './call-log.js';
import { BodyTooLargeError, closeServer, listen, parseRequest, readBody, sendJson } from './http-util.js';
import { personFor } from './people.js';
import { TelegramApiError, TG_ERRORS, type TelegramErrorParameters } from './telegram-errors.js';
import { RateLimiter, REAL_LIMITS, type Limits } from './telegram-limits.js';
import { Described, findMethod } from './telegram-methods.js';
import {
  shallowMessage,
  TELEGRAM_SERVICE_USER,
  TelegramState,
  type ChatMessageView,
  type StoredFile,
  type TgChat,
  type TgMessage,
  type TgUser,
} from './telegram-state.js';
import { UpdateQueue, type WebhookInfo } from './telegram-updates.js';

export type { Limits } from './telegram-limits.js';
export { REAL_LIMITS } from './telegram-limits.js';
export type { ChatMessageView, StoredFile, TgChat, TgMessage, TgUser } from './telegram-state.js';

export interface FakeTelegramOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Override some limits (e.g. `{ groupMessagesPerMinute: Infinity }`); the rest stay real. */
  limits?: Partial<Limits>;
  /** Clock for message dates and rate-limit windows; defaults to Date.now. */
  now?: () => number;
  /** The bot's identity as getMe reports it (the bot of every token not in `otherBots`). */
  bot?: Partial<Pick<TgUser, 'id' | 'first_name' | 'username'>>;
  /**
   * More bots on the same server, each by its token: its own identity, updates
   * (polling or webhook) and file ids. Chats and their messages are shared, so
   * give each bot's private chats distinct users.
   */
  otherBots?: Array<{ token: string } & Pick<TgUser, 'id' | 'username'> & Partial<Pick<TgUser, 'first_name'>>>;
  /** Pauses between webhook delivery attempts; the last one repeats. */
  webhookRetryDelaysMs?: number[];
}

export interface UploadedFileRecord {
  field: string;
  filename?: string;
  contentType?: string;
  bytes: Buffer;
}

export interface TelegramCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  files: UploadedFileRecord[];
  /** When the request arrived, by the fake's clock. */
  at: number;
  response: { status: number; body: Record<string, unknown> };
}

/** A user by id (a Russian name is made up) or spelled out. */
export type InjectUser = number | (Partial<TgUser> & { id: number });

/** Which bot(s) get the update, by token (a token not in `otherBots` is the default bot's); the default bot when omitted. */
export type InjectTo = { to?: string | readonly string[] };

export interface InjectMessageInput extends InjectTo {
  chatId: number;
  /** Defaults to the private chat's user; required in groups. */
  from?: InjectUser;
  text?: string;
  caption?: string;
  /** Id of a message in the same chat this one replies to. */
  replyTo?: number;
  /** Forum topic or discussion thread; inherited from the replied message when omitted. */
  threadId?: number;
  /** Attach a photo: its bytes, or `true` for a tiny placeholder. */
  photo?: Buffer | true;
  /** Attach a video (its bytes), as a phone sends one. */
  video?: Buffer;
  /** Attach a document: its bytes and name. */
  document?: { bytes: Buffer; fileName: string; mimeType?: string };
  /** Title/type/username for a chat the fake has not seen yet. */
  chat?: Partial<TgChat>;
  /** A forwarded message: where it came from (MessageOrigin: user, hidden_user, chat or channel). */
  forwardOrigin?: Record<string, unknown>;
}

export interface InjectCallbackQueryInput extends InjectTo {
  chatId: number;
  messageId: number;
  from?: InjectUser;
  data: string;
}

export interface InjectChannelPostInput extends InjectTo {
  /** A channel id, -100… */
  channelId: number;
  title?: string;
  username?: string;
  text?: string;
  caption?: string;
  photo?: Buffer | true;
  authorSignature?: string;
}

export interface InjectAutomaticForwardInput extends InjectTo {
  /** The channel post being forwarded (as returned by injectChannelPost). */
  post: TgMessage;
  /** The channel's linked discussion supergroup. */
  discussionChatId: number;
  discussionTitle?: string;
}

export interface InjectedError {
  error_code: number;
  description: string;
  parameters?: TelegramErrorParameters;
}

/** A test control: one answer of a method the fake holds back (see `FakeTelegram.holdNext`). */
export interface TelegramHold {
  /** Resolves once the call was carried out and recorded, its answer not yet sent. */
  readonly recorded: Promise<TelegramCall>;
  /** Sends the held answer, if the caller is still connected. */
  release(): void;
  /** Closes the connection instead of answering: the call took effect, and its caller never hears of it. */
  drop(): void;
}

export interface FakeTelegram {
  /** e.g. `http://127.0.0.1:40123`, without a trailing slash, as grammY's apiRoot wants it. */
  readonly apiRoot: string;
  readonly bot: TgUser;
  /** The bot a token belongs to: one of `otherBots`, else the default bot. */
  botFor(token: string): TgUser;
  readonly limits: Readonly<Limits>;
  /** Every call answered, including refused ones (429s, 400s). */
  readonly calls: readonly TelegramCall[];
  /** Methods of requests received but not answered yet (e.g. a held getUpdates). */
  inFlight(): string[];
  /** Current state of a chat: messages by id, edits applied, deletions removed. */
  messages(chatId: number): ChatMessageView[];
  chat(chatId: number): TgChat | undefined;
  file(fileId: string): StoredFile | undefined;
  /** The parameters the bot answered a callback query with, once it has. */
  callbackAnswer(callbackQueryId: string): Record<string, unknown> | undefined;
  /** The webhook of the bot with this token (the default bot's without one). */
  webhookInfo(token?: string): WebhookInfo;
  injectMessage(input: InjectMessageInput): TgMessage;
  /** Returns the callback query id. */
  injectCallbackQuery(input: InjectCallbackQueryInput): string;
  injectChannelPost(input: InjectChannelPostInput): TgMessage;
  injectAutomaticForward(input: InjectAutomaticForwardInput): TgMessage;
  /** Queues any raw update (for the default bot, or the one with token `to`); returns its update_id. */
  injectUpdate(raw: Record<string, unknown>, to?: string): number;
  /**
   * Makes the next `times` calls of a method (those `matches` accepts, when given) fail with this error.
   * Returns a function that drops the failures not used yet ("Telegram is back").
   */
  failNext(method: string, error: InjectedError, times?: number, matches?: (params: Record<string, unknown>) => boolean): () => void;
  /**
   * The next call of `method` is carried out (the message is sent) and recorded, but its answer waits
   * for `release()` or `drop()`: for tests of a worker killed, or a connection lost, after Telegram acted.
   */
  holdNext(method: string, matches?: (params: Record<string, unknown>) => boolean): TelegramHold;
  /** The user of a private chat blocks (or unblocks) the bot: sends get 403. */
  blockBot(chatId: number, blocked?: boolean): void;
  waitFor(matcher: CallMatcher<TelegramCall>, timeoutMs?: number): Promise<TelegramCall>;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_BOT: TgUser = { id: 7_000_000_001, is_bot: true, first_name: 'Otklik Test Bot', username: 'otklik_test_bot' };

/** A 1×1 PNG: what `photo: true` sends. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Fields that arrive as JSON strings in forms/multipart and that tests want as objects. */
const JSON_FIELDS = [
  'reply_markup',
  'reply_parameters',
  'entities',
  'caption_entities',
  'media',
  'commands',
  'scope',
  'allowed_updates',
  'link_preview_options',
];
const INT_FIELDS = ['chat_id', 'message_id', 'message_thread_id', 'reply_to_message_id', 'offset', 'limit', 'timeout'];

function normalizeParams(params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const key of JSON_FIELDS) {
    const value = out[key];
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        // left as a string: the method reports the parse error
      }
    }
  }
  for (const key of INT_FIELDS) {
    const value = out[key];
    if (typeof value === 'string' && /^-?\d+$/.test(value)) out[key] = Number(value);
  }
  return out;
}

const BOT_COMMAND = /(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]+)?)/g;

/** Telegram marks /commands in incoming text; grammY's bot.command() relies on it. */
function commandEntities(text: string): Array<{ type: string; offset: number; length: number }> {
  return [...text.matchAll(BOT_COMMAND)].map((m) => ({
    type: 'bot_command',
    offset: (m.index ?? 0) + (m[1] as string).length,
    length: (m[2] as string).length,
  }));
}

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const now = opts.now ?? Date.now;
  const limits: Limits = { ...REAL_LIMITS, ...opts.limits };
  const bot: TgUser = { ...DEFAULT_BOT, ...opts.bot, is_bot: true };
  const state = new TelegramState(bot, now);
  const retryDelays = opts.webhookRetryDelaysMs ?? [100, 500, 1000, 2000, 5000];
  // Each bot numbers its own updates from the same start, as two real bots may: ids collide across bots.
  const slot = (identity: TgUser) => ({ bot: identity, updates: new UpdateQueue(() => state.nowSeconds(), retryDelays) });
  const primary = slot(bot);
  const others = new Map<string, ReturnType<typeof slot>>();
  for (const other of opts.otherBots ?? []) {
    const { token, ...identity } = other;
    if (identity.id === bot.id || state.botIds.has(identity.id)) throw new Error(`startFakeTelegram: bot id ${identity.id} is taken`);
    others.set(token, slot({ ...identity, first_name: identity.first_name ?? identity.username ?? 'Bot', is_bot: true }));
    state.botIds.add(identity.id);
  }
  const slots = [primary, ...others.values()];
  const slotFor = (token: string) => others.get(token) ?? primary;
  const recipients = (input: InjectTo) => {
    if (input.to === undefined) return [primary];
    const tokens = typeof input.to === 'string' ? [input.to] : input.to;
    if (tokens.length === 0) throw new Error('inject: `to` names no bot');
    return [...new Set(tokens.map(slotFor))];
  };
  /** Delivers an update to each recipient bot. */
  const push = (input: InjectTo, update: Record<string, unknown>) => {
    for (const target of recipients(input)) target.updates.push(structuredClone(update));
  };
  /** A file in an injected message belongs to the bot that receives it (file ids are per bot). */
  const ownerOf = (input: InjectTo) => {
    const to = recipients(input);
    return to.length === 1 ? to[0]!.bot.id : undefined;
  };
  const limiter = new RateLimiter(limits, now);
  const log = new CallLog<TelegramCall>();
  const injectedErrors = new Map<string, Array<{ error: InjectedError; matches(params: Record<string, unknown>): boolean }>>();
  type Hold = { matches(params: Record<string, unknown>): boolean; recorded(call: TelegramCall): void; decided: Promise<'release' | 'drop'> };
  const holds = new Map<string, Hold[]>();
  const takeHold = (method: string, params: Record<string, unknown>): Hold | undefined => {
    const waiting = holds.get(method.toLowerCase()) ?? [];
    const at = waiting.findIndex((h) => h.matches(params));
    return at < 0 ? undefined : waiting.splice(at, 1)[0];
  };
  const undecided = new Set<() => void>();
  let callbackCounter = 0n;
  const inFlight: string[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const tooLarge = err instanceof BodyTooLargeError;
      sendJson(res, tooLarge ? 413 : 500, {
        ok: false,
        error_code: tooLarge ? 413 : 500,
        description: tooLarge ? 'Request Entity Too Large' : `Internal Server Error: ${(err as Error).message}`,
      });
    });
  });
  const apiRoot = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', apiRoot);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return serveFile(res, decodeURIComponent(download[2] as string));
    const route = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (!route) return sendJson(res, 404, { ok: false, error_code: 404, description: TG_ERRORS.notFound });
    const token = decodeURIComponent(route[1] as string);
    const method = route[2] as string;
    const at = now();
    const body = await readBody(req);
    let parsed: ReturnType<typeof parseRequest>;
    try {
      parsed = parseRequest(req, url, body);
    } catch {
      const error = new TelegramApiError(400, "Bad Request: can't parse JSON object");
      return sendJson(res, 400, error.toJSON());
    }
    const params = normalizeParams(parsed.params);
    let status = 200;
    let answer: Record<string, unknown>;
    inFlight.push(method);
    try {
      const failing = injectedErrors.get(method.toLowerCase()) ?? [];
      const at = failing.findIndex((f) => f.matches(params));
      const injected = at < 0 ? undefined : failing.splice(at, 1)[0]!.error;
      if (injected) throw new TelegramApiError(injected.error_code, injected.description, injected.parameters);
      const handler = findMethod(method);
      if (!handler) throw new TelegramApiError(404, TG_ERRORS.notFound);
      const { bot: caller, updates } = slotFor(token);
      const result = await handler({
        token,
        bot: caller,
        params,
        files: parsed.files,
        state,
        updates,
        limiter,
        limits,
        onCancel: (cancel) => res.on('close', () => !res.writableEnded && cancel()),
      });
      answer =
        result instanceof Described
          ? { ok: true, result: result.result, description: result.description }
          : { ok: true, result };
    } catch (err) {
      if (!(err instanceof TelegramApiError)) throw err;
      status = err.errorCode;
      answer = err.toJSON();
    } finally {
      inFlight.splice(inFlight.indexOf(method), 1);
    }
    const call: TelegramCall = {
      method,
      token,
      params,
      files: parsed.files.map((f) => ({
        field: f.name,
        ...(f.filename !== undefined ? { filename: f.filename } : {}),
        ...(f.contentType !== undefined ? { contentType: f.contentType } : {}),
        bytes: f.data,
      })),
      at,
      response: { status, body: answer },
    };
    log.push(call);
    const hold = takeHold(method, params);
    if (hold) {
      hold.recorded(call);
      const closed = new Promise<'closed'>((resolve) => res.once('close', () => resolve('closed')));
      if ((await Promise.race([hold.decided, closed])) === 'drop') return void req.socket.destroy();
    }
    sendJson(res, status, answer);
  }

  function serveFile(res: ServerResponse, path: string): void {
    const file = state.files.atPath(path);
    if (!file) return sendJson(res, 404, { ok: false, error_code: 404, description: TG_ERRORS.notFound });
    res.writeHead(200, { 'content-type': file.mime_type ?? 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  function user(input: InjectUser): TgUser {
    const id = typeof input === 'number' ? input : input.id;
    const person = personFor(id);
    const base: TgUser = { id, is_bot: false, first_name: person.firstName, last_name: person.lastName, language_code: 'ru' };
    return typeof input === 'number' ? base : { ...base, ...input };
  }

  function attachMedia(
    message: TgMessage,
    input: InjectTo & { text?: string; caption?: string; photo?: Buffer | true; video?: Buffer; document?: InjectMessageInput['document'] },
  ): void {
    const owner = ownerOf(input);
    const owned = owner !== undefined ? { owner } : {};
    if (input.photo) {
      const file = state.files.add(input.photo === true ? TINY_PNG : input.photo, 'photo', owned);
      message.photo = state.files.photoSizes(file);
      if (input.caption !== undefined) message.caption = input.caption;
    }
    if (input.video) {
      const file = state.files.add(input.video, 'video', { ...owned, mime_type: 'video/mp4' });
      message.video = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, mime_type: 'video/mp4', width: 640, height: 360, duration: 10 };
      if (input.caption !== undefined) message.caption = input.caption;
    }
    if (input.document) {
      const { bytes, fileName, mimeType } = input.document;
      const file = state.files.add(bytes, 'document', { ...owned, file_name: fileName, ...(mimeType ? { mime_type: mimeType } : {}) });
      message.document = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_name: fileName, ...(mimeType ? { mime_type: mimeType } : {}) };
      if (input.caption !== undefined) message.caption = input.caption;
    }
    if (input.text !== undefined) {
      message.text = input.text;
      const entities = commandEntities(input.text);
      if (entities.length > 0) message.entities = entities;
    }
  }

  const fake: FakeTelegram = {
    apiRoot,
    bot,
    botFor: (token) => slotFor(token).bot,
    limits,
    calls: log.items,
    inFlight: () => [...inFlight],
    messages: (chatId) => state.view(chatId),
    chat: (chatId) => state.knownChat(chatId),
    file: (fileId) => state.files.get(fileId),
    callbackAnswer: (id) => state.callbackQueries.get(id)?.answer,
    webhookInfo: (token) => (token === undefined ? primary : slotFor(token)).updates.webhookInfo(),

    injectMessage(input) {
      if (input.from === undefined && input.chatId <= 0) throw new Error('injectMessage: `from` is required outside private chats');
      const from = user(input.from ?? input.chatId);
      const hint: Partial<TgChat> =
        input.chatId > 0
          ? { type: 'private', first_name: from.first_name, last_name: from.last_name, username: from.username }
          : { ...input.chat };
      const chat = state.ensureChat(input.chatId, hint);
      const replied = input.replyTo === undefined ? undefined : state.message(input.chatId, input.replyTo);
      if (input.replyTo !== undefined && !replied) {
        throw new Error(`injectMessage: no message ${input.replyTo} in chat ${input.chatId}`);
      }
      const message: TgMessage = {
        message_id: state.nextMessageId(input.chatId),
        from,
        chat: { ...chat },
        date: state.nowSeconds(),
      };
      // Comments under a channel post live in the thread of its automatic forward.
      const threadId =
        input.threadId ?? (replied?.is_automatic_forward ? replied.message_id : replied?.message_thread_id);
      if (threadId !== undefined) message.message_thread_id = threadId;
      if (replied) message.reply_to_message = shallowMessage(replied);
      if (input.forwardOrigin) message.forward_origin = structuredClone(input.forwardOrigin);
      attachMedia(message, input);
      state.store(message);
      push(input, { message });
      return structuredClone(message);
    },

    injectCallbackQuery(input) {
      const message = state.message(input.chatId, input.messageId);
      if (!message) throw new Error(`injectCallbackQuery: no message ${input.messageId} in chat ${input.chatId}`);
      if (input.from === undefined && input.chatId <= 0) throw new Error('injectCallbackQuery: `from` is required outside private chats');
      callbackCounter += 1n;
      const id = String(4_611_686_018_427_387_904n + callbackCounter);
      state.callbackQueries.set(id, { chatId: input.chatId, messageId: input.messageId });
      push(input, {
        callback_query: {
          id,
          from: user(input.from ?? input.chatId),
          message: shallowMessage(message),
          chat_instance: String(BigInt(input.chatId) * 7_919n + 1_000_000_007n),
          data: input.data,
        },
      });
      return id;
    },

    injectChannelPost(input) {
      const chat = state.ensureChat(input.channelId, {
        type: 'channel',
        title: input.title ?? state.knownChat(input.channelId)?.title ?? `Channel ${-input.channelId}`,
        username: input.username,
      });
      const message: TgMessage = {
        message_id: state.nextMessageId(input.channelId),
        sender_chat: { ...chat },
        chat: { ...chat },
        date: state.nowSeconds(),
      };
      if (input.authorSignature) message.author_signature = input.authorSignature;
      attachMedia(message, input);
      state.store(message);
      push(input, { channel_post: message });
      return structuredClone(message);
    },

    injectAutomaticForward(input) {
      const channel = input.post.chat;
      const group = state.ensureChat(input.discussionChatId, {
        type: 'supergroup',
        title: input.discussionTitle ?? state.knownChat(input.discussionChatId)?.title,
        linked_chat_id: channel.id,
      });
      state.ensureChat(channel.id, { linked_chat_id: group.id });
      const message: TgMessage = {
        message_id: state.nextMessageId(group.id),
        from: TELEGRAM_SERVICE_USER,
        sender_chat: { ...channel },
        chat: { ...group },
        date: state.nowSeconds(),
        is_automatic_forward: true,
        forward_origin: {
          type: 'channel',
          chat: { ...channel },
          message_id: input.post.message_id,
          date: input.post.date,
          ...(input.post.author_signature ? { author_signature: input.post.author_signature } : {}),
        },
      };
      for (const key of ['text', 'entities', 'caption', 'caption_entities', 'photo']) {
        if (input.post[key] !== undefined) (message as Record<string, unknown>)[key] = structuredClone(input.post[key]);
      }
      state.store(message);
      push(input, { message });
      return structuredClone(message);
    },

    injectUpdate: (raw, to) => recipients(to === undefined ? {} : { to })[0]!.updates.push(structuredClone(raw)),

    failNext(method, error, times = 1, matches = () => true) {
      const key = method.toLowerCase();
      const queue = injectedErrors.get(key) ?? [];
      const mine = Array.from({ length: times }, () => ({ error, matches }));
      queue.push(...mine);
      injectedErrors.set(key, queue);
      return () => {
        const left = injectedErrors.get(key) ?? [];
        injectedErrors.set(key, left.filter((f) => !mine.includes(f)));
      };
    },

    holdNext(method, matches = () => true) {
      let recorded!: (call: TelegramCall) => void;
      let decide!: (what: 'release' | 'drop') => void;
      const seen = new Promise<TelegramCall>((resolve) => (recorded = resolve));
      const decided = new Promise<'release' | 'drop'>((resolve) => (decide = resolve));
      const release = () => decide('release');
      undecided.add(release);
      const key = method.toLowerCase();
      holds.set(key, [...(holds.get(key) ?? []), { matches, recorded, decided }]);
      return { recorded: seen, release, drop: () => decide('drop') };
    },

    blockBot: (chatId, blocked = true) => state.setBlocked(chatId, blocked),

    waitFor: (matcher, timeoutMs) => log.waitFor(matcher, timeoutMs),

    reset() {
      log.clear();
      state.reset();
      for (const s of slots) s.updates.reset();
      limiter.reset();
      injectedErrors.clear();
      holds.clear();
      for (const release of undecided) release();
      undecided.clear();
    },

    async close() {
      for (const release of undecided) release();
      for (const s of slots) s.updates.close();
      log.rejectWaiters('fake Telegram closed');
      await closeServer(server);
    },
  };
  return fake;
}

/**
 * What the fake Telegram remembers: chats and their messages (ids increase
 * per chat, shared by the bot and the people in it), uploaded files, callback
 * queries and bot commands.
 */
import { randomBytes } from 'node:crypto';
import type { MessageEntity } from './telegram-text.js';

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  [key: string]: unknown;
}

export type TgChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface TgChat {
  id: number;
  type: TgChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  [key: string]: unknown;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  width: number;
  height: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_name?: string;
  mime_type?: string;
}

/** A video as Bot API messages carry it (the fields the fake can know; width, height and duration made up). */
export interface TgVideo extends TgDocument {
  width: number;
  height: number;
  duration: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  sender_chat?: TgChat;
  message_thread_id?: number;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: TgPhotoSize[];
  video?: TgVideo;
  document?: TgDocument;
  media_group_id?: string;
  reply_markup?: unknown;
  reply_to_message?: TgMessage;
  edit_date?: number;
  is_automatic_forward?: true;
  forward_origin?: Record<string, unknown>;
  author_signature?: string;
  [key: string]: unknown;
}

/** A chat message as tests look at it. */
export interface ChatMessageView {
  id: number;
  date: number;
  from?: TgUser;
  fromBot: boolean;
  text?: string;
  caption?: string;
  replyMarkup?: unknown;
  edited: boolean;
  photo?: TgPhotoSize[];
  document?: TgDocument;
  replyTo?: number;
  threadId?: number;
  raw: TgMessage;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  bytes: Buffer;
  file_name?: string;
  mime_type?: string;
  /** The bot whose file_id this is: file ids are per bot, another bot's is refused. Unset: any bot's. */
  owner?: number;
}

/** Telegram's service account that authors automatic forwards into discussion groups. */
export const TELEGRAM_SERVICE_USER: TgUser = { id: 777000, is_bot: false, first_name: 'Telegram' };

const FILE_ID_PREFIX = { photo: 'AgACAgIAAxkBAA', video: 'BAACAgIAAxkBAA', document: 'BQACAgIAAxkBAA' } as const;
const FILE_DIR = { photo: 'photos', video: 'videos', document: 'documents' } as const;

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(bytes: Buffer, kind: 'photo' | 'video' | 'document', meta: { file_name?: string; mime_type?: string; owner?: number } = {}): StoredFile {
    this.counter += 1;
    const ext = /\.([a-z0-9]{1,8})$/i.exec(meta.file_name ?? '')?.[1] ?? (kind === 'photo' ? 'jpg' : kind === 'video' ? 'mp4' : 'dat');
    const file: StoredFile = {
      file_id: FILE_ID_PREFIX[kind] + randomBytes(45).toString('base64url'),
      file_unique_id: 'AQAD' + randomBytes(9).toString('base64url'),
      file_size: bytes.length,
      file_path: `${FILE_DIR[kind]}/file_${this.counter}.${ext}`,
      bytes,
      ...meta,
    };
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  /** The file, if this id exists and (given a bot) that bot may use it. */
  get(fileId: string, botId?: number): StoredFile | undefined {
    const file = this.byId.get(fileId);
    if (file && botId !== undefined && file.owner !== undefined && file.owner !== botId) return undefined;
    return file;
  }

  atPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }

  /** Telegram answers a photo with several sizes; the fake gives a thumbnail and the original. */
  photoSizes(file: StoredFile): TgPhotoSize[] {
    const thumb = this.add(file.bytes, 'photo', file.owner !== undefined ? { owner: file.owner } : {});
    return [
      { file_id: thumb.file_id, file_unique_id: thumb.file_unique_id, file_size: thumb.file_size, width: 90, height: 68 },
      { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, width: 1280, height: 960 },
    ];
  }

  clear(): void {
    this.byId.clear();
    this.byPath.clear();
  }
}

interface ChatRecord {
  chat: TgChat;
  lastMessageId: number;
  messages: Map<number, TgMessage>;
  /** The bot was blocked by this private chat's user. */
  blocked: boolean;
}

export interface CallbackQueryRecord {
  chatId: number;
  messageId: number;
  answer?: Record<string, unknown>;
}

export class TelegramState {
  readonly files = new FileStore();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly commands = new Map<string, unknown>();
  private readonly chats = new Map<number, ChatRecord>();
  /** Every bot the fake serves: their messages are the bots' own. */
  readonly botIds = new Set<number>();

  constructor(
    readonly bot: TgUser,
    private readonly now: () => number,
  ) {
    this.botIds.add(bot.id);
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  knownChat(id: number): TgChat | undefined {
    return this.chats.get(id)?.chat;
  }

  /** The chat with this id, created on first use: negative ids are groups, -100… supergroups. */
  ensureChat(id: number, hint: Partial<TgChat> = {}): TgChat {
    const existing = this.chats.get(id);
    if (existing) {
      Object.assign(existing.chat, stripUndefined(hint), { id });
      return existing.chat;
    }
    const chat: TgChat = { ...defaultChat(id), ...stripUndefined(hint), id };
    this.chats.set(id, { chat, lastMessageId: 0, messages: new Map(), blocked: false });
    return chat;
  }

  chatByUsername(username: string): TgChat | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    for (const { chat } of this.chats.values()) if (chat.username?.toLowerCase() === wanted) return chat;
    return undefined;
  }

  setBlocked(chatId: number, blocked: boolean): void {
    this.ensureChat(chatId);
    (this.chats.get(chatId) as ChatRecord).blocked = blocked;
  }

  isBlocked(chatId: number): boolean {
    return this.chats.get(chatId)?.blocked ?? false;
  }

  nextMessageId(chatId: number): number {
    this.ensureChat(chatId);
    const record = this.chats.get(chatId) as ChatRecord;
    record.lastMessageId += 1;
    return record.lastMessageId;
  }

  store(message: TgMessage): TgMessage {
    this.ensureChat(message.chat.id);
    (this.chats.get(message.chat.id) as ChatRecord).messages.set(message.message_id, message);
    return message;
  }

  message(chatId: number, messageId: number): TgMessage | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  remove(chatId: number, messageId: number): boolean {
    return this.chats.get(chatId)?.messages.delete(messageId) ?? false;
  }

  view(chatId: number): ChatMessageView[] {
    const record = this.chats.get(chatId);
    if (!record) return [];
    return [...record.messages.values()]
      .sort((a, b) => a.message_id - b.message_id)
      .map((m) => ({
        id: m.message_id,
        date: m.date,
        ...(m.from ? { from: m.from } : {}),
        fromBot: m.from !== undefined && this.botIds.has(m.from.id),
        ...(m.text !== undefined ? { text: m.text } : {}),
        ...(m.caption !== undefined ? { caption: m.caption } : {}),
        ...(m.reply_markup !== undefined ? { replyMarkup: m.reply_markup } : {}),
        edited: m.edit_date !== undefined,
        ...(m.photo ? { photo: m.photo } : {}),
        ...(m.document ? { document: m.document } : {}),
        ...(m.reply_to_message ? { replyTo: m.reply_to_message.message_id } : {}),
        ...(m.message_thread_id !== undefined ? { threadId: m.message_thread_id } : {}),
        raw: m,
      }));
  }

  reset(): void {
    this.chats.clear();
    this.files.clear();
    this.callbackQueries.clear();
    this.commands.clear();
  }
}

function defaultChat(id: number): TgChat {
  if (id > 0) return { id, type: 'private', first_name: `User ${id}` };
  if (id <= -1_000_000_000_000) return { id, type: 'supergroup', title: `Supergroup ${-id}` };
  return { id, type: 'group', title: `Group ${-id}` };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A message as embedded in another (reply_to_message, callback_query.message): one level deep. */
export function shallowMessage(message: TgMessage): TgMessage {
  const { reply_to_message: _nested, ...rest } = message;
  return structuredClone(rest);
}

/**
 * The fake MAX's world: the bot, users, chats (dialogs with the bot and group
 * chats where it is an admin), messages, the update queue read by marker, and
 * uploads. Shapes follow the official client's types (@maxhub/max-bot-api:
 * Message, Update, Chat, User); the HTTP side is max.ts.
 */
import type { Message, Update, User, Chat } from '@maxhub/max-bot-api/types';

export const MAX_LIMITS = {
  /** "text: до 4000 символов" (POST /messages). */
  textMax: 4000,
  /** Requests a second per bot; more are answered 429. */
  requestsPerSecond: 30,
  /** Callback button payload, characters. */
  callbackPayloadMax: 1024,
  /** Inline keyboard: rows, buttons in a row, buttons in all. */
  keyboardRows: 30,
  buttonsPerRow: 7,
  buttonsTotal: 210,
  /** Button label, characters. */
  buttonTextMax: 128,
} as const;

export type FakeMaxMessage = Message & {
  /** The chat it lives in (a dialog's chat id too). */
  chatId: number;
  deleted?: boolean;
  edited?: boolean;
  /** How its text is marked up (the request's `format`): a person sees HTML drawn, not its tags. */
  format?: 'html' | 'markdown' | undefined;
};

/** An uploaded file (named for photos, the first kind modelled; videos and documents are kept here too). */
export type UploadedPhoto = { token: string; bytes: Buffer; filename: string; kind?: 'image' | 'video' | 'file' | 'audio' };

export class MaxState {
  readonly bot: User;
  private readonly users = new Map<number, User>();
  readonly chats = new Map<number, Chat & { members: Set<number> }>();
  private readonly dialogs = new Map<number, number>();
  readonly messages = new Map<string, FakeMaxMessage>();
  /** Every update, in order; the marker is an index into it. */
  readonly updates: Update[] = [];
  readonly photos = new Map<string, UploadedPhoto>();
  /** Upload URLs handed out, by id, with the kind asked for. */
  readonly pendingUploads = new Map<string, 'image' | 'video' | 'file' | 'audio'>();
  /** The bot's command menu (PATCH /me). */
  commands: Array<{ name: string; description?: string | null }> = [];
  readonly answers = new Map<string, { message?: unknown; notification?: string | null }>();
  readonly callbacks = new Map<string, { userId: number; mid: string }>();
  private seq = 0;
  private nextChatId = -70_000_000_001;

  constructor(
    bot: { id: number; name: string; username: string },
    private readonly now: () => number,
  ) {
    this.bot = { user_id: bot.id, name: bot.name, first_name: bot.name, username: bot.username, is_bot: true, last_activity_time: now() };
  }

  user(id: number, name?: string): User {
    let u = this.users.get(id);
    if (!u || (name && u.name !== name)) {
      const full = name ?? `Пользователь ${id}`;
      const [first, ...rest] = full.split(' ');
      u = { user_id: id, name: full, first_name: first ?? full, ...(rest.length ? { last_name: rest.join(' ') } : {}), username: null, is_bot: false, last_activity_time: this.now() };
      this.users.set(id, u);
    }
    return u;
  }

  /** The user's dialog with the bot (created at first contact, as MAX does). */
  dialogOf(userId: number): number {
    let id = this.dialogs.get(userId);
    if (id === undefined) {
      id = this.nextChatId--;
      this.dialogs.set(userId, id);
      this.chats.set(id, this.chat(id, 'dialog', null, [userId, this.bot.user_id]));
    }
    return id;
  }

  /** A group chat with the bot as an admin (it reads every message). */
  addGroupChat(chatId: number, title: string): void {
    if (!this.chats.has(chatId)) this.chats.set(chatId, this.chat(chatId, 'chat', title, [this.bot.user_id]));
  }

  private chat(id: number, type: Chat['type'], title: string | null, members: number[]): Chat & { members: Set<number> } {
    return { chat_id: id, type, status: 'active', title, icon: null, last_event_time: this.now(), participants_count: members.length, is_public: false, members: new Set(members) };
  }

  newMid(): string {
    this.seq += 1;
    return `mid.${(0x1000000000 + this.seq).toString(16)}`;
  }

  nextSeq(): number {
    return this.seq;
  }

  push(update: Update): void {
    this.updates.push(update);
  }

  record(message: Omit<FakeMaxMessage, 'timestamp'> & { timestamp?: number }): FakeMaxMessage {
    const m = { ...message, timestamp: message.timestamp ?? this.now() } as FakeMaxMessage;
    this.messages.set(m.body.mid, m);
    return m;
  }

  /** A message as the API returns it: without the fake's bookkeeping. */
  static wire(m: FakeMaxMessage): Message {
    const { chatId: _chat, deleted: _deleted, edited: _edited, format: _format, ...rest } = m;
    return rest;
  }
}

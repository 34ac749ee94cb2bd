/**
 * The staff's side of a fake messenger, the same for Telegram and MAX: what a person sees in a chat, writes,
 * taps and opens by a deep link. The demo, the sandbox and the end-to-end scenarios act through it, so each
 * scenario runs in either staff messenger. Chats are named as the staff side names them: a work chat by its
 * id, a person's private chat with the bot by the person's id.
 */
import type { FakeMax, UserFile } from '../fakes/max.js';
import type { FakeTelegram } from '../fakes/telegram.js';
import { until } from './until.js';

export type StaffButton = { text: string; /** What a tap sends (callback_data, MAX's payload). */ data?: string; url?: string };

/** A photo, a video or a document in a message, with its bytes as the messenger serves them. */
export type StaffFile = { kind: 'photo' | 'video' | 'document'; fileName?: string; bytes(): Buffer | undefined };

export type StaffMessage = {
  /** Telegram's message_id, MAX's mid. */
  id: number | string;
  /** The text or caption as the person sees it (HTML drawn: no tags). */
  text: string | undefined;
  buttons: StaffButton[];
  /** The same buttons in their rows. */
  rows: StaffButton[][];
  fromBot: boolean;
  /** Photos, videos and documents it carries. */
  media: number;
  files: StaffFile[];
  /** The message it answers, by the same kind of id. */
  replyTo?: number | string;
  /** The fake messenger's own record, for what only one of them has: Telegram's entities (none on MAX). */
  raw: Record<string, unknown> & { entities?: Array<{ type: string; offset: number; length: number; url?: string }> };
};

export type StaffWrites = {
  chatId: number;
  from: number;
  text?: string;
  photo?: Buffer;
  video?: Buffer;
  document?: { bytes: Buffer; fileName: string };
  /** The message answered (MAX's «Ответить», Telegram's reply). */
  replyTo?: number | string;
};

export interface StaffSide {
  readonly kind: 'telegram' | 'max';
  /** Messages in a chat, oldest first, as they stand now (edits applied, deleted ones gone). */
  messages(chatId: number): StaffMessage[];
  write(o: StaffWrites): void;
  /** Taps a button; resolves with the popup or notification the person sees ('' for none). */
  tap(chatId: number, messageId: number | string, from: number, data: string): Promise<string>;
  /** Opens the bot by its deep link with this payload. */
  start(userId: number, payload: string): void;
}

type TgButton = { text: string; callback_data?: string; url?: string };

export function telegramStaff(telegram: FakeTelegram): StaffSide {
  const bytes = (fileId: string) => () => telegram.file(fileId)?.bytes;
  return {
    kind: 'telegram',
    messages: (chatId) =>
      telegram.messages(chatId).map((m) => {
        const rows = ((m.replyMarkup as { inline_keyboard?: TgButton[][] } | undefined)?.inline_keyboard ?? []).map((row) =>
          row.map((b) => ({
            text: b.text,
            ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
            ...(b.url !== undefined ? { url: b.url } : {}),
          })),
        );
        const video = (m.raw as { video?: { file_id: string } }).video;
        const files: StaffFile[] = [
          ...(m.photo?.length ? [{ kind: 'photo' as const, bytes: bytes(m.photo.at(-1)!.file_id) }] : []),
          ...(video ? [{ kind: 'video' as const, bytes: bytes(video.file_id) }] : []),
          ...(m.document ? [{ kind: 'document' as const, ...(m.document.file_name ? { fileName: m.document.file_name } : {}), bytes: bytes(m.document.file_id) }] : []),
        ];
        return {
          id: m.id,
          text: m.text ?? m.caption,
          buttons: rows.flat(),
          rows,
          fromBot: m.fromBot,
          media: files.length,
          files,
          ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}),
          raw: m.raw as unknown as Record<string, unknown>,
        };
      }),
    write(o) {
      const text = o.photo || o.video || o.document ? { caption: o.text } : { text: o.text };
      telegram.injectMessage({
        chatId: o.chatId,
        from: o.from,
        ...text,
        ...(o.photo ? { photo: o.photo } : {}),
        ...(o.video ? { video: o.video } : {}),
        ...(o.document ? { document: o.document } : {}),
        ...(o.replyTo !== undefined ? { replyTo: Number(o.replyTo) } : {}),
      });
    },
    async tap(chatId, messageId, from, data) {
      const id = telegram.injectCallbackQuery({ chatId, messageId: Number(messageId), from, data });
      const answer = await until(() => telegram.callbackAnswer(id), `the answer to callback ${id}`);
      return String(answer.text ?? '');
    },
    start(userId, payload) {
      telegram.injectMessage({ chatId: userId, from: userId, text: `/start ${payload}` });
    },
  };
}

type MaxButton = { type: string; text: string; payload?: string; url?: string };
type MaxAttachment = { type: string; payload?: { buttons?: MaxButton[][]; token?: string }; filename?: string };

/** HTML as MAX draws it: the tags gone, the entities read. */
export function drawnHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function maxStaff(max: FakeMax): StaffSide {
  const chat = (chatId: number) => (chatId < 0 ? chatId : max.dialogOf(chatId));
  const kinds: Record<string, StaffFile['kind']> = { image: 'photo', video: 'video', file: 'document' };
  return {
    kind: 'max',
    messages: (chatId) =>
      max.messages(chat(chatId)).map((m) => {
        const attachments = (m.body.attachments ?? []) as MaxAttachment[];
        const keyboard = attachments.find((a) => a.type === 'inline_keyboard');
        const rows = (keyboard?.payload?.buttons ?? []).map((row) =>
          row.map((b) => ({
            text: b.text,
            ...(b.type === 'callback' ? { data: b.payload ?? '' } : {}),
            ...(b.url !== undefined ? { url: b.url } : {}),
          })),
        );
        const files = attachments.flatMap((a): StaffFile[] => {
          const kind = kinds[a.type];
          if (!kind) return [];
          const token = a.payload?.token ?? '';
          return [{ kind, ...(a.filename ? { fileName: a.filename } : {}), bytes: () => max.photo(token) }];
        });
        const text = m.body.text ? (m.format === 'html' ? drawnHtml(m.body.text) : m.body.text) : undefined;
        return {
          id: m.body.mid,
          text,
          buttons: rows.flat(),
          rows,
          fromBot: m.sender?.user_id === max.state.bot.user_id,
          media: files.length,
          files,
          ...(m.link?.type === 'reply' ? { replyTo: m.link.message.mid } : {}),
          raw: m as unknown as Record<string, unknown>,
        };
      }),
    write(o) {
      const files: UserFile[] = [
        ...(o.photo ? [{ kind: 'image' as const, bytes: o.photo }] : []),
        ...(o.video ? [{ kind: 'video' as const, bytes: o.video }] : []),
        ...(o.document ? [{ kind: 'file' as const, bytes: o.document.bytes, filename: o.document.fileName }] : []),
      ];
      max.citizenWrites({
        userId: o.from,
        text: o.text ?? '',
        ...(o.chatId < 0 ? { chatId: o.chatId } : {}),
        ...(files.length ? { files } : {}),
        ...(o.replyTo !== undefined ? { replyTo: String(o.replyTo) } : {}),
      });
    },
    async tap(_chatId, messageId, from, data) {
      const id = max.pressButton({ userId: from, mid: String(messageId), payload: data });
      const answer = await until(() => max.callbackAnswer(id), `the answer to callback ${id}`);
      // A silent Telegram answer is a tick on MAX (which wants a notification in every answer).
      return answer.notification === '✓' ? '' : (answer.notification ?? '');
    },
    start(userId, payload) {
      max.startBot({ userId, payload });
    },
  };
}

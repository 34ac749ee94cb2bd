/**
 * What a member of staff sees in a chat of the staff messenger, drawn the same for Telegram and MAX: the
 * page has one staff pane whichever messenger the session runs. Each messenger's fake is read here, as its
 * app would draw a message (author, text with its formatting, photo, document, buttons, the message it
 * answers); what staff do goes through the scenario kit's StaffSide (session.ts).
 */
import type { FakeMax } from '../fakes/max.js';
import type { FakeMaxMessage } from '../fakes/max-state.js';
import type { FakeTelegram } from '../fakes/telegram.js';
import type { Org } from '../../platform/config/org.js';
import { htmlText } from './html.js';
import type { ButtonView, EntityView, MessageView } from './message-view.js';

export type StaffMessengerId = 'telegram' | 'max';

/** The staff messengers a session can run, as the page names them. */
export const STAFF_MESSENGERS: ReadonlyArray<{ id: StaffMessengerId; title: string }> = [
  { id: 'telegram', title: 'Telegram' },
  { id: 'max', title: 'MAX' },
];

export type StaffView = {
  readonly kind: StaffMessengerId;
  /** The messenger's own name. */
  readonly title: string;
  /** A chat as `me` sees it, oldest first: a work chat by its id, the person's private chat with the bot by their id. */
  messages(chatId: number, me: number): MessageView[];
  /** A photo or file a staff message carries, by the id in its page address (/api/file?id=…). */
  file(id: string): { bytes: Buffer; type: string } | undefined;
};

const BOT_NAME = 'Отклик';
const ENTITY_TYPES = new Set(['bold', 'italic', 'code', 'pre', 'text_link', 'url', 'underline', 'strikethrough', 'blockquote', 'expandable_blockquote']);
const fileUrl = (id: string) => `/api/file?id=${encodeURIComponent(id)}`;

/** Staff are named as the organisation file names them, whatever name the messenger has for them. */
function namer(org: Org) {
  const names = new Map(org.staff.map((p) => [p.telegramId, p.name]));
  return (id: number | undefined, fallback: string) => (id !== undefined ? names.get(id) : undefined) ?? (fallback || 'Сотрудник');
}

/** An image's type from its first bytes (the fakes keep bytes, not always a type). */
function sniff(bytes: Buffer): string {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}

type TgButton = { text: string; callback_data?: string; url?: string };
type TgRaw = {
  entities?: EntityView[];
  caption_entities?: EntityView[];
  video?: unknown;
  reply_markup?: { inline_keyboard?: TgButton[][]; force_reply?: boolean };
};

export function telegramView(telegram: FakeTelegram, org: Org): StaffView {
  const nameOf = namer(org);
  return {
    kind: 'telegram',
    title: 'Telegram',
    messages: (chatId, me) =>
      telegram.messages(chatId).map((m): MessageView => {
        const raw = m.raw as unknown as TgRaw;
        const text = m.text ?? m.caption ?? '';
        const entities = (m.text !== undefined ? raw.entities : raw.caption_entities) ?? [];
        const markup = raw.reply_markup;
        const buttons: ButtonView[][] = (markup?.inline_keyboard ?? []).map((row) =>
          row.map((b) => ({ text: b.text, ...(b.callback_data ? { data: b.callback_data } : {}), ...(b.url ? { url: b.url } : {}) })),
        );
        const photo = m.photo?.length ? m.photo[m.photo.length - 1]!.file_id : undefined;
        return {
          id: m.id,
          at: m.date * 1000,
          author: m.fromBot ? BOT_NAME : nameOf(m.from?.id, [m.from?.first_name, m.from?.last_name].filter(Boolean).join(' ')),
          mine: m.from?.id === me,
          bot: m.fromBot,
          text,
          entities: entities.filter((e) => ENTITY_TYPES.has(e.type)).map((e) => ({ type: e.type, offset: e.offset, length: e.length, ...(e.url ? { url: e.url } : {}) })),
          ...(photo ? { photo: fileUrl(photo) } : {}),
          ...(raw.video ? { video: true } : {}),
          ...(m.document ? { document: m.document.file_name ?? 'документ' } : {}),
          buttons,
          forceReply: Boolean(markup?.force_reply),
          ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          edited: m.edited,
        };
      }),
    file(id) {
      const f = telegram.file(id);
      return f ? { bytes: f.bytes, type: f.mime_type ?? sniff(f.bytes) } : undefined;
    },
  };
}

type MaxAttachment = {
  type: string;
  payload?: { token?: string; url?: string; buttons?: Array<Array<{ type: string; text: string; payload?: string; url?: string }>> };
  filename?: string;
};

/**
 * `pageUrl` turns a file's address outside the fake (a citizen's photo the bot passed on by its URL) into one
 * the page can show.
 */
export function maxView(max: FakeMax, org: Org, pageUrl: (url: string) => string): StaffView {
  const nameOf = namer(org);
  const bot = max.state.bot.user_id;
  const view = (m: FakeMaxMessage, me: number): MessageView => {
    const attachments = (m.body.attachments ?? []) as MaxAttachment[];
    const fromBot = m.sender?.user_id === bot;
    // The bot writes HTML (format: html): MAX's apps draw it; a person's text is plain.
    const { text, entities } = fromBot ? htmlText(m.body.text ?? '') : { text: m.body.text ?? '', entities: [] };
    const keyboard = attachments.find((a) => a.type === 'inline_keyboard');
    const buttons: ButtonView[][] = (keyboard?.payload?.buttons ?? []).map((row) =>
      row.map((b) => ({ text: b.text, ...(b.type === 'callback' && b.payload ? { data: b.payload } : {}), ...(b.type === 'link' && b.url ? { url: b.url } : {}) })),
    );
    const image = attachments.find((a) => a.type === 'image');
    const token = image?.payload?.token;
    const photo = image ? (token && max.state.photos.has(token) ? fileUrl(token) : image.payload?.url ? pageUrl(image.payload.url) : undefined) : undefined;
    const document = attachments.find((a) => a.type === 'file');
    const replyTo = m.link?.type === 'reply' ? m.link.message.mid : undefined;
    return {
      id: m.body.mid,
      at: m.timestamp,
      author: fromBot ? BOT_NAME : nameOf(m.sender?.user_id, m.sender?.name ?? ''),
      mine: m.sender?.user_id === me,
      bot: fromBot,
      text,
      entities,
      ...(photo ? { photo } : {}),
      ...(attachments.some((a) => a.type === 'video') ? { video: true } : {}),
      ...(document ? { document: document.filename ?? 'документ' } : {}),
      buttons,
      // MAX has no forced reply: a person answers the bot's question with «Ответить», or just writes.
      forceReply: false,
      ...(replyTo ? { replyTo } : {}),
      edited: Boolean(m.edited),
    };
  };
  return {
    kind: 'max',
    title: 'MAX',
    messages: (chatId, me) => max.messages(chatId < 0 ? chatId : max.dialogOf(chatId)).map((m) => view(m, me)),
    file(id) {
      const f = max.state.photos.get(id);
      return f ? { bytes: f.bytes, type: sniff(f.bytes) } : undefined;
    },
  };
}

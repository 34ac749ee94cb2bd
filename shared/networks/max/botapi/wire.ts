/**
 * Shapes both ways between the Bot API subset the staff side speaks (STAFF_METHODS in ../port.ts) and MAX's
 * wire: inline keyboards, HTML, message objects and errors. Pure; methods.ts does the calls.
 */
import type { Message as MaxMessage } from '@maxhub/max-bot-api/types';

export type TgButton = { text: string; callback_data?: string; url?: string };
export type TgMarkup = { inline_keyboard?: TgButton[][]; force_reply?: boolean; remove_keyboard?: boolean };

/** MAX's attachment request for a keyboard. */
export type MaxKeyboard = {
  type: 'inline_keyboard';
  payload: { buttons: Array<Array<{ type: 'callback'; text: string; payload: string } | { type: 'link'; text: string; url: string }>> };
};

/** "text: до 4000 символов" (POST /messages): the tighter of the two messengers' limits. */
export const MAX_TEXT_LIMIT = 4000;

/**
 * An inline keyboard as MAX's attachment; null when the markup has none. force_reply has no MAX
 * counterpart: the person answers with MAX's own «Ответить», or just writes (inputs take the next message).
 */
export function keyboardOf(markup: TgMarkup | undefined): MaxKeyboard | null {
  const rows = markup?.inline_keyboard;
  if (!rows?.length) return null;
  return {
    type: 'inline_keyboard',
    payload: {
      buttons: rows.map((row) =>
        row.map((b) => (b.url !== undefined ? { type: 'link' as const, text: b.text, url: b.url } : { type: 'callback' as const, text: b.text, payload: b.callback_data ?? '' })),
      ),
    },
  };
}

/**
 * Telegram's HTML as MAX's: the same tags but for <blockquote>, which MAX does not draw; a quote stays
 * set apart in italics. Over the limit the text is cut (a card is rendered to fit; this only guards).
 */
export function htmlOf(text: string): string {
  const html = text.replace(/<blockquote>/g, '<i>').replace(/<\/blockquote>/g, '</i>');
  return html.length <= MAX_TEXT_LIMIT ? html : `${html.slice(0, MAX_TEXT_LIMIT - 1)}…`;
}

export function plainOf(text: string): string {
  return text.length <= MAX_TEXT_LIMIT ? text : `${text.slice(0, MAX_TEXT_LIMIT - 1)}…`;
}

/**
 * Where a staff-side chat id points on MAX. Private chats are named by the person's id, as on Telegram
 * (MAX's dialog ids differ from user ids, so they are addressed by `user_id`); group chats have negative ids.
 */
export const addressOf = (chatId: number): { chat_id: number } | { user_id: number } => (chatId < 0 ? { chat_id: chatId } : { user_id: chatId });

export type TgChat = { id: number; type: 'private'; first_name: string } | { id: number; type: 'group'; title: string };

/** The staff-side chat of a MAX message: the person for a dialog, the group otherwise. */
export function chatOf(m: Pick<MaxMessage, 'recipient' | 'sender'>, me: number): TgChat {
  const { recipient } = m;
  if (recipient.chat_type === 'dialog') {
    // In a dialog with the bot the other side is the person, whichever of the two sent this one.
    const person = m.sender && m.sender.user_id !== me ? m.sender.user_id : (recipient.user_id ?? recipient.chat_id ?? 0);
    return { id: person, type: 'private', first_name: m.sender?.first_name ?? m.sender?.name ?? '' };
  }
  return { id: recipient.chat_id ?? 0, type: 'group', title: '' };
}

/** A Bot API error body for a MAX failure, worded as Telegram words it where the staff side reads the words. */
export function errorBodyOf(status: number, code: string, message: string, method: string) {
  if (status === 429) return { ok: false as const, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
  const gone = status === 404 && /message/.test(code);
  if (gone && method.startsWith('edit')) return { ok: false as const, error_code: 400, description: `Bad Request: message to edit not found (${code})` };
  if (gone && method === 'deleteMessage') return { ok: false as const, error_code: 400, description: `Bad Request: message to delete not found (${code})` };
  if (status === 404) return { ok: false as const, error_code: 400, description: `Bad Request: chat not found (${code})` };
  if (status === 403) return { ok: false as const, error_code: 403, description: `Forbidden: ${message} (${code})` };
  return { ok: false as const, error_code: status, description: `${status === 400 ? 'Bad Request' : 'MAX'}: ${message} (${code})` };
}

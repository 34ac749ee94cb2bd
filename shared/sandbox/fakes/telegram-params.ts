/**
 * Reading Bot API parameters as the real server does: JSON bodies carry typed
 * values, forms and multipart carry strings (objects as JSON strings), files
 * arrive as multipart parts referenced by `attach://<name>` or by field name.
 */
import { z } from 'zod';
import type { MultipartPart } from './multipart.js';
import { badRequest, TelegramApiError, TG_ERRORS } from './telegram-errors.js';
import { utf8Bytes, type Limits } from './telegram-limits.js';
import type { StoredFile, TelegramState } from './telegram-state.js';

export type Params = Record<string, unknown>;

export function int(params: Params, name: string): number | undefined {
  const value = params[name];
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function bool(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** An object or array parameter, parsed from its JSON string when it came through a form. */
export function json(params: Params, name: string): unknown {
  const value = params[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`Bad Request: can't parse ${name} JSON object`);
  }
}

/** chat_id as a number: numeric, or an @username the fake has seen. */
export function chatId(params: Params, state: TelegramState): number {
  const raw = params.chat_id;
  if (raw === undefined || raw === null || raw === '') throw badRequest(TG_ERRORS.chatIdEmpty);
  const numeric = int(params, 'chat_id');
  if (numeric !== undefined) return numeric;
  const byName = typeof raw === 'string' ? state.chatByUsername(raw) : undefined;
  if (!byName) throw badRequest(TG_ERRORS.chatNotFound);
  return byName.id;
}

const ACTION_FIELDS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

const InlineKeyboard = z.object({
  inline_keyboard: z.array(z.array(z.record(z.string(), z.unknown()))),
});

/**
 * Validates reply_markup and returns what Telegram echoes in the sent
 * message: inline keyboards only (reply keyboards are never echoed).
 */
export function replyMarkup(params: Params, limits: Limits): Record<string, unknown> | undefined {
  const markup = json(params, 'reply_markup');
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== 'object' || Array.isArray(markup)) {
    throw badRequest("Bad Request: can't parse reply keyboard markup JSON object");
  }
  if (!('inline_keyboard' in markup)) return undefined;
  const parsed = InlineKeyboard.safeParse(markup);
  if (!parsed.success) throw badRequest("Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  for (const row of parsed.data.inline_keyboard) {
    for (const button of row) {
      if (typeof button.text !== 'string') {
        throw badRequest('Bad Request: can\'t parse inline keyboard button: Field "text" must be of type String');
      }
      if (!ACTION_FIELDS.some((field) => button[field] !== undefined)) {
        throw badRequest("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      const data = button.callback_data;
      if (data !== undefined) {
        if (typeof data !== 'string' || data.length === 0 || utf8Bytes(data) > limits.callbackDataBytes) {
          throw badRequest(TG_ERRORS.buttonDataInvalid);
        }
      }
    }
  }
  if (parsed.data.inline_keyboard.every((row) => row.length === 0)) return undefined;
  return markup as Record<string, unknown>;
}

/** The message being replied to (reply_parameters or the older reply_to_message_id). */
export function replyTargetId(params: Params): { messageId: number; allowMissing: boolean } | undefined {
  const replyParameters = json(params, 'reply_parameters');
  if (replyParameters && typeof replyParameters === 'object') {
    const rp = replyParameters as Params;
    const messageId = int(rp, 'message_id');
    if (messageId !== undefined) return { messageId, allowMissing: bool(rp, 'allow_sending_without_reply') };
  }
  const legacy = int(params, 'reply_to_message_id');
  if (legacy !== undefined) return { messageId: legacy, allowMissing: bool(params, 'allow_sending_without_reply') };
  return undefined;
}

/** URLs cannot be fetched from here; the fake stores a placeholder for them. */
const PLACEHOLDER_BYTES = Buffer.from('fake-telegram: file sent by URL');

/**
 * Resolves an InputFile-or-string parameter to a stored file: an upload
 * (`attach://name` or a part named like the field), a known file_id, or an
 * http(s) URL.
 */
export function inputFile(
  value: unknown,
  field: string,
  files: MultipartPart[],
  state: TelegramState,
  kind: 'photo' | 'video' | 'document',
  botId?: number,
): StoredFile {
  const upload =
    typeof value === 'string' && value.startsWith('attach://')
      ? files.find((f) => f.name === value.slice('attach://'.length))
      : value === undefined
        ? files.find((f) => f.name === field)
        : undefined;
  if (typeof value === 'string' && value.startsWith('attach://') && !upload) {
    throw badRequest("Bad Request: can't parse InputMedia: media not found");
  }
  if (upload) {
    if (upload.data.length === 0) throw badRequest(TG_ERRORS.emptyFile);
    return state.files.add(upload.data, kind, {
      ...(botId !== undefined ? { owner: botId } : {}),
      ...(upload.filename ? { file_name: upload.filename } : {}),
      ...(upload.contentType && upload.contentType !== 'application/octet-stream' ? { mime_type: upload.contentType } : {}),
    });
  }
  if (value === undefined || value === '') throw badRequest(`Bad Request: there is no ${field} in the request`);
  if (typeof value !== 'string') throw badRequest(TG_ERRORS.wrongFileId);
  const known = state.files.get(value, botId);
  if (known) return known;
  if (/^https?:\/\//i.test(value)) {
    const name = new URL(value).pathname.split('/').pop() || undefined;
    return state.files.add(PLACEHOLDER_BYTES, kind, { ...(name ? { file_name: name } : {}), ...(botId !== undefined ? { owner: botId } : {}) });
  }
  throw badRequest(TG_ERRORS.wrongFileId);
}

export function assertNotBlocked(state: TelegramState, chatId: number): void {
  if (state.isBlocked(chatId)) throw new TelegramApiError(403, TG_ERRORS.blocked);
}

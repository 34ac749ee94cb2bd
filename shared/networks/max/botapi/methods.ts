/**
 * MAX behind the staff side's Bot API: a grammY transformer that answers each method of STAFF_METHODS
 * (../../../networks/staff-messenger.ts) with MAX's own calls, through the official client. Installed on
 * a grammY Api, it makes every card, button, prompt, album and report the staff side sends go to MAX
 * instead, and it never calls Telegram. A method outside the list fails loudly: the port would have grown
 * without its MAX half.
 */
import { HttpError, InputFile, type Transformer } from 'grammy';
import { MaxError } from '@maxhub/max-bot-api';
import type { MaxApi } from '../client.js';
import { uploadToMax } from '../upload.js';
import type { MaxIds } from './ids.js';
import { addressOf, chatOf, errorBodyOf, htmlOf, keyboardOf, plainOf, type TgMarkup } from './wire.js';
import { fileIdOf, parseFileId } from './files.js';

type Params = Record<string, unknown>;
type Attachment = Record<string, unknown> & { type: string };
type MaxSent = Awaited<ReturnType<MaxApi['sendMessageToChat']>>;

export type MaxBotApiDeps = { api: MaxApi; ids: MaxIds; fetch: typeof fetch };

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** Bytes of an InputFile (or a file id / URL given as text) for MAX's upload service. */
async function bytesOf(file: InputFile): Promise<Buffer> {
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return Buffer.from(raw);
  const parts: Uint8Array[] = [];
  for await (const part of raw as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

export function maxBotApi({ api, ids, fetch }: MaxBotApiDeps): Transformer {
  let me: number | null = null;
  const myId = async () => (me ??= (await api.getMyInfo()).user_id);

  /** A photo, video or document as a MAX attachment: uploaded from bytes, or by the token a MAX file id carries. */
  async function media(kind: 'photo' | 'video' | 'document', given: unknown): Promise<Attachment> {
    const type = kind === 'photo' ? 'image' : kind === 'video' ? 'video' : 'file';
    if (typeof given === 'string') {
      const known = parseFileId(given);
      if (known) return { type, payload: { token: known.token } };
      if (!/^https?:\/\//.test(given)) throw new Error(`a ${kind} given as "${given.slice(0, 20)}…" is not a MAX file`);
      // MAX takes an image by its URL; a video or a document only uploaded.
      if (type === 'image') return { type, payload: { url: given } };
      const res = await fetch(given, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`${kind} download for MAX failed: HTTP ${res.status}`);
      return upload(kind, Buffer.from(await res.arrayBuffer()));
    }
    if (!(given instanceof InputFile)) throw new Error(`${kind}: expected an InputFile or a file id`);
    return upload(kind, await bytesOf(given), given.filename);
  }

  const upload = (kind: 'photo' | 'video' | 'document', source: Buffer, fileName?: string): Promise<Attachment> =>
    uploadToMax(api, kind === 'photo' ? 'image' : kind === 'video' ? 'video' : 'file', source, fileName);

  /** The Bot API Message for what MAX sent, numbered for the staff side. */
  async function messageOf(sent: MaxSent) {
    const chat = chatOf(sent, await myId());
    return {
      message_id: await ids.numberOf(sent.body.mid),
      date: Math.floor(sent.timestamp / 1000),
      chat,
      ...(sent.body.text ? { text: sent.body.text } : {}),
    };
  }

  async function send(p: Params, text: string | undefined, attachments: Attachment[]) {
    const keyboard = keyboardOf(p.reply_markup as TgMarkup | undefined);
    const replyTo = num((p.reply_parameters as { message_id?: number } | undefined)?.message_id ?? p.reply_to_message_id);
    const mid = Number.isFinite(replyTo) ? await ids.midOf(replyTo) : null;
    const html = p.parse_mode === 'HTML';
    const body = {
      ...(text !== undefined ? { text: html ? htmlOf(text) : plainOf(text), ...(html ? { format: 'html' as const } : {}) } : {}),
      attachments: [...attachments, ...(keyboard ? [keyboard] : [])] as never,
      ...(mid ? { link: { type: 'reply' as const, mid } } : {}),
      ...((p.link_preview_options as { is_disabled?: boolean } | undefined)?.is_disabled ? { disable_link_preview: true } : {}),
      ...(p.disable_notification ? { notify: false } : {}),
    };
    const to = addressOf(num(p.chat_id));
    const textOf = (body as { text?: string }).text ?? '';
    return 'chat_id' in to ? api.sendMessageToChat(to.chat_id, textOf, body) : api.sendMessageToUser(to.user_id, textOf, body);
  }

  async function midOrGone(id: unknown): Promise<string> {
    const mid = await ids.midOf(num(id));
    if (!mid) throw new MaxError(404, { code: 'message.not.found', message: 'no such message' });
    return mid;
  }

  const methods: Record<string, (p: Params) => Promise<unknown>> = {
    async getMe() {
      const info = await api.getMyInfo();
      me = info.user_id;
      return { id: info.user_id, is_bot: true, first_name: info.name ?? info.first_name ?? 'MAX', username: info.username ?? undefined, can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false };
    },
    async sendMessage(p) {
      return messageOf(await send(p, String(p.text ?? ''), []));
    },
    async editMessageText(p) {
      const mid = await midOrGone(p.message_id);
      const html = p.parse_mode === 'HTML';
      const keyboard = keyboardOf(p.reply_markup as TgMarkup | undefined);
      // As on Telegram, an edit without a keyboard takes the old one away.
      await api.editMessage(mid, { text: html ? htmlOf(String(p.text)) : plainOf(String(p.text)), ...(html ? { format: 'html' } : {}), attachments: (keyboard ? [keyboard] : []) as never });
      return true;
    },
    async editMessageReplyMarkup(p) {
      const mid = await midOrGone(p.message_id);
      const keyboard = keyboardOf(p.reply_markup as TgMarkup | undefined);
      // The text is left as it is (no text in the edit); only the keyboard changes.
      await api.editMessage(mid, { attachments: (keyboard ? [keyboard] : []) as never });
      return true;
    },
    async deleteMessage(p) {
      await api.deleteMessage(await midOrGone(p.message_id));
      return true;
    },
    async answerCallbackQuery(p) {
      // MAX wants a notification or a new message in every answer; a silent Telegram answer becomes a tick.
      const text = typeof p.text === 'string' && p.text !== '' ? p.text : '✓';
      await api.answerOnCallback(String(p.callback_query_id), { notification: text } as never);
      return true;
    },
    async sendPhoto(p) {
      return messageOf(await send(p, p.caption === undefined ? undefined : String(p.caption), [await media('photo', p.photo)]));
    },
    async sendVideo(p) {
      return messageOf(await send(p, p.caption === undefined ? undefined : String(p.caption), [await media('video', p.video)]));
    },
    async sendDocument(p) {
      return messageOf(await send(p, p.caption === undefined ? undefined : String(p.caption), [await media('document', p.document)]));
    },
    async sendMediaGroup(p) {
      // MAX carries an album as one message with several attachments; each item is answered with that message.
      const items = (p.media as Array<{ type: 'photo' | 'video' | 'document'; media: unknown; caption?: string; parse_mode?: string }>) ?? [];
      const attachments: Attachment[] = [];
      for (const item of items) attachments.push(await media(item.type, item.media));
      const caption = items.find((i) => i.caption)?.caption;
      const sent = await send({ ...p, ...(items[0]?.parse_mode ? { parse_mode: items[0].parse_mode } : {}) }, caption, attachments);
      const one = await messageOf(sent);
      return items.map(() => one);
    },
    async editMessageMedia(p) {
      const mid = await midOrGone(p.message_id);
      const item = p.media as { type: 'photo' | 'video' | 'document'; media: unknown; caption?: string };
      const attachment = await media(item.type, item.media);
      await api.editMessage(mid, { ...(item.caption !== undefined ? { text: plainOf(item.caption) } : {}), attachments: [attachment] as never });
      return true;
    },
    async getFile(p) {
      const file = parseFileId(String(p.file_id));
      if (!file) throw new MaxError(400, { code: 'file.not.found', message: 'not a MAX file id' });
      // The path is the file's own URL at MAX (see fileUrl in staff-messenger.ts).
      return { file_id: fileIdOf(file), file_unique_id: file.token.slice(0, 32), file_path: file.url, ...(file.size !== undefined ? { file_size: file.size } : {}) };
    },
    async setMyCommands(p) {
      const commands = (p.commands as Array<{ command: string; description: string }>) ?? [];
      // MAX keeps one list for everyone; the Bot API's scopes (per chat, per role) fold into the widest one set last.
      await api.setMyCommands(commands.map((c) => ({ name: c.command, description: c.description })));
      return true;
    },
    async deleteMyCommands() {
      await api.deleteMyCommands();
      return true;
    },
  };

  return async (_prev, method, payload) => {
    const handle = methods[method];
    if (!handle) throw new Error(`the staff messenger port has no MAX half for Bot API method ${method}`);
    try {
      return { ok: true, result: (await handle((payload ?? {}) as Params)) as never };
    } catch (err) {
      if (err instanceof MaxError) return errorBodyOf(err.status, String(err.code), err.description, method) as never;
      if (err instanceof Error && /fetch failed|ECONN|ETIMEDOUT|socket|aborted/i.test(err.message)) throw new HttpError(`MAX: ${err.message}`, err);
      throw err;
    }
  };
}

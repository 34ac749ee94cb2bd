/**
 * Publishing a reply on Telegram: a reply to the citizen's own message, in
 * the private chat or under the comment in the discussion group. Telegram
 * has no idempotency key, so a publish interrupted after the call and
 * before the database write may need a human look (capabilities say so).
 */
import { InputFile, type Api } from 'grammy';
import { z } from 'zod';
import type { Capabilities, MessageKind, NetworkConnection, PublishResult, Reply, UploadInput, UploadResult } from '../types.js';
import { telegramErrorOf } from './errors.js';
import { telegramLinks, telegramSourceKey } from './links.js';

export type TelegramDeps = {
  /** The public bot's API (may be the staff bot's). */
  api: Api;
  /**
   * Every configured bot's API by its id. A private chat is answered by the bot the citizen wrote
   * to (the thread's botId): another bot may not write there first. Threads without one use `api`.
   */
  bots?: ReadonlyMap<number, Api>;
};

const TEXT_MAX = 4096;
const DEFAULT_NAME = { photo: 'photo.jpg', video: 'video.mp4', document: 'document' } as const;
const CAPTION_MAX = 1024;

const thread = z.object({ chatId: z.coerce.number().int(), messageId: z.coerce.number().int(), botId: z.coerce.number().int().optional() });

export function telegramCapabilities(kind: MessageKind): Capabilities {
  const answerable = kind === 'direct' || kind === 'comment' || kind === 'reply';
  return {
    maxTextLength: TEXT_MAX,
    supportsEditing: true,
    supportsThreads: true,
    canReplyWithPhoto: answerable,
    canReplyWithVideo: answerable,
    canReplyWithDocument: answerable,
    // Staff can look under a comment in the discussion group, but not into the bot's private chat with a citizen.
    unconfirmedKey: kind === 'direct' ? 'publish-telegram-unconfirmed-direct' : 'publish-telegram-unconfirmed',
    needsManualPublication: answerable ? null : 'publish-manual',
    notes: [],
  };
}

export function createTelegramConnection({ api: publicApi, bots }: TelegramDeps): NetworkConnection {
  return {
    network: 'telegram',
    capabilities: telegramCapabilities,

    async uploadMedia(): Promise<UploadResult> {
      // The Bot API uploads a photo with the message that carries it; there is nothing to upload ahead.
      return { ok: false, error: { kind: 'permanent', code: 'upload_with_message', reasonKey: 'publish-telegram-upload-with-message' } };
    },

    async publish(reply: Reply): Promise<PublishResult> {
      const caps = telegramCapabilities(reply.to.kind);
      if (caps.needsManualPublication) return { ok: false, error: { kind: 'permanent', code: 'manual', reasonKey: caps.needsManualPublication } };
      const t = thread.safeParse(reply.to.thread);
      if (!t.success) return { ok: false, error: { kind: 'permanent', code: 'bad_thread', reasonKey: 'publish-telegram-unknown' } };
      if (reply.text.length > TEXT_MAX) return { ok: false, error: { kind: 'permanent', code: 'too_long', reasonKey: 'publish-telegram-too-long' } };
      const { chatId, messageId, botId } = t.data;
      // A bot no longer configured falls back to the public one; Telegram's refusal then reaches the card.
      const api = (botId !== undefined ? bots?.get(botId) : undefined) ?? publicApi;
      const files: UploadInput[] = [];
      for (const item of reply.media ?? []) {
        if (item.type === 'uploaded') return { ok: false, error: { kind: 'permanent', code: 'foreign_media', reasonKey: 'publish-telegram-unknown' } };
        files.push(item);
      }
      // In a private chat the answer still reaches the citizen if they deleted their message; in a discussion it would land outside the thread.
      const other = { reply_parameters: { message_id: messageId, allow_sending_without_reply: reply.to.kind === 'direct' } };
      // Buttons (a rating) go on a message with the text: a single file's caption or the text itself; an album takes none.
      const markup = reply.buttons?.length
        ? { reply_markup: { inline_keyboard: [reply.buttons.map((b) => ({ text: b.text, callback_data: b.data }))] } }
        : {};
      const file = (p: UploadInput) => new InputFile(Buffer.from(p.data), p.filename ?? DEFAULT_NAME[p.type]);
      // Photos and videos make one album; documents may not share an album with them, so they follow as their own messages.
      const visual = files.filter((f) => f.type !== 'document');
      const documents = files.filter((f) => f.type === 'document');

      // Once one call has gone through (an album before its long text), a failure leaves half a reply out.
      let partlySent = false;
      try {
        let sent: { message_id: number; chat: { id: number; username?: string } };
        const text = reply.text;
        if (files.length === 0) {
          sent = await api.sendMessage(chatId, text, { ...other, ...markup });
        } else {
          const captioned = text.length <= CAPTION_MAX ? text : undefined;
          const caption = (first: boolean) => (first && captioned ? { caption: captioned, ...markup } : {});
          let first = true;
          let last: typeof sent | undefined;
          if (visual.length === 1) {
            const v = visual[0]!;
            last = v.type === 'video' ? await api.sendVideo(chatId, file(v), { ...other, ...caption(true) }) : await api.sendPhoto(chatId, file(v), { ...other, ...caption(true) });
            first = false;
            partlySent = true;
          } else if (visual.length > 1) {
            const album = await api.sendMediaGroup(
              chatId,
              visual.map((p, i) => ({ type: p.type === 'video' ? ('video' as const) : ('photo' as const), media: file(p), ...(i === 0 && captioned ? { caption: captioned } : {}) })),
              other,
            );
            last = album[0]!;
            first = false;
            partlySent = true;
          }
          for (const d of documents) {
            const doc = await api.sendDocument(chatId, file(d), { ...other, ...caption(first) });
            last ??= doc;
            first = false;
            partlySent = true;
          }
          sent = last!;
          // A text too long for a caption follows the media as its own reply.
          if (!captioned && text !== '') sent = await api.sendMessage(chatId, text, { ...other, ...markup });
        }
        const permalink = sent.chat.id < 0 ? telegramLinks.groupMessage(sent.chat, sent.message_id) : undefined;
        return { ok: true, messageId: telegramSourceKey(chatId, sent.message_id), ...(permalink ? { permalink } : {}) };
      } catch (err) {
        const error = telegramErrorOf(err);
        return { ok: false, error: partlySent ? { ...error, kind: 'uncertain' } : error };
      }
    },
  };
}

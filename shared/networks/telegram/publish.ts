/**
 * Publishing a reply on Telegram: a reply to the citizen's own message, in
 * the private chat or under the comment in the discussion group. Telegram
 * has no idempotency key, so a publish interrupted after the call and
 * before the database write may need a human look (capabilities say so).
 */
import { InputFile, type Api } from 'grammy';
import { z } from 'zod';
import type { Capabilities, MessageKind, NetworkConnection, PhotoInput, PublishResult, Reply, UploadResult } from '../types.js';
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
const CAPTION_MAX = 1024;

const thread = z.object({ chatId: z.coerce.number().int(), messageId: z.coerce.number().int(), botId: z.coerce.number().int().optional() });

export function telegramCapabilities(kind: MessageKind): Capabilities {
  const answerable = kind === 'direct' || kind === 'comment' || kind === 'reply';
  return {
    maxTextLength: TEXT_MAX,
    supportsEditing: true,
    supportsThreads: true,
    canReplyWithPhoto: answerable,
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
      const photos: PhotoInput[] = [];
      for (const item of reply.media ?? []) {
        if (item.type !== 'photo') return { ok: false, error: { kind: 'permanent', code: 'foreign_media', reasonKey: 'publish-telegram-unknown' } };
        photos.push(item);
      }
      // In a private chat the answer still reaches the citizen if they deleted their message; in a discussion it would land outside the thread.
      const other = { reply_parameters: { message_id: messageId, allow_sending_without_reply: reply.to.kind === 'direct' } };
      // Buttons go on the text message (an album takes none): the last one sent.
      const markup = reply.buttons?.length
        ? { reply_markup: { inline_keyboard: [reply.buttons.map((b) => ({ text: b.text, callback_data: b.data }))] } }
        : {};
      const file = (p: PhotoInput) => new InputFile(Buffer.from(p.data), p.filename ?? 'photo.jpg');

      // Once one call has gone through (an album before its long text), a failure leaves half a reply out.
      let partlySent = false;
      try {
        let sent: { message_id: number; chat: { id: number; username?: string } };
        const text = reply.text;
        if (photos.length === 0) {
          sent = await api.sendMessage(chatId, text, { ...other, ...markup });
        } else {
          const captioned = text.length <= CAPTION_MAX ? text : undefined;
          if (photos.length === 1) {
            sent = await api.sendPhoto(chatId, file(photos[0]!), { ...other, ...(captioned ? { caption: captioned, ...markup } : {}) });
          } else {
            const album = await api.sendMediaGroup(
              chatId,
              photos.map((p, i) => ({ type: 'photo' as const, media: file(p), ...(i === 0 && captioned ? { caption: captioned } : {}) })),
              other,
            );
            sent = album[0]!;
          }
          partlySent = true;
          // A text too long for a caption follows the photos as its own reply.
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

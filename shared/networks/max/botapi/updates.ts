/**
 * MAX updates as the Bot API updates the staff bot's features read: a message (text, photos, a video, a
 * document, a reply, a forward), a tap on a callback button, and the bot opened by a deep link (MAX's
 * bot_started with its payload becomes «/start <payload>», as Telegram sends it). Anything else is not
 * the staff's and gives null.
 */
import type { Update as MaxUpdate, Message as MaxMessage, User as MaxUser } from '@maxhub/max-bot-api/types';
import type { Update } from 'grammy/types';
import type { MaxIds } from './ids.js';
import { fileIdOf } from './files.js';
import { chatOf } from './wire.js';

const userOf = (u: MaxUser) => ({
  id: u.user_id,
  is_bot: u.is_bot,
  first_name: u.first_name || u.name || String(u.user_id),
  ...(u.last_name ? { last_name: u.last_name } : {}),
  ...(u.username ? { username: u.username } : {}),
});

/** «/start d12» and the like carry a bot_command entity, which grammY's command() matches on. */
function withCommand(text: string) {
  const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
  return command ? { text, entities: [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] } : { text };
}

type Attachment = { type: string; payload?: { token?: string; url?: string; photo_id?: number }; filename?: string; size?: number };

async function messageOf(m: MaxMessage, me: number, ids: MaxIds) {
  const attachments = (m.body.attachments ?? []) as Attachment[];
  const text = m.body.text ?? '';
  const file = (a: Attachment) => fileIdOf({ token: a.payload?.token ?? '', url: a.payload?.url ?? '', ...(a.size ? { size: a.size } : {}) });
  const photos = attachments.filter((a) => a.type === 'image' && a.payload?.token);
  const video = attachments.find((a) => a.type === 'video' && a.payload?.token);
  const document = attachments.find((a) => a.type === 'file' && a.payload?.token);
  const hasMedia = photos.length > 0 || video || document;
  const link = m.link;
  const chat = chatOf(m, me);
  return {
    message_id: await ids.numberOf(m.body.mid),
    date: Math.floor(m.timestamp / 1000),
    chat,
    ...(m.sender ? { from: userOf(m.sender) } : {}),
    // With media the text is its caption, as a Telegram client sends it.
    ...(hasMedia ? (text ? { caption: text } : {}) : withCommand(text)),
    // Each photo is its own album item on MAX; Telegram's sizes of one photo are not modelled (one size, the original).
    ...(photos.length ? { photo: [{ file_id: file(photos[0]!), file_unique_id: String(photos[0]!.payload?.photo_id ?? photos[0]!.payload?.token), width: 0, height: 0 }] } : {}),
    ...(video ? { video: { file_id: file(video), file_unique_id: video.payload!.token!.slice(0, 32), width: 0, height: 0, duration: 0 } } : {}),
    ...(document ? { document: { file_id: file(document), file_unique_id: document.payload!.token!.slice(0, 32), ...(document.filename ? { file_name: document.filename } : {}) } } : {}),
    ...(link?.type === 'reply'
      ? { reply_to_message: { message_id: await ids.numberOf(link.message.mid), date: 0, chat, ...(link.message.text ? { text: link.message.text } : {}), ...(link.sender ? { from: userOf(link.sender) } : {}) } }
      : {}),
    ...(link?.type === 'forward' ? { forward_origin: { type: 'hidden_user' as const, sender_user_name: link.sender?.name ?? '', date: 0 } } : {}),
  };
}

/** The Bot API update for a MAX update, numbered `updateId`; null for what the staff bot does not take. */
export async function botApiUpdateOf(update: MaxUpdate, me: number, ids: MaxIds, updateId: number): Promise<Update | null> {
  switch (update.update_type) {
    case 'message_created': {
      if (update.message.sender?.user_id === me) return null;
      return { update_id: updateId, message: (await messageOf(update.message, me, ids)) as never };
    }
    case 'message_callback': {
      const { callback, message } = update;
      return {
        update_id: updateId,
        callback_query: {
          id: callback.callback_id,
          from: userOf(callback.user),
          chat_instance: String(message?.recipient.chat_id ?? callback.user.user_id),
          ...(callback.payload !== undefined ? { data: callback.payload } : {}),
          ...(message ? { message: (await messageOf(message, me, ids)) as never } : {}),
        },
      };
    }
    case 'bot_started': {
      const text = update.payload ? `/start ${update.payload}` : '/start';
      const from = userOf(update.user);
      return {
        update_id: updateId,
        message: { message_id: 0, date: Math.floor(update.timestamp / 1000), chat: { id: update.user.user_id, type: 'private', first_name: from.first_name }, from, ...withCommand(text) } as never,
      };
    }
    default:
      return null;
  }
}

/** The MAX update's person and chat, to decide whether it is the staff's (see the bots' MAX dispatch). */
export function whoAndWhere(update: MaxUpdate, me: number): { userId: number; chatId: number | null; privateChat: boolean } | null {
  switch (update.update_type) {
    case 'message_created': {
      const m = update.message;
      if (!m.sender) return null;
      const chat = chatOf(m, me);
      return { userId: m.sender.user_id, chatId: chat.id, privateChat: chat.type === 'private' };
    }
    case 'message_callback':
      return { userId: update.callback.user.user_id, chatId: update.message ? chatOf(update.message, me).id : null, privateChat: update.message?.recipient.chat_type === 'dialog' };
    case 'bot_started':
      return { userId: update.user.user_id, chatId: update.user.user_id, privateChat: true };
    default:
      return null;
  }
}

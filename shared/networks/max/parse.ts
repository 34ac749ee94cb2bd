/**
 * MAX updates → normalised messages. A citizen's message to the
 * administration's bot (a dialog) or in a group chat where the bot is an admin
 * (the comments chat of its channel) becomes an incident; edits and removals
 * are told to the card; button presses, bot starts and the bot's own messages
 * are ignored. Pure and total: never throws.
 */
import type { Attachment, InboundMessage, ParsedEvent } from '../types.js';
import { maxMessageUpdate, maxRemovedUpdate, type MaxAttachment, type MaxMessage } from './wire.js';

const ATTACHMENT_TYPES: Record<string, Attachment['type']> = {
  image: 'photo',
  video: 'video',
  audio: 'audio',
  file: 'doc',
  share: 'link',
};

function attachmentOf(a: MaxAttachment): Attachment {
  const type = ATTACHMENT_TYPES[a.type] ?? 'other';
  const url = a.payload?.url ?? undefined;
  return { type, ...(url ? { url } : {}), ...(type === 'other' ? { title: a.type } : {}) };
}

/** A MAX profile has no public address by id; a username gives one. */
const profileLink = (username: string | null | undefined) => (username ? `https://max.ru/${username}` : undefined);

/** The message's identity: MAX's mid is unique across chats and the same in every redelivery. */
export const maxSourceKey = (mid: string) => mid;

function messageOf(m: MaxMessage): InboundMessage | { reason: string } {
  const chatId = m.recipient.chat_id;
  if (!m.sender) return { reason: 'max message without a sender (a channel post)' };
  if (m.sender.is_bot) return { reason: 'max message from a bot' };
  if (chatId === null || chatId === undefined) return { reason: 'max message without a chat' };
  const type = m.recipient.chat_type;
  if (type !== 'dialog' && type !== 'chat') return { reason: `max ${type} message is not a citizen's` };
  // Keyboards are the bot's own markup, never a citizen's content.
  const attachments = (m.body.attachments ?? []).filter((a) => a.type !== 'inline_keyboard').map(attachmentOf);
  const text = m.body.text ?? '';
  if (text.trim() === '' && attachments.length === 0) return { reason: 'max message without text or attachments' };
  const name = m.sender.name ?? ([m.sender.first_name, m.sender.last_name].filter(Boolean).join(' ') || undefined);
  const link = profileLink(m.sender.username);
  const userId = String(m.sender.user_id);
  const repliesTo = m.link?.type === 'reply' ? m.link.message.mid : undefined;
  return {
    network: 'max',
    // A group chat is the channel's comments chat: a public comment there, a private message in a dialog.
    kind: type === 'dialog' ? 'direct' : 'comment',
    sourceKey: maxSourceKey(m.body.mid),
    // The reply goes to the chat, as a reply to `mid`; peerId names a dialog as clarification matching reads it.
    thread: { chatId: String(chatId), mid: m.body.mid, userId, ...(type === 'dialog' ? { peerId: String(chatId) } : {}) },
    author: { id: userId, ...(name ? { name } : {}), ...(link ? { link } : {}) },
    text,
    attachments,
    ...(m.url ? { permalink: m.url } : {}),
    postedAt: new Date(m.timestamp),
    ...(repliesTo ? { repliesTo } : {}),
  };
}

export function parseMaxEvent(payload: unknown): ParsedEvent {
  const type = (payload as { update_type?: unknown } | null)?.update_type;
  if (typeof type !== 'string') return { outcome: 'invalid', reason: 'not a MAX update' };
  if (type === 'message_removed') {
    const removed = maxRemovedUpdate.safeParse(payload);
    if (!removed.success) return { outcome: 'invalid', reason: 'malformed max message_removed' };
    const by = removed.data.user_id;
    return { outcome: 'deleted', network: 'max', sourceKey: maxSourceKey(removed.data.message_id), ...(by ? { deletedBy: String(by) } : {}), reason: 'max message removed' };
  }
  if (type !== 'message_created' && type !== 'message_edited') return { outcome: 'ignored', reason: `max ${type.slice(0, 40)} is not a citizen's message` };
  const parsed = maxMessageUpdate.safeParse(payload);
  if (!parsed.success) return { outcome: 'invalid', reason: `malformed max ${type}` };
  const message = messageOf(parsed.data.message);
  if ('reason' in message) return { outcome: 'ignored', reason: message.reason };
  if (type === 'message_edited') return { outcome: 'edit', sourceKey: message.sourceKey, message, reason: 'max message edited' };
  return { outcome: 'message', message };
}

/**
 * The delivery dedupe key: an update carries no id of its own, so it is its
 * type, the message and, for edits, the edit's time (each edit is news; a
 * redelivered one is not).
 */
export function maxEventKey(payload: unknown): string | null {
  const p = payload as { update_type?: unknown; timestamp?: unknown; message?: { body?: { mid?: unknown } }; message_id?: unknown; callback?: { callback_id?: unknown } } | null;
  if (!p || typeof p.update_type !== 'string') return null;
  const mid = p.message?.body?.mid ?? p.message_id;
  switch (p.update_type) {
    case 'message_created':
      return typeof mid === 'string' && mid !== '' ? `created:${mid}` : null;
    case 'message_removed':
      return typeof mid === 'string' && mid !== '' ? `removed:${mid}` : null;
    case 'message_edited':
      return typeof mid === 'string' && mid !== '' && typeof p.timestamp === 'number' ? `edited:${mid}:${p.timestamp}` : null;
    case 'message_callback':
      return typeof p.callback?.callback_id === 'string' ? `callback:${p.callback.callback_id}` : null;
    default:
      return null;
  }
}

/**
 * OK webhook messages → normalised messages. Only messages written by
 * people into the group's chats become incidents; the group's own messages
 * never reach the webhook (OK leaves them out), and system events and
 * button presses are ignored by kind. Pure and total: never throws.
 */
import type { Attachment, InboundMessage, ParsedEvent } from '../types.js';
import { okWebhook, type OkAttachment } from './wire.js';

const ATTACHMENT_TYPES: Record<string, Attachment['type']> = {
  IMAGE: 'photo',
  VIDEO: 'video',
  AUDIO: 'audio',
  FILE: 'doc',
  SHARE: 'link',
};

/** "user:575493468851" → its profile, where a curator can see who wrote. */
export const okProfileLink = (userId: string) => `https://ok.ru/profile/${userId.replace(/^user:/, '')}`;

function attachmentOf(a: OkAttachment): Attachment {
  const type = ATTACHMENT_TYPES[a.type.toUpperCase()] ?? 'other';
  const url = a.payload?.url;
  return { type, ...(url ? { url } : {}), ...(type === 'other' ? { title: a.type } : {}) };
}

export function parseOkEvent(payload: unknown): ParsedEvent {
  const type = (payload as { webhookType?: unknown } | null)?.webhookType;
  if (typeof type === 'string' && type !== 'MESSAGE_CREATED') return { outcome: 'ignored', reason: `ok ${type} is not a citizen's message` };
  const parsed = okWebhook.safeParse(payload);
  if (!parsed.success) return { outcome: 'invalid', reason: 'not an OK chat message webhook' };
  const w = parsed.data;
  const attachments = [...(w.message.attachments ?? []), ...(w.message.attachment ? [w.message.attachment] : [])].map(attachmentOf);
  const text = w.message.text ?? '';
  if (text.trim() === '' && attachments.length === 0) return { outcome: 'ignored', reason: 'ok message without text or attachments' };
  const message: InboundMessage = {
    network: 'ok',
    kind: 'direct',
    // OK's message id is unique across chats ("mid:<chat>.<n>"): redeliveries carry the same one.
    sourceKey: w.message.mid,
    // peerId names the conversation the way clarification matching reads it for direct messages.
    thread: { chatId: w.recipient.chat_id, userId: w.sender.user_id, peerId: w.recipient.chat_id },
    author: { id: w.sender.user_id, ...(w.sender.name ? { name: w.sender.name } : {}), link: okProfileLink(w.sender.user_id) },
    text,
    attachments,
    postedAt: new Date(w.timestamp),
  };
  return { outcome: 'message', message };
}

/** The delivery dedupe key: OK's message id. */
export function okEventKey(payload: unknown): string | null {
  const mid = (payload as { message?: { mid?: unknown } } | null)?.message?.mid;
  return typeof mid === 'string' && mid !== '' ? mid : null;
}

/**
 * Telegram as a citizens' network: private messages to the public bot, and
 * comments in the discussion group linked to the official channel. A comment
 * is a message in the thread of the channel post's automatic forward; that
 * forward's update is the only moment the Bot API tells which discussion
 * message copies which channel post, so it becomes a `thread_map` outcome
 * for the caller to store.
 *
 * The parser judges by shape: route only updates from private chats and the
 * configured discussion chat here — staff chats belong to the staff bot.
 */
import type { Attachment, InboundMessage, ParsedEvent, Thread } from '../types.js';
import { RECEIVED_BY, tgUpdate, type TgMessage } from './update.js';
import { telegramLinks, telegramSourceKey } from './links.js';

function attachmentsOf(m: TgMessage): Attachment[] {
  const out: Attachment[] = [];
  // Telegram sends every size of a photo, smallest first: the last is the one staff want to see.
  const photo = m.photo?.at(-1);
  if (photo) out.push({ type: 'photo', ref: photo.file_id });
  if (m.document) out.push({ type: 'doc', ref: m.document.file_id, ...(m.document.file_name ? { title: m.document.file_name } : {}) });
  if (m.video ?? m.video_note) out.push({ type: 'video', ref: (m.video ?? m.video_note)!.file_id });
  if (m.voice ?? m.audio) out.push({ type: 'audio', ref: (m.voice ?? m.audio)!.file_id });
  if (m.sticker) out.push({ type: 'other', ref: m.sticker.file_id });
  return out;
}

type Built = { message: InboundMessage } | { map: ParsedEvent & { outcome: 'thread_map' } } | { ignored: string };

function build(m: TgMessage, receivedBy: number | undefined): Built {
  const text = m.text ?? m.caption ?? '';
  const attachments = attachmentsOf(m);
  if (m.chat.type === 'channel') return { ignored: "the channel's own post" };

  if (m.chat.type !== 'private' && m.is_automatic_forward) {
    const origin = m.forward_origin;
    if (origin?.type !== 'channel' || !origin.chat || origin.message_id === undefined) return { ignored: 'an automatic forward without its channel post' };
    return {
      map: {
        outcome: 'thread_map',
        network: 'telegram',
        map: {
          channelChatId: origin.chat.id,
          channelPostId: origin.message_id,
          discussionChatId: m.chat.id,
          discussionMessageId: m.message_id,
          ...(origin.chat.username ? { channelUsername: origin.chat.username } : {}),
        },
        reason: `channel post ${origin.chat.id}:${origin.message_id} is discussed as ${m.chat.id}:${m.message_id}`,
      },
    };
  }
  // Channels and anonymous admins write as a chat, bots as themselves: neither is a citizen.
  if (m.sender_chat) return { ignored: 'written on behalf of a chat' };
  if (!m.from || m.from.is_bot) return { ignored: 'written by a bot' };
  if (text === '' && attachments.length === 0) return { ignored: 'a service message' };

  const from = m.from;
  const author = {
    id: String(from.id),
    name: [from.first_name, from.last_name].filter(Boolean).join(' '),
    link: telegramLinks.user(from.id, from.username),
  };
  const common = { network: 'telegram' as const, sourceKey: telegramSourceKey(m.chat.id, m.message_id), author, text, attachments, postedAt: new Date(m.date * 1000) };

  if (m.chat.type === 'private') {
    // Commands (/start, /help) are the bot's business, not a citizen's question.
    if (m.text?.startsWith('/')) return { ignored: 'a bot command' };
    // Only the bot the citizen wrote to may answer in their private chat.
    const thread: Thread = { chatId: m.chat.id, messageId: m.message_id, ...(receivedBy !== undefined ? { botId: receivedBy } : {}) };
    return { message: { ...common, kind: 'direct', thread } };
  }

  const replied = m.reply_to_message;
  if (replied?.is_automatic_forward) {
    // A comment straight under the post: the forward names the channel post, which gives the best link.
    const origin = replied.forward_origin;
    const post: Thread = origin?.chat && origin.message_id !== undefined ? { channelChatId: origin.chat.id, channelPostId: origin.message_id } : {};
    const thread: Thread = { chatId: m.chat.id, messageId: m.message_id, threadId: replied.message_id, ...post };
    const permalink =
      origin?.chat?.username && origin.message_id !== undefined
        ? telegramLinks.channelComment(origin.chat.username, origin.message_id, m.message_id)
        : telegramLinks.groupMessage(m.chat, m.message_id, replied.message_id);
    return { message: { ...common, kind: 'comment', thread, ...(permalink ? { permalink } : {}) } };
  }
  // A reply to another comment: same thread (the forward's id), no link back to the forward in the update.
  if (replied && m.message_thread_id !== undefined && !m.is_topic_message) {
    const thread: Thread = { chatId: m.chat.id, messageId: m.message_id, threadId: m.message_thread_id, parentMessageId: replied.message_id };
    const permalink = telegramLinks.groupMessage(m.chat, m.message_id, m.message_thread_id);
    return { message: { ...common, kind: 'reply', thread, repliesTo: telegramSourceKey(m.chat.id, replied.message_id), ...(permalink ? { permalink } : {}) } };
  }
  return { ignored: 'a group message that is not under a channel post' };
}

/** Turns one Telegram update into an outcome. Total: never throws. */
export function parseTelegramUpdate(payload: unknown): ParsedEvent {
  const parsed = tgUpdate.safeParse(payload);
  if (!parsed.success) return { outcome: 'invalid', reason: 'not a Telegram update' };
  const update = parsed.data;
  const kind = update.message ? 'message' : update.edited_message ? 'edited_message' : Object.keys(update).find((k) => k !== 'update_id' && k !== RECEIVED_BY);
  const m = update.message ?? update.edited_message;
  if (!m) return { outcome: 'ignored', reason: `update ${kind ?? 'without content'} is not handled` };

  const built = build(m, update[RECEIVED_BY]);
  if ('ignored' in built) return { outcome: 'ignored', reason: `${kind}: ${built.ignored}` };
  if ('map' in built) return kind === 'message' ? built.map : { outcome: 'ignored', reason: 'an edited automatic forward' };
  if (kind === 'edited_message') {
    return { outcome: 'edit', sourceKey: built.message.sourceKey, message: built.message, reason: `edit of ${built.message.sourceKey}` };
  }
  return { outcome: 'message', message: built.message };
}

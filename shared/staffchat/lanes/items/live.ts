/**
 * One delivery path for everything a lane shows: a live message is loaded
 * and rendered from PostgreSQL at its turn, sent when it has no message yet
 * and edited otherwise, and the message id and the version shown are written
 * back. Failures that concern only this item are decided here; a 429 or a
 * retryable failure is thrown to the pump.
 */
import type { Api } from 'grammy';
import type { LaneKind, Settle } from '../lane.js';
import { classify } from '../outcome.js';
import type { LaneRuntime } from '../runtime.js';

export type SendOptions = NonNullable<Parameters<Api['sendMessage']>[2]>;
type EditOptions = NonNullable<Parameters<Api['editMessageText']>[3]>;

export type Live = {
  messageId: number | null;
  /** The version this rendering shows. */
  version: number;
  text: string;
  options: SendOptions;
  /** Whatever the source wants back when recording what was shown (a card's selection). */
  extra?: unknown;
};

export type LiveSource = {
  /** null: nothing to show any more (the row is gone). */
  load(rt: LaneRuntime, chatId: number, id: number): Promise<Live | null>;
  /** Records what the chat now shows: `live` as loaded, in message `messageId`. */
  shown(rt: LaneRuntime, chatId: number, id: number, messageId: number, live: Live): Promise<void>;
  /** Someone deleted the message: it must be sent again. */
  gone(rt: LaneRuntime, chatId: number, id: number): Promise<void>;
  /** A source that is not one text message (an album) delivers itself; load/shown/gone are then its own business. */
  deliver?(rt: LaneRuntime, chatId: number, kind: LaneKind, id: number): Promise<Settle>;
};

export async function deliverLive(rt: LaneRuntime, chatId: number, kind: LaneKind, source: LiveSource, id: number): Promise<Settle> {
  if (source.deliver) return source.deliver(rt, chatId, kind, id);
  const live = await source.load(rt, chatId, id);
  if (!live) return { op: 'drop' };
  if (kind === 'send') {
    // Sent meanwhile under an offer that raced the previous send: the send token is spent, the rest is an edit.
    if (live.messageId !== null) return { op: 'move', to: 'edit' };
    const sent = await rt.api.sendMessage(chatId, live.text, live.options);
    await source.shown(rt, chatId, id, sent.message_id, live);
    return { op: 'done', shown: live.version };
  }
  if (live.messageId === null) return { op: 'move', to: 'send' };
  try {
    await rt.api.editMessageText(chatId, live.messageId, live.text, editOptions(live.options));
  } catch (err) {
    const failure = classify(err);
    if (failure.type === 'message-gone') {
      await source.gone(rt, chatId, id);
      return { op: 'move', to: 'send' };
    }
    // "Not modified": the chat already shows exactly this, which is what we wanted.
    if (failure.type !== 'not-modified') throw err;
  }
  await source.shown(rt, chatId, id, live.messageId, live);
  return { op: 'done', shown: live.version };
}

/** An edit takes a send's options except those only a new message has; only an inline keyboard can be edited in. */
function editOptions(options: SendOptions): EditOptions {
  const { reply_markup, parse_mode, entities, link_preview_options } = options;
  return {
    ...(parse_mode ? { parse_mode } : {}),
    ...(entities ? { entities } : {}),
    ...(link_preview_options ? { link_preview_options } : {}),
    ...(reply_markup && 'inline_keyboard' in reply_markup ? { reply_markup } : {}),
  };
}

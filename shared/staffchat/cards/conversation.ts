/**
 * The citizen's side of a card: the message that opened the incident and any
 * more the author wrote within the burst window, each marked when edited or
 * deleted. Folded so that any number of messages fits Telegram's 4096
 * characters with room for the rest of the card.
 */
import { DateTime } from 'luxon';
import type { IncidentEvent } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';

export type ConversationMessage = {
  text: string;
  postedAt: Date;
  edited: boolean;
  /** Who deleted it, when it was: the author, or someone else (a moderator, the community). */
  deleted: 'author' | 'other' | null;
};

/** What the card shows of the citizen's messages, beyond the incident row. */
export type CardConversation = {
  /** The first message's marks, and its text as last edited (otherwise the incident's). */
  first: { edited: boolean; deleted: 'author' | 'other' | null; text?: string };
  /** Later messages of a burst, oldest first. */
  more: ConversationMessage[];
};

/** All messages together get about this many characters; each at least MIN_EACH. */
export const CONVERSATION_BUDGET = 1500;
const MIN_EACH = 200;
/** Beyond this many later messages, the rest are counted, not shown. */
export const MAX_SHOWN = 6;

type Fold = (text: string, limit: number) => string;

function quote(text: string, limit: number, fold: Fold): string {
  const body = text.trim() ? escapeHtml(fold(text.trim(), limit)) : `<i>${t('card-text-empty')}</i>`;
  return `<blockquote>${body}</blockquote>`;
}

function marks(m: { edited: boolean; deleted: 'author' | 'other' | null }): string | null {
  const list = [m.edited ? t('card-message-edited') : null, m.deleted ? t(m.deleted === 'author' ? 'card-message-deleted' : 'card-message-deleted-by-staff') : null];
  const shown = list.filter((x): x is string => x !== null);
  return shown.length ? shown.join(' · ') : null;
}

export function conversationLines(
  firstText: string,
  conversation: CardConversation | undefined,
  opts: { timezone: string; foldFirst: number; fold: Fold },
): string[] {
  if (!conversation) return [quote(firstText, opts.foldFirst, opts.fold)];
  // The text as edited is in `text` (from the audit event): the card then changes exactly with the version.
  const shown = conversation.more.slice(0, MAX_SHOWN);
  const each = Math.max(MIN_EACH, Math.floor(CONVERSATION_BUDGET / (shown.length + 1)));
  const lines: string[] = [quote(conversation.first.text ?? firstText, Math.min(opts.foldFirst, shown.length ? each : opts.foldFirst), opts.fold)];
  const firstMarks = marks(conversation.first);
  if (firstMarks) lines.push(firstMarks);
  for (const m of shown) {
    lines.push(t('card-burst-more', { time: DateTime.fromJSDate(m.postedAt, { zone: opts.timezone }).toFormat('HH:mm') }));
    lines.push(quote(m.text, each, opts.fold));
    const mm = marks(m);
    if (mm) lines.push(mm);
  }
  const hidden = conversation.more.length - shown.length;
  if (hidden > 0) lines.push(t('card-burst-hidden', { count: hidden }));
  return lines;
}

type AuthorChange = Extract<IncidentEvent, { type: 'author_message_changed' }>;
const isAuthorChange = (e: IncidentEvent): e is AuthorChange => e.type === 'author_message_changed';

/** Whether the author changed anything after registering: only then has the card more than the incident's text to show. */
export function hasAuthorChanges(events: readonly IncidentEvent[]): boolean {
  return events.some(isAuthorChange);
}

/** A later message of a burst as stored (incident_messages), oldest first. */
export type BurstMessage = { sourceKey: string; text: string; postedAt: Date };

/** What the card shows of the citizen's side, from the audit stream and the burst's stored messages. */
export function conversationOf(firstSourceKey: string, events: readonly IncidentEvent[], burst: readonly BurstMessage[]): CardConversation | undefined {
  const changes = events.filter(isAuthorChange);
  if (!changes.length) return undefined;
  const marksOf = (sourceKey: string) => {
    const mine = changes.filter((c) => c.data.sourceKey === sourceKey);
    const deleted = mine.find((c) => c.data.change === 'deleted');
    const edit = mine.filter((c) => c.data.change === 'edited').at(-1);
    return { edited: Boolean(edit), deleted: deleted ? (deleted.data.deletedBy ?? 'author') : null, ...(edit ? { text: edit.data.text ?? '' } : {}) };
  };
  // Only what the audit stream recorded up to this version is shown, so the card changes with the version.
  const added = new Set(changes.filter((c) => c.data.change === 'added').map((c) => c.data.sourceKey));
  return {
    first: marksOf(firstSourceKey),
    more: burst.filter((m) => added.has(m.sourceKey)).map((m) => ({ text: m.text, postedAt: m.postedAt, ...marksOf(m.sourceKey) })),
  };
}

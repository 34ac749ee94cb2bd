/**
 * The incident card as staff see it: pure, so it can be tested line by line
 * and rendered the same by any process. Citizens' text is folded so a card
 * stays readable on a phone and always fits Telegram's 4096 characters.
 */
import { DateTime } from 'luxon';
import { t } from '../i18n.js';
import { escapeHtml } from './html.js';

export type CardIncident = {
  id: number;
  network: string;
  kind: string;
  status: string;
  authorId: string;
  authorName: string | null;
  text: string;
  attachments: unknown[];
  permalink: string | null;
  detectedAt: Date;
};

/** Telegram's hard limit on a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** How much of the citizen's text a card shows before folding. */
export const CARD_TEXT_FOLD = 1000;

export function foldText(text: string, limit = CARD_TEXT_FOLD): string {
  const chars = Array.from(text); // fold on code points, never inside a surrogate pair (emoji)
  if (chars.length <= limit) return text;
  return chars.slice(0, limit).join('').trimEnd() + t('card-text-folded', { more: chars.length - limit });
}

export function renderCard(incident: CardIncident, opts: { timezone: string }): string {
  const when = DateTime.fromJSDate(incident.detectedAt, { zone: opts.timezone }).toFormat('dd.MM.yyyy HH:mm');
  const body = incident.text.trim() ? escapeHtml(foldText(incident.text.trim())) : `<i>${t('card-text-empty')}</i>`;
  const lines = [
    t('card-title', { id: incident.id, network: t(`network-${incident.network}`), kind: t(`kind-${incident.kind}`) }),
    t('card-status', { status: t(`status-${incident.status}`) }),
    incident.authorName
      ? t('card-author', { author: escapeHtml(incident.authorName) })
      : t('card-author-unknown', { id: escapeHtml(incident.authorId) }),
    '',
    `<blockquote>${body}</blockquote>`,
    incident.attachments.length ? t('card-attachments', { count: incident.attachments.length }) : null,
    incident.permalink ? t('card-link', { url: escapeHtml(incident.permalink) }) : null,
    t('card-detected', { when, zone: opts.timezone }),
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

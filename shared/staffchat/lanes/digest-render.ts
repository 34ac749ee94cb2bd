/**
 * A digest page as staff see it: how many cards the digest stands for, ten
 * of them with number, network, author and the start of the text, and
 * buttons to open each of them or page through the rest. callback_data is
 * `dg:<digest>:<page>` or `do:<incident>`: short (well under Telegram's 64
 * bytes) and harmless to forge, since it only turns a page or sends a card the
 * chat's digest lists, to someone allowed to see it.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import { and, asc, count, eq } from 'drizzle-orm';
import { escapeHtml } from '../cards/html.js';
import { authorLabel, staffLink } from '../cards/author.js';
import type { Db } from '../../platform/db/client.js';
import { cards, incidents, laneDigestItems } from '../../platform/db/schema.js';
import { NO_LINKS, type StaffLinks } from '../cards/links.js';
import { t } from '../../platform/i18n.js';

export const DIGEST_PAGE_SIZE = 10;
/** How much of a citizen's text one digest line shows. */
const LINE_TEXT = 80;

export type DigestPage = { text: string; replyMarkup: InlineKeyboardMarkup; page: number; pages: number; total: number };

export const digestPageData = (digestId: number, page: number) => `dg:${digestId}:${page}`;
/** «Открыть №N»: `do:<incident>`; the chat is the one the button is pressed in, where the digest lists it. */
export const digestOpenData = (incidentId: number) => `do:${incidentId}`;

export function parseDigestOpenData(data: string): { incidentId: number } | null {
  const m = /^do:(\d{1,18})$/.exec(data);
  return m ? { incidentId: Number(m[1]) } : null;
}

export function parseDigestPageData(data: string): { digestId: number; page: number } | null {
  const m = /^dg:(\d{1,18}):(\d{1,6})$/.exec(data);
  return m ? { digestId: Number(m[1]), page: Number(m[2]) } : null;
}

/** `showAuthor: false`: the neutral label instead of the author's name or id (cards/author.ts). */
export async function renderDigestPage(db: Db, digestId: number, wanted: number, opts: { showAuthor?: boolean; links?: StaffLinks } = {}): Promise<DigestPage> {
  const seen = opts.showAuthor ?? true;
  const links = opts.links ?? NO_LINKS;
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(laneDigestItems)
    .where(eq(laneDigestItems.digestId, digestId));
  const pages = Math.max(1, Math.ceil(total / DIGEST_PAGE_SIZE));
  const page = Math.min(Math.max(1, wanted), pages);
  const rows = await db
    .select({
      id: incidents.id,
      network: incidents.network,
      authorName: incidents.authorName,
      authorId: incidents.authorId,
      text: incidents.text,
      permalink: incidents.permalink,
      chatId: laneDigestItems.chatId,
      cardMessageId: cards.messageId,
    })
    .from(laneDigestItems)
    .innerJoin(incidents, eq(incidents.id, laneDigestItems.incidentId))
    .leftJoin(cards, and(eq(cards.incidentId, laneDigestItems.incidentId), eq(cards.chatId, laneDigestItems.chatId)))
    .where(eq(laneDigestItems.digestId, digestId))
    .orderBy(asc(laneDigestItems.incidentId))
    .limit(DIGEST_PAGE_SIZE)
    .offset((page - 1) * DIGEST_PAGE_SIZE);

  const lines = rows.map((r) => {
    const text = r.text.trim() ? escapeHtml(oneLine(r.text)) : `<i>${t('digest-text-empty')}</i>`;
    const line = t('digest-line', {
      id: r.id,
      network: t(`network-${r.network}`),
      author: authorLabel(r, seen),
      text,
    });
    const staff = staffLink(r.permalink, seen);
    const original = staff ? ` ${t('digest-line-link', { url: escapeHtml(staff) })}` : '';
    // Opened since: its card is in the chat, one tap away.
    const card = r.cardMessageId !== null ? links.messageLink(r.chatId, r.cardMessageId) : null;
    return `${line}${original}${card ? ` ${t('digest-line-card', { url: escapeHtml(card) })}` : ''}`;
  });
  const text = [t('digest-title', { count: total }), '', ...lines, '', t('digest-page', { page, pages })].join('\n');
  return { text, replyMarkup: keyboard(digestId, page, pages, rows.map((r) => r.id)), page, pages, total };
}

/** The first words of a text on one line, folded without the card's "(ещё N симв.)" tail. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return Array.from(flat).length > LINE_TEXT ? `${Array.from(flat).slice(0, LINE_TEXT).join('').trimEnd()}…` : flat;
}

/** Buttons per row of «Открыть №N»: two fit a phone's width with five-digit numbers. */
const OPEN_PER_ROW = 2;

function keyboard(digestId: number, page: number, pages: number, incidentIds: number[]): InlineKeyboardMarkup {
  // Every listed incident can be opened from the page that shows it: its card is sent to the chat, to be routed there.
  const open = [];
  for (let i = 0; i < incidentIds.length; i += OPEN_PER_ROW) {
    open.push(incidentIds.slice(i, i + OPEN_PER_ROW).map((id) => ({ text: t('digest-open', { id }), callback_data: digestOpenData(id) })));
  }
  if (pages === 1) return { inline_keyboard: open };
  const button = (key: string, to: number) => ({ text: t(key, { page, pages }), callback_data: digestPageData(digestId, to) });
  // Previous and next wrap around, so the row keeps its shape on the first and last page.
  return {
    inline_keyboard: [
      ...open,
      [
        button('digest-first', 1),
        button('digest-previous', page === 1 ? pages : page - 1),
        button('digest-position', page),
        button('digest-next', page === pages ? 1 : page + 1),
        button('digest-last', pages),
      ],
    ],
  };
}

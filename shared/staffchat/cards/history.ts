/**
 * The version history of an incident's draft, as the approver reads it:
 * every version (newest first) with who wrote it and when, and what became
 * of it — the rework comment, the approval, the publication. Pure: built
 * from the replayed audit stream. Long histories are split into pages that
 * each fit one Telegram message; a single overlong version is folded.
 */
import { DateTime } from 'luxon';
import type { Actor, Draft, IncidentState } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';
import { foldText } from './render.js';

export type HistoryNames = {
  timezone: string;
  staffName: (userId: number) => string;
  departmentName: (id: string) => string;
};

export type HistoryPage = { text: string; page: number; pages: number };

/** Under the messengers' 4000 (MAX; Telegram 4096) with room for the header and the page line; measured on the HTML sent. */
export const HISTORY_PAGE_LIMIT = 3800;
/** How much of one version's text a page shows; the rest is folded (the approver has the full current one on the card). */
const VERSION_FOLD = 1500;
/** A rework comment is a note, kept short on the page. */
const COMMENT_FOLD = 500;

function when(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('dd.MM.yyyy HH:mm');
}

function who(actor: Actor, names: HistoryNames): string {
  if (actor.role === 'system' || actor.role === 'citizen') return t(`role-${actor.role}`);
  return escapeHtml(names.staffName(actor.userId));
}

/** One version's block: header, text, attachments, and what happened to it; folded further until it fits a page. */
export function versionBlock(draft: Draft, current: boolean, names: HistoryNames): string {
  let fold = VERSION_FOLD;
  let block = blockWith(draft, current, names, fold, COMMENT_FOLD);
  // Escaping can grow a text (& → &amp;): fold harder rather than overflow.
  while (block.length > HISTORY_PAGE_LIMIT && fold > 50) {
    fold = Math.floor(fold / 2);
    block = blockWith(draft, current, names, fold, Math.min(COMMENT_FOLD, fold));
  }
  return block;
}

function blockWith(draft: Draft, current: boolean, names: HistoryNames, fold: number, commentFold: number): string {
  const lines = [
    t(current ? 'history-version-current' : 'history-version', {
      number: draft.number,
      kind: t(`draft-kind-${draft.kind}`),
      author: who(draft.by, names),
      department: escapeHtml(names.departmentName(draft.department)),
      when: when(draft.submittedAt, names.timezone),
    }),
    `<blockquote>${escapeHtml(foldText(draft.text, fold))}</blockquote>`,
  ];
  if (draft.attachments.length) lines.push(t('draft-attachments', { count: draft.attachments.length }));
  if (draft.photoExpected) lines.push(t('history-photo-expected'));
  if (draft.rework) {
    lines.push(
      t('history-rework', {
        who: who(draft.rework.by, names),
        when: when(draft.rework.at, names.timezone),
        comment: escapeHtml(foldText(draft.rework.comment, commentFold)),
      }),
    );
  }
  if (draft.approval) {
    lines.push(
      t(draft.approval.editedText ? 'history-approved-edited' : 'history-approved', {
        who: who(draft.approval.by, names),
        when: when(draft.approval.at, names.timezone),
      }),
    );
  }
  if (draft.publication) lines.push(t('history-published', { when: when(draft.publication.at, names.timezone) }));
  return lines.join('\n');
}

/** Every version, newest first, packed into pages under the limit. Empty when there is no draft yet. */
export function historyPages(state: IncidentState, names: HistoryNames): string[] {
  const latest = state.drafts.at(-1)?.number;
  const blocks = [...state.drafts].reverse().map((d) => versionBlock(d, d.number === latest, names));
  const pages: string[][] = [];
  let size = 0;
  for (const block of blocks) {
    const current = pages.at(-1);
    if (current && size + block.length + 2 <= HISTORY_PAGE_LIMIT) {
      current.push(block);
      size += block.length + 2;
    } else {
      pages.push([block]);
      size = block.length;
    }
  }
  return pages.map((p) => p.join('\n\n'));
}

/** One page with its header; `page` is clamped into range. */
export function renderHistory(state: IncidentState, names: HistoryNames, page: number): HistoryPage | null {
  const pages = historyPages(state, names);
  if (!pages.length) return null;
  const at = Math.min(Math.max(0, Math.trunc(page)), pages.length - 1);
  const header = t('history-title', { id: state.incidentId, count: state.drafts.length });
  const footer = pages.length > 1 ? `\n\n${t('history-page', { page: at + 1, pages: pages.length })}` : '';
  return { text: `${header}\n\n${pages[at]}${footer}`, page: at, pages: pages.length };
}

/** The messengers' 4000 (MAX; Telegram 4096) less room for the title line. */
const FULL_TEXT_CHUNK = 3900;

/** A text cut into pieces of at most `max` UTF-16 units (Telegram's measure), at the last line break or space of each, if not too far back. */
export function chunkText(text: string, max = FULL_TEXT_CHUNK): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (cut < max / 2) cut = max;
    // Never between the two halves of a surrogate pair (an emoji).
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

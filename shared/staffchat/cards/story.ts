/**
 * The incident's story («🗂 Ход работы»): who did what and when, from the
 * audit stream, oldest first, times in the organisation's zone. Pure. The
 * draft's texts are in «📜 История версий» (history.ts); here each step is
 * one line, so a long story is paged, each page within one Telegram message.
 */
import { DateTime } from 'luxon';
import type { Actor, IncidentEvent } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';
import { foldText } from './render.js';
import type { HistoryNames } from './history.js';

export type StoryPage = { text: string; page: number; pages: number };

/** Under the messengers' 4000 (MAX; Telegram 4096) with room for the header and the page line; measured on the HTML sent. */
export const STORY_PAGE_LIMIT = 3800;
/** A note quoted in a line (a return's reason, a rework comment) is kept short: the full one is elsewhere. */
const NOTE_FOLD = 200;

function who(actor: Actor, names: HistoryNames): string {
  if (actor.role === 'system') return t('story-system');
  if (actor.role === 'citizen') return t('role-citizen');
  return escapeHtml(names.staffName(actor.userId));
}

const note = (text: string) => escapeHtml(foldText(text.replace(/\s+/g, ' ').trim(), NOTE_FOLD));

/** One event's line, or null for what is not a step of the work (a like). */
export function storyLine(e: IncidentEvent, names: HistoryNames): string | null {
  const when = DateTime.fromJSDate(e.at, { zone: names.timezone }).toFormat('dd.MM.yyyy HH:mm');
  const by = who(e.actor, names);
  const dept = (id: string) => escapeHtml(names.departmentName(id));
  const person = (id: number) => escapeHtml(names.staffName(id));
  const line = (key: string, vars: Record<string, string | number> = {}) => t(`story-${key}`, { when, who: by, ...vars });
  switch (e.type) {
    case 'incident_detected':
      return line('detected', { network: t(`network-${e.data.network}`) });
    case 'triaged': {
      const extra = [e.data.importance === 'high' ? t('card-importance-high') : null, e.data.sociallySignificant ? t('card-significant') : null].filter(Boolean);
      return line('triaged', { topics: e.data.topics.map(escapeHtml).join(', '), location: escapeHtml(e.data.location), extra: extra.length ? ` · ${extra.join(' · ')}` : '' });
    }
    case 'rejected':
      return line('rejected', { reason: t(`reject-${e.data.reason}`) });
    case 'routed':
      return line('routed', { departments: e.data.departments.map(dept).join(', ') });
    case 'responsible_appointed':
      return line('appointed', { department: dept(e.data.department) });
    case 'taken':
      return line('taken', { executor: person(e.data.executorId), department: dept(e.data.department) });
    case 'returned':
      return line('returned', { department: dept(e.data.department), note: note(e.data.note) });
    case 'part_submitted':
      return line('part', { department: dept(e.data.department) });
    case 'draft_started':
      return null; // the submitted version is the step; starting one is not
    case 'draft_submitted':
      return line('draft', { kind: t(`draft-kind-${e.data.kind}`), number: e.data.draft, department: dept(e.data.department), attachments: e.data.attachments.length });
    case 'draft_approved':
      return line(e.data.editedText ? 'approved-edited' : 'approved', { number: e.data.draft });
    case 'draft_sent_to_rework':
      return line('rework', { number: e.data.draft, note: note(e.data.comment) });
    case 'reply_published':
      return line('published', { kind: t(`draft-kind-${e.data.kind}`), number: e.data.draft });
    case 'clarification_answered':
      return line('clarified');
    case 'repeat_linked':
      return line('repeat', { earlier: e.data.earlierIncidentId });
    case 'author_message_changed':
      return line(`author-${e.data.change}`);
    case 'citizen_reacted':
      return null;
    case 'closed':
      return line('closed', { outcome: t(`outcome-${e.data.outcome}`) });
    case 'reopened':
      return line('reopened', { cause: t(`reopen-cause-${e.data.cause}`) });
    case 'reassigned':
      return line('reassigned', { executor: person(e.data.executorId), department: dept(e.data.department) });
    case 'executor_removed':
      return line('removed', { name: escapeHtml(e.data.name), cause: t(`removal-cause-${e.data.cause}`) });
    case 'forwarded':
      return line('forwarded', { body: escapeHtml(e.data.body.name), note: note(e.data.reason) });
    case 'citizen_rated':
      return line('rated', { score: e.data.score });
    case 'extension_requested':
      return line('extension-requested', { department: dept(e.data.department), note: note(e.data.reason) });
    case 'extension_granted':
      return line('extension-granted', { days: e.data.days });
    case 'extension_refused':
      return line('extension-refused');
    case 'term_agreed':
      return line('term-agreed', { amount: e.data.amount, unit: e.data.unit === 'days' ? 'дн.' : 'ч' });
    case 'success_marked':
      return line('success-marked', { link: escapeHtml(foldText(e.data.link, NOTE_FOLD)) });
    case 'success_unmarked':
      return line('success-unmarked');
  }
}

/** Every step, oldest first, packed into pages under the limit. */
export function storyPages(events: readonly IncidentEvent[], names: HistoryNames): string[] {
  const pages: string[][] = [];
  let size = 0;
  for (const e of events) {
    const l = storyLine(e, names);
    if (l === null) continue;
    const current = pages.at(-1);
    if (current && size + l.length + 1 <= STORY_PAGE_LIMIT) {
      current.push(l);
      size += l.length + 1;
    } else {
      pages.push([l]);
      size = l.length;
    }
  }
  return pages.map((p) => p.join('\n'));
}

/** One page with its header; `page` is clamped into range (-1: the last, where the newest steps are). */
export function renderStory(incidentId: number, events: readonly IncidentEvent[], names: HistoryNames, page: number): StoryPage | null {
  const pages = storyPages(events, names);
  if (!pages.length) return null;
  const at = page < 0 ? pages.length - 1 : Math.min(Math.trunc(page), pages.length - 1);
  const header = t('story-title', { id: incidentId });
  const footer = pages.length > 1 ? `\n\n${t('history-page', { page: at + 1, pages: pages.length })}` : '';
  return { text: `${header}\n\n${pages[at]}${footer}`, page: at, pages: pages.length };
}

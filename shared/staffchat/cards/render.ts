/**
 * The incident card as staff see it: pure, so it can be tested line by line
 * and rendered the same by any process. Citizens' text is folded so a card
 * stays readable on a phone and always fits a staff messenger's message (STAFF_TEXT_LIMIT).
 */
import { DateTime } from 'luxon';
import { coExecutorDepartments, currentDraft, holders, owedParts, textToPublish, type IncidentState, type WorkflowRules } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';
import { importanceLabel, termLines } from './terms.js';
import type { Selection } from './selection.js';
import type { ModerationResult } from '../../core/checks/moderation/index.js';
import { conversationLines, type CardConversation } from './conversation.js';
import { authorLine, staffLink } from './author.js';

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

/** What the card knows beyond the stored message; all optional, so a bare incident still renders. */
export type CardContext = {
  timezone: string;
  state?: IncidentState;
  rules?: WorkflowRules;
  departmentName?: (id: string) => string;
  staffName?: (userId: number) => string;
  /** The curator's unconfirmed choices, shown as the proposal. */
  selection?: Selection | null;
  /** The most urgent deadline, already worded. */
  deadline?: string | null;
  /** What the moderation check found in the citizen's text: a suggestion to reject, shown to curators. */
  moderation?: ModerationResult | null;
  /** The draft checks' warnings on the draft awaiting approval, already worded (empty: none). */
  draftWarnings?: readonly string[] | null;
  /** An earlier incident of the same author on a similar subject (repeats.ts), suggested to curators. */
  repeat?: { incidentId: number; detectedAt: Date } | null;
  /** Later messages of a burst, and edits and deletions by the author (read by view.ts). */
  conversation?: CardConversation;
  /** How a hand-registered message reached staff, and who registered it. */
  manual?: { source: string; by: string } | null;
  /** The Telegram channel post a discussion comment is under. */
  channelPostLink?: string | null;
  /** Why the draft's photo will not go with the reply on this network (already worded), shown to the approver. */
  photoLeftOut?: string | null;
  /** The latest publication of an approved draft, as the outbox has it. */
  publication?: { status: string; permalink: string | null; reasonKey: string | null } | null;
  /** false: the author's identity stays off the card (org file `privacy.staffSeesAuthor`, author.ts). Default true. */
  showAuthor?: boolean;
};

/** The tighter of the staff messengers' limits on a message's text: Telegram's 4096, MAX's 4000. */
export const STAFF_TEXT_LIMIT = 4000;
/** How much of the citizen's text a card shows before folding. */
export const CARD_TEXT_FOLD = 1000;
/** How much of a co-executor's part the card shows. */
export const PART_FOLD = 500;
/** Draft-check warnings shown on an approver's card before "…and N more". */
const MAX_CARD_WARNINGS = 6;
/** A draft is folded shorter: the approver reads the whole text with «📄 Показать полностью» (keyboard.ts). */
export const DRAFT_FOLD = 1200;
/**
 * An approved reply a person must post by hand is shown whole, in <pre>, which
 * Telegram copies with one tap; beyond this it is folded like any draft (the
 * full text is in "📜 История версий").
 */
const MANUAL_COPY_MAX = 2500;

export function foldText(text: string, limit = CARD_TEXT_FOLD): string {
  const chars = Array.from(text); // fold on code points, never inside a surrogate pair (emoji)
  if (chars.length <= limit) return text;
  return chars.slice(0, limit).join('').trimEnd() + t('card-text-folded', { more: chars.length - limit });
}

export function renderCard(incident: CardIncident, ctx: CardContext): string {
  const when = DateTime.fromJSDate(incident.detectedAt, { zone: ctx.timezone }).toFormat('dd.MM.yyyy HH:mm');
  const state = ctx.state;
  const seen = ctx.showAuthor ?? true;
  const link = staffLink(incident.permalink, seen);
  const lines: Array<string | null> = [
    t('card-title', { id: incident.id, network: t(`network-${incident.network}`), kind: t(`kind-${incident.kind}`) }),
    t('card-status', { status: t(`status-${state?.status ?? incident.status}`) }),
    authorLine(incident, seen),
    '',
    ...conversationLines(incident.text, ctx.conversation, { timezone: ctx.timezone, foldFirst: CARD_TEXT_FOLD, fold: foldText }),
    moderationLine(ctx.moderation),
    ctx.repeat ? t('card-repeat-suggested', { id: ctx.repeat.incidentId, date: DateTime.fromJSDate(ctx.repeat.detectedAt, { zone: ctx.timezone }).toFormat('dd.MM.yyyy') }) : null,
    incident.attachments.length ? t('card-attachments', { count: incident.attachments.length }) : null,
    link ? t('card-link', { url: escapeHtml(link) }) : null,
    ctx.channelPostLink ? t('card-channel-post', { url: escapeHtml(ctx.channelPostLink) }) : null,
    ctx.manual ? t('card-manual-source', { source: escapeHtml(ctx.manual.source), by: escapeHtml(ctx.manual.by) }) : null,
    t('card-detected', { when }),
    ...(state ? workflowLines(state, ctx) : []),
    // Once the reply is out by other means (marked published by hand), what the network did no longer matters.
    ctx.publication && (ctx.publication.status === 'sent' || !state || state.status === 'approved')
      ? publicationLine({ ...ctx.publication, permalink: staffLink(ctx.publication.permalink, seen) })
      : null,
    ctx.deadline ? ctx.deadline : null,
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

function moderationLine(m: ModerationResult | null | undefined): string | null {
  if (!m || m.verdict !== 'suspect') return null;
  const categories = [...new Set(m.hits.map((h) => t(`moderation-${h.category}`)))].join(', ');
  return t('card-moderation', { categories, example: escapeHtml(m.hits[0]!.match) });
}

function publicationLine(p: NonNullable<CardContext['publication']>): string | null {
  switch (p.status) {
    case 'sent': {
      const line = p.permalink ? t('card-published-link', { url: escapeHtml(p.permalink) }) : t('card-published');
      // A note on a sent reply: what the network did not take (the photo of a VK comment without VK_USER_TOKEN).
      return p.reasonKey ? `${line}\n${t('card-published-text-only', { reason: t(p.reasonKey) })}` : line;
    }
    case 'failed':
      return t('card-publish-failed', { reason: t(p.reasonKey ?? 'card-publish-unknown') });
    case 'manual':
      return t('card-publish-manual', { reason: t(p.reasonKey ?? 'card-publish-unknown') });
    case 'unconfirmed':
      return t('card-publish-unconfirmed', { reason: t(p.reasonKey ?? 'card-publish-unknown') });
    default:
      // Pending: a reason is why the last attempt did not go through (it is retried by itself).
      return p.reasonKey ? t('card-publishing-retry', { reason: t(p.reasonKey) }) : t('card-publishing');
  }
}

function workflowLines(state: IncidentState, ctx: CardContext): Array<string | null> {
  const dept = (id: string) => escapeHtml(ctx.departmentName?.(id) ?? id);
  const person = (id: number) => escapeHtml(ctx.staffName?.(id) ?? `id${id}`);
  const lines: Array<string | null> = [];
  if (state.triage) {
    const parts = [state.triage.topics.map(escapeHtml).join(', '), escapeHtml(state.triage.location)];
    if (state.triage.importance === 'high') parts.push(t('card-importance-high'));
    else if (state.triage.importance !== 'normal') parts.push(t('card-importance', { level: importanceLabel(state.triage.importance) }));
    if (state.triage.sociallySignificant) parts.push(t('card-significant'));
    lines.push(t('card-triage', { triage: parts.join(' · ') }));
  }
  if (state.rejection) {
    const note = state.rejection.note ? `: «${escapeHtml(state.rejection.note)}»` : '';
    lines.push(t('card-rejected', { reason: `${t(`reject-${state.rejection.reason}`)}${note}` }));
  }
  if (state.forwarding) {
    lines.push(t('card-forwarded', { body: escapeHtml(state.forwarding.body.name), reason: escapeHtml(state.forwarding.reason) }));
  }
  if (state.rating) lines.push(t('card-rating', { score: state.rating.score, stars: '⭐'.repeat(state.rating.score) }));
  if (state.successStory) lines.push(t('card-success', { link: escapeHtml(state.successStory.link) }));
  if (state.outcome) lines.push(t('card-outcome', { outcome: t(`outcome-${state.outcome}`) }));
  if (state.repeatOf !== null) lines.push(t('card-repeat-of', { id: state.repeatOf }));
  const reopened = state.reopenings.at(-1);
  if (reopened && state.status !== 'closed') {
    lines.push(t('card-reopened', { cause: t(`reopen-cause-${reopened.cause}`), note: reopened.note ? `: «${escapeHtml(reopened.note)}»` : '' }));
  }
  if (state.routing && state.status !== 'returned') {
    const names = state.routing.departments.map((d) =>
      d === state.routing!.responsible && state.routing!.departments.length > 1 ? t('card-responsible', { name: dept(d) }) : dept(d),
    );
    lines.push(t('card-routing', { departments: names.join(', ') }));
  }
  const co = coExecutorDepartments(state);
  if (co.length && state.status !== 'returned') {
    // In the curator's order where the routing set one (the parts come one after another then).
    const order = state.routing?.order ?? null;
    const inOrder = order ? [...order.filter((d) => co.includes(d)), ...co.filter((d) => !order.includes(d))] : co;
    const parts = inOrder.map((d) => ((state.parts[d]?.length ?? 0) > 0 ? `✓ ${dept(d)}` : `⏳ ${dept(d)}`));
    lines.push(t('card-parts', { parts: parts.join(order && ctx.rules?.partsOrdered ? ' → ' : ', ') }));
    // Where the parts go to the curator (zavitinsk п.16, ivanovo п.15, severny п.12), the card carries them.
    if (ctx.rules?.partsTo === 'curator') {
      for (const d of inOrder) {
        const part = state.parts[d]?.at(-1);
        if (part) lines.push(t('card-part-text', { department: dept(d), text: escapeHtml(foldText(part.text, PART_FOLD)) }));
      }
    }
  }
  // A dismissed co-executor's owed part waits for a colleague of their department until someone takes it.
  if (state.status !== 'returned') {
    const owed = owedParts(state);
    for (const d of co) {
      const last = state.removals.findLast((r) => r.departments.includes(d));
      if (!last || !owed.includes(d) || state.assignees[d] !== undefined) continue;
      lines.push(t('removal-card-part', { name: escapeHtml(last.name), department: dept(d), cause: t(`removal-cause-${last.cause}`) }));
    }
  }
  const lastReturn = state.returns.at(-1);
  if (state.status === 'returned' && lastReturn?.removed) {
    const { name, cause } = lastReturn.removed;
    lines.push(t('removal-card-returned', { name: escapeHtml(name), department: dept(lastReturn.department), cause: t(`removal-cause-${cause}`) }));
  } else if (state.status === 'returned' && lastReturn) {
    lines.push(t('card-returned', { department: dept(lastReturn.department), note: escapeHtml(lastReturn.note) }));
  }
  // The message's own term and its extensions (shown while they still matter: before the answer is out).
  if (!['answered', 'closed', 'rejected'].includes(state.status)) lines.push(...termLines(state, ctx.rules));
  const draft = currentDraft(state);
  if (draft && ['on_approval', 'approved', 'rework'].includes(state.status)) {
    lines.push('', t('card-draft', { kind: t(`draft-kind-${draft.kind}`), number: draft.number }));
    const byHand = state.status === 'approved' ? textToPublish(state) : null;
    if (byHand !== null && ctx.publication?.status === 'manual' && Array.from(byHand).length <= MANUAL_COPY_MAX) {
      // The text exactly as it is to be posted (an approver's edit included), for a person to copy.
      lines.push(t('card-publish-manual-copy'), `<pre>${escapeHtml(byHand)}</pre>`);
    } else {
      lines.push(`<blockquote>${escapeHtml(foldText(draft.text, DRAFT_FOLD))}</blockquote>`);
    }
    if (state.status === 'on_approval' && ctx.draftWarnings) {
      // A few lines at most: the card must stay within Telegram's limit whatever the draft holds.
      const shown = ctx.draftWarnings.slice(0, MAX_CARD_WARNINGS);
      if (ctx.draftWarnings.length > shown.length) shown.push(t('list-more', { count: ctx.draftWarnings.length - shown.length }));
      lines.push(shown.length ? [t('draft-checks'), ...shown].join('\n') : t('card-draft-checks-ok'));
    }
    if (state.status === 'on_approval' && ctx.photoLeftOut) lines.push(t('card-photo-text-only', { reason: ctx.photoLeftOut }));
    // What the approver asked last time, so the new version can be judged against it.
    const previous = state.drafts.at(-2);
    if (state.status === 'on_approval' && previous?.rework) {
      lines.push(t('card-last-rework', { number: previous.number, comment: escapeHtml(foldText(previous.rework.comment, 300)) }));
    }
  }
  if (ctx.rules) {
    const waiting = holders(state, ctx.rules).map((h) =>
      h.userId !== undefined
        ? person(h.userId)
        : h.department
          ? dept(h.department)
          : t(`role-${h.role}`),
    );
    if (waiting.length) lines.push(t('card-holders', { holders: waiting.join(', ') }));
  }
  const s = ctx.selection;
  if (s && (state.status === 'detected' || state.status === 'triaged' || state.status === 'returned')) {
    const none = t('card-choice-none');
    const choice = [
      state.status === 'detected' ? t('card-choice-topics', { topics: s.topics.map(escapeHtml).join(', ') || none }) : null,
      state.status === 'detected' ? t('card-choice-location', { location: s.location ? escapeHtml(s.location) : none }) : null,
      t('card-choice-departments', { departments: s.departments.length ? s.departments.map(dept).join(', ') : none }),
    ].filter((x): x is string => x !== null);
    lines.push(t('card-choice', { choice: choice.join(' · ') }));
  }
  return lines;
}

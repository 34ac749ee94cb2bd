/**
 * The buttons of a card, by who looks at it and where the incident stands.
 * Pure: it says what each button does (an action and its arguments); the
 * button store turns that into callback_data. Labels come from the locale.
 */
import type { Org } from '../../platform/config/org.js';
import { outcomes, transitions, type IncidentState, type WorkflowRules } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { needsHeadToAppoint, type Audience } from './audience.js';
import type { Selection } from './selection.js';
import type { RepeatCandidate } from '../../flows/command/repeats.js';
import { DateTime } from 'luxon';
import type { ButtonSpec } from './button-actions.js';

type Input = {
  state: IncidentState;
  audience: Audience;
  selection: Selection;
  org: Org;
  rules: WorkflowRules;
  /** The department this chat speaks for (department chats and executors' private chats). */
  department?: string;
  /** For the deep link that opens the private chat where a draft is written. */
  botUsername: string | null;
  /**
   * The approved reply did not go out by itself: the network cannot take it (`manual`: a person posts it
   * and says so here), refused it (`failed`) or may not have got it (`unconfirmed`); those two may also
   * be sent again.
   */
  notPublished?: 'manual' | 'failed' | 'unconfirmed' | null;
  /** Earlier incidents this one may repeat, when the curator opened that list. */
  repeatCandidates?: readonly RepeatCandidate[];
  /** The organisation's zone, for the candidates' dates. */
  timezone?: string;
};

const check = (on: boolean, text: string) => (on ? `✓ ${text}` : text);
const deptName = (org: Org, id: string) => org.departments.find((d) => d.id === id)?.name ?? id;

export function keyboard(input: Input): ButtonSpec[][] {
  const { state, audience, rules } = input;
  if (audience === 'curators') {
    const linkable = canLinkRepeat(state);
    const reopenable = canReopen(state);
    if (input.selection.view === 'repeat' && linkable) return repeatView(input);
    if (input.selection.view === 'reopen' && reopenable) return reopenView();
    // A repeat or reopen view left open after the incident moved on falls back to the main one.
    const selection = input.selection.view === 'repeat' || input.selection.view === 'reopen' ? { ...input.selection, view: 'main' as const } : input.selection;
    const triage = state.status === 'detected' || state.status === 'triaged' || state.status === 'returned';
    const rows = curatorRows({ ...input, selection });
    if (triage && selection.view !== 'main') return rows;
    return [
      ...rows,
      ...(linkable ? [[{ text: t('btn-repeat'), action: 'view', args: { view: 'repeat' } } satisfies ButtonSpec]] : []),
      ...(reopenable ? [[{ text: t('btn-reopen'), action: 'view', args: { view: 'reopen' } } satisfies ButtonSpec]] : []),
    ];
  }
  if (audience === 'heads') {
    if (state.status === 'on_approval' && rules.approver === 'head') return approval(state);
    return needsHeadToAppoint(state, rules) ? appointment(input) : [];
  }
  if (state.status === 'approved' && input.notPublished && rules.publisher === 'executor') return notPublishedButtons(input.notPublished);
  return departmentButtons(input);
}

function curatorRows(input: Input): ButtonSpec[][] {
  const { state, rules } = input;
  if (state.status === 'detected' || state.status === 'triaged' || state.status === 'returned') return curatorTriage(input);
  if (state.status === 'on_approval' && rules.approver === 'curator') return approval(state);
  if (state.status === 'approved' && input.notPublished && rules.publisher === 'curator') return notPublishedButtons(input.notPublished);
  // The curator marks the outcome when closing (reports count the ones resolved positively).
  if (state.status === 'answered') return outcomes.map((outcome) => [{ text: t(`btn-close-${outcome}`), action: 'close', args: { outcome } }]);
  return [];
}

/**
 * A repeat is linked once, while the curator sorts the message (the core allows it until the answer
 * is out; the card offers it where the curator decides anyway, and keeps later cards free of it).
 */
function canLinkRepeat(state: IncidentState): boolean {
  const sorting = state.status === 'detected' || state.status === 'triaged' || state.status === 'returned';
  return sorting && state.repeatOf === null && transitions.link_repeat.from.some((s) => s === state.status);
}

function canReopen(state: IncidentState): boolean {
  return transitions.reopen.from.some((s) => s === state.status);
}

/** Candidates for "this repeats №…": the same author's recent ones first; or any number typed in. */
function repeatView({ repeatCandidates, timezone }: Input): ButtonSpec[][] {
  const rows: ButtonSpec[][] = (repeatCandidates ?? []).map((c) => [
    {
      text: t('btn-repeat-candidate', {
        id: c.id,
        date: DateTime.fromJSDate(c.detectedAt, { zone: timezone ?? 'UTC' }).toFormat('dd.MM'),
        text: foldLabel(c.text),
      }),
      action: 'repeat_of',
      args: { earlier: c.id },
    },
  ]);
  rows.push([{ text: t('btn-repeat-number'), action: 'repeat_number' }]);
  rows.push([{ text: t('btn-back'), action: 'view', args: { view: 'main' } }]);
  return rows;
}

function reopenView(): ButtonSpec[][] {
  return [
    [{ text: t('btn-reopen-repeat'), action: 'reopen', args: { cause: 'repeat' } }],
    [{ text: t('btn-reopen-author_disagreed'), action: 'reopen', args: { cause: 'author_disagreed' } }],
    [{ text: t('btn-back'), action: 'view', args: { view: 'main' } }],
  ];
}

/** A button shows a few words of the citizen's text on one line. */
function foldLabel(text: string, max = 32): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * A department's buttons: take it or return it; then the responsible one
 * writes the (joint) answer and each co-executor sends its part.
 */
function departmentButtons({ state, department, botUsername }: Input): ButtonSpec[][] {
  const working = ['routed', 'awaiting_parts', 'in_work', 'drafting', 'rework', 'published_interim'];
  if (!department || !working.includes(state.status)) return [];
  const returnable = ['routed', 'awaiting_parts', 'in_work'].includes(state.status);
  const giveBack: ButtonSpec[] = returnable ? [{ text: t('btn-return'), action: 'return' }] : [];
  if (state.assignees[department] === undefined) {
    return ['routed', 'awaiting_parts'].includes(state.status) ? [[{ text: t('btn-take'), action: 'take' }, ...giveBack]] : [];
  }
  const routing = state.routing!;
  const coExecutor = routing.departments.length > 1 && routing.responsible !== null && department !== routing.responsible;
  const link = (prefix: 'd' | 'p', text: string): ButtonSpec[] =>
    botUsername ? [{ text, url: `https://t.me/${botUsername}?start=${prefix}${state.incidentId}` }] : [];
  if (coExecutor) {
    const owes = (state.parts[department]?.length ?? 0) === 0;
    const row = [...(owes ? link('p', t('btn-part')) : []), ...giveBack];
    return row.length ? [row] : [];
  }
  if (state.status === 'routed') return giveBack.length ? [giveBack] : [];
  const row = [...link('d', t('btn-draft')), ...(state.status === 'in_work' || state.status === 'awaiting_parts' ? giveBack : [])];
  return row.length ? [row] : [];
}

/**
 * The head names (or changes) the department that writes the joint answer; the
 * others become co-executors. Offered while the departments still prepare it.
 */
function appointment({ state, org }: Input): ButtonSpec[][] {
  const routing = state.routing;
  if (!routing || !transitions.appoint_responsible.from.some((s) => s === state.status)) return [];
  return routing.departments.map((department) => [
    department === routing.responsible
      ? { text: t('btn-appointed', { name: deptName(org, department) }), action: 'appoint', args: { department } }
      : { text: t('btn-appoint', { name: deptName(org, department) }), action: 'appoint', args: { department } },
  ]);
}

/** Marking it published by hand; sending it again too where the network refused it or may not have got it. */
function notPublishedButtons(why: 'manual' | 'failed' | 'unconfirmed'): ButtonSpec[][] {
  const marked: ButtonSpec[] = [{ text: t('btn-published-by-hand'), action: 'published_by_hand' }];
  return why === 'manual' ? [marked] : [[{ text: t('btn-publish-again'), action: 'publish_again' }], marked];
}

function approval(state: IncidentState): ButtonSpec[][] {
  const rows: ButtonSpec[][] = [
    [{ text: t('btn-approve'), action: 'approve' }, { text: t('btn-rework'), action: 'rework' }],
    [{ text: t('btn-edit-approve'), action: 'edit_approve' }],
  ];
  // Earlier versions exist only after a rework (or an interim answer): then the approver may compare.
  if (state.drafts.length > 1) rows.push([{ text: t('btn-history', { count: state.drafts.length }), action: 'versions' }]);
  return rows;
}

function curatorTriage({ state, selection: s, org, rules }: Input): ButtonSpec[][] {
  const back: ButtonSpec[] = [{ text: t('btn-back'), action: 'view', args: { view: 'main' } }];
  switch (s.view) {
    case 'topics':
      return [...org.topics.map((topic): ButtonSpec[] => [{ text: check(s.topics.includes(topic), topic), action: 'topic', args: { topic } }]), back];
    case 'location':
      return [...org.locations.map((location): ButtonSpec[] => [{ text: check(s.location === location, location), action: 'location', args: { location } }]), back];
    case 'departments': {
      const rows: ButtonSpec[][] = org.departments.map((d) => [
        { text: check(s.departments.includes(d.id), d.name), action: 'dept', args: { department: d.id } },
      ]);
      // Where the head names the responsible one (Sobolevo), the curator's choice would be ignored: not offered.
      if (s.departments.length > 1 && rules.responsibleSetter === 'curator' && rules.jointAnswer === 'appointed') {
        rows.push([{ text: t('btn-responsible', { name: deptName(org, s.responsible ?? s.departments[0]!) }), action: 'responsible' }]);
      }
      return [...rows, back];
    }
    case 'reject':
      return [
        [{ text: t('btn-reject-abuse'), action: 'reject', args: { reason: 'abuse' } }],
        [{ text: t('btn-reject-obscenity'), action: 'reject', args: { reason: 'obscenity' } }],
        [{ text: t('btn-reject-threat'), action: 'reject', args: { reason: 'threat' } }],
        back,
      ];
    // The repeat and reopen lists are drawn before this; here they mean the main view.
    case 'repeat':
    case 'reopen':
    case 'main': {
      const rows: ButtonSpec[][] = [];
      const ready = s.departments.length > 0 && (state.status !== 'detected' || (s.topics.length > 0 && s.location !== null));
      if (ready) {
        rows.push([{ text: t('btn-confirm', { departments: s.departments.map((d) => deptName(org, d)).join(', ') }), action: 'confirm' }]);
      }
      if (state.status === 'detected') {
        rows.push([
          { text: t('btn-topics', { count: s.topics.length }), action: 'view', args: { view: 'topics' } },
          { text: t('btn-location'), action: 'view', args: { view: 'location' } },
        ]);
        rows.push([
          { text: t(s.importance === 'high' ? 'btn-importance-high' : 'btn-importance-normal'), action: 'importance' },
          { text: check(s.significant, t('btn-significant')), action: 'significant' },
        ]);
      }
      rows.push([{ text: t('btn-departments', { count: s.departments.length }), action: 'view', args: { view: 'departments' } }]);
      if (state.status === 'detected') rows.push([{ text: t('btn-reject'), action: 'view', args: { view: 'reject' } }]);
      return rows;
    }
  }
}

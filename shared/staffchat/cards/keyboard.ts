/**
 * The buttons of a card, by who looks at it and where the incident stands:
 * the decider says which commands the chat may issue now, the card adds its
 * own views (pickers, lists, links). Pure: it says what each button does (an
 * action and its arguments); the button store turns that into callback_data.
 * Labels come from the locale.
 */
import type { Org } from '../../platform/config/org.js';
import { availableCommands, currentDraft, outcomes, rejectReasons, type Actor, type CommandType, type IncidentState, type WorkflowRules } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { needsHeadToAppoint, type Audience } from './audience.js';
import type { Selection } from './selection.js';
import type { RepeatCandidate } from './repeats.js';
import { DateTime } from 'luxon';
import type { ButtonSpec } from './button-actions.js';
import { DRAFT_FOLD } from './render.js';
import { extensionDecision, importanceLabel, importanceLevels, termAmountButtons, termOpenButton, termSettable, termView } from './terms.js';

export type { ButtonSpec };

type Input = {
  state: IncidentState;
  audience: Audience;
  selection: Selection;
  org: Org;
  rules: WorkflowRules;
  /** The department this chat speaks for (department chats and executors' private chats). */
  department?: string;
  /** The bot's private chat opened with a payload, where a draft is written (staffLinks); null when unknown. */
  deepLink: ((payload: string) => string) | null;
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
  /** Bodies a message outside the competence may be forwarded to (the profile's and the organisation file's). */
  forwardBodies?: readonly { id: string; name: string }[];
};

const check = (on: boolean, text: string) => (on ? `✓ ${text}` : text);
const deptName = (org: Org, id: string) => org.departments.find((d) => d.id === id)?.name ?? id;

/** Commands the card may offer: what the decider lets the chat's actor do now. */
type Offered = ReadonlySet<CommandType>;

/**
 * No one in particular. A card is drawn for a chat, not a person: the role
 * checks read no id, and Telegram ids are positive, so a department nobody
 * took is held by no one here.
 */
const ANYONE = 0;

/**
 * Who a chat's card speaks to: the curator or the head as a role; in a
 * department's chat, whoever holds the department, or (while nobody does)
 * anyone of it who may take it.
 */
export function chatActor(input: Pick<Input, 'state' | 'audience' | 'department'>): Actor | null {
  switch (input.audience) {
    case 'curators':
      return { role: 'curator', userId: ANYONE };
    case 'heads':
      return { role: 'head', userId: ANYONE };
    case 'department':
      return input.department ? { role: 'executor', department: input.department, userId: input.state.assignees[input.department] ?? ANYONE } : null;
  }
}

/**
 * The buttons follow the decider: a button that issues a command appears only
 * when `availableCommands` allows it to this chat's actor now. What the
 * decider does not judge (pickers, lists, paging, links) is the card's own.
 */
export function keyboard(input: Input): ButtonSpec[][] {
  const actor = chatActor(input);
  const can: Offered = new Set(actor ? availableCommands(input.state, actor, input.rules) : []);
  switch (input.audience) {
    case 'curators':
      return curatorButtons(input, can);
    case 'heads':
      return headButtons(input, can);
    case 'department':
      return departmentButtons(input, can);
  }
}

function curatorButtons(input: Input, can: Offered): ButtonSpec[][] {
  const { state } = input;
  const sorting = can.has('triage');
  // A repeat is linked once, while the curator sorts the message: the core allows it until the answer
  // is out; the card offers it where the curator decides anyway, and keeps later cards free of it.
  const linkable = sorting && can.has('link_repeat') && state.repeatOf === null;
  const reopenable = can.has('reopen');
  if (input.selection.view === 'repeat' && linkable) return repeatView(input);
  if (input.selection.view === 'reopen' && reopenable) return reopenView();
  // A repeat or reopen view left open after the incident moved on falls back to the main one.
  const selection = input.selection.view === 'repeat' || input.selection.view === 'reopen' ? { ...input.selection, view: 'main' as const } : input.selection;
  const rows = curatorRows({ ...input, selection }, can);
  if (sorting && selection.view !== 'main') return rows;
  return [
    ...rows,
    ...(linkable ? [[{ text: t('btn-repeat'), action: 'view', args: { view: 'repeat' } } satisfies ButtonSpec]] : []),
    ...(reopenable ? [[{ text: t('btn-reopen'), action: 'view', args: { view: 'reopen' } } satisfies ButtonSpec]] : []),
  ];
}

function curatorRows(input: Input, can: Offered): ButtonSpec[][] {
  const { state } = input;
  if (can.has('triage')) return curatorTriage(input, can);
  // The coordinator decides on a waiting extension request (kamchatka 2.5) whatever else the card offers.
  const extension = can.has('grant_extension') ? extensionDecision(state, input.rules) : [];
  if (extension.length) return [...extension, ...(can.has('approve') ? approval(state, can, input.rules) : [])];
  if (can.has('approve')) return approval(state, can, input.rules);
  if (can.has('mark_published') && input.notPublished) return notPublishedButtons(input.notPublished);
  // The curator marks the outcome when closing the answered incident (reports count the ones resolved
  // positively). The decider would also close a clarification left unanswered; the card does not offer it.
  // A closed incident's card keeps the way to its story (the record of who did what).
  if (state.status === 'closed') return [...successRow(state, can), storyRow()];
  if (can.has('close') && state.status === 'answered') {
    return [...outcomes.map((outcome): ButtonSpec[] => [{ text: t(`btn-close-${outcome}`), action: 'close', args: { outcome } }]), ...successRow(state, can), storyRow()];
  }
  return successRow(state, can);
}

function headButtons(input: Input, can: Offered): ButtonSpec[][] {
  const { state, rules } = input;
  const extension = can.has('grant_extension') ? extensionDecision(state, rules) : [];
  if (can.has('approve')) return [...extension, ...approval(state, can, input.rules)];
  const appoint = needsHeadToAppoint(state, rules) && can.has('appoint_responsible') ? appointment(input) : [];
  // Sobolevo п.18: the head may shorten the term of a message the curator routed.
  const level = state.triage?.importance ?? 'normal';
  const term =
    can.has('agree_term') && termSettable(rules, 'head', level)
      ? termAmountButtons(rules, state.agreedTerm?.amount ?? null, (amount, text) => ({ text, action: 'term_agree', args: { amount } }))
      : [];
  return [...extension, ...appoint, ...term, ...successRow(state, can)];
}

/** Sobolevo п.23: marking the answered message a success story covered in the media, or taking a mistaken mark off. */
function successRow(state: IncidentState, can: Offered): ButtonSpec[][] {
  if (state.successStory) return can.has('unmark_success') ? [[{ text: t('btn-success-unmark'), action: 'success_unmark' }]] : [];
  return can.has('mark_success') ? [[{ text: t('btn-success-mark'), action: 'success_mark' }]] : [];
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
 * writes the (joint) answer and each co-executor sends its part. The approved
 * reply that did not go out by itself is marked by the one who publishes.
 */
function departmentButtons({ state, department, deepLink, notPublished }: Input, can: Offered): ButtonSpec[][] {
  if (!department) return [];
  if (notPublished && can.has('mark_published')) return notPublishedButtons(notPublished);
  const giveBack: ButtonSpec[] = can.has('return') ? [{ text: t('btn-return'), action: 'return' }] : [];
  if (state.assignees[department] === undefined) return can.has('take') ? [[{ text: t('btn-take'), action: 'take' }, ...giveBack]] : [];
  const link = (prefix: 'd' | 'p', text: string): ButtonSpec[] =>
    deepLink ? [{ text, url: deepLink(`${prefix}${state.incidentId}`) }] : [];
  const writes = can.has('start_draft') || can.has('submit_draft');
  // A part goes to the named responsible department, so it is asked for once one is named; once sent, it is in.
  const owesPart = state.routing?.responsible != null && can.has('submit_part') && (state.parts[department]?.length ?? 0) === 0;
  const row = [...(writes ? link('d', t('btn-draft')) : []), ...(owesPart ? link('p', t('btn-part')) : []), ...giveBack];
  // Kamchatka 2.5: the responsible executor asks the coordinator for more time, once at a time.
  const extend: ButtonSpec[] = can.has('request_extension') && !state.extensionRequest ? [{ text: t('btn-extension-request'), action: 'extension_request' }] : [];
  return [row, extend].filter((r) => r.length > 0);
}

/**
 * The head names (or changes) the department that writes the joint answer; the
 * others become co-executors. Offered while the departments still prepare it.
 */
function appointment({ state, org }: Input): ButtonSpec[][] {
  const routing = state.routing;
  if (!routing) return [];
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

function approval(state: IncidentState, can: Offered, rules: WorkflowRules): ButtonSpec[][] {
  // kamchatka 2.5: an answer without a photo is approved only with the reason the clause allows.
  const draft = currentDraft(state);
  const photoMissing = rules.photoRequired === true && draft?.kind === 'answer' && !draft.attachments.some((a) => a.kind === 'photo');
  const approve: ButtonSpec = photoMissing
    ? { text: t('btn-approve-without-photo'), action: 'approve', args: { withoutPhoto: 'not_obtainable' } }
    : { text: t('btn-approve'), action: 'approve' };
  const decide: ButtonSpec[] = [
    ...(can.has('approve') ? [approve] : []),
    ...(can.has('send_to_rework') ? [{ text: t('btn-rework'), action: 'rework' } satisfies ButtonSpec] : []),
  ];
  // Approving with the approver's own edit of the text.
  const edit: ButtonSpec[] = can.has('approve') ? [{ text: t('btn-edit-approve'), action: 'edit_approve' }] : [];
  const rows = [decide, edit].filter((row) => row.length > 0);
  // Earlier versions exist only after a rework (or an interim answer): then the approver may compare.
  if (state.drafts.length > 1) rows.push([{ text: t('btn-history', { count: state.drafts.length }), action: 'versions' }]);
  // A draft folded on the card can be read whole; and how the incident got here, step by step.
  const folded = draft !== null && Array.from(draft.text).length > DRAFT_FOLD;
  rows.push([...(folded ? [{ text: t('btn-full-text'), action: 'full_text', args: { draft: draft.number } } satisfies ButtonSpec] : []), ...storyRow()]);
  return rows;
}

/** «🗂 Ход работы»: who did what and when (bots/telegram/features/history.ts). */
const storyRow = (): ButtonSpec[] => [{ text: t('btn-story'), action: 'open_story' }];
/** A picker shows this many choices at once; longer ones are paged with ◀ ▶ (Telegram caps a keyboard at 100 buttons). */
export const PAGE_SIZE = 8;

/** The page `page` of a picker's rows, with the paging row when there is more than one page. */
export function paged(rows: ButtonSpec[][], page: number | undefined): ButtonSpec[][] {
  if (rows.length <= PAGE_SIZE) return rows;
  const pages = Math.ceil(rows.length / PAGE_SIZE);
  const p = Math.min(Math.max(0, Math.trunc(page ?? 0)), pages - 1);
  const nav: ButtonSpec[] = [
    ...(p > 0 ? [{ text: t('btn-picker-prev'), action: 'page', args: { page: p - 1 } } satisfies ButtonSpec] : []),
    // Where the curator is; tapping it only redraws the same page.
    { text: t('btn-picker-page', { page: p + 1, pages }), action: 'page', args: { page: p } },
    ...(p < pages - 1 ? [{ text: t('btn-picker-next'), action: 'page', args: { page: p + 1 } } satisfies ButtonSpec] : []),
  ];
  return [...rows.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE), nav];
}

/**
 * The curator sorting a message: the choices (pickers kept on the card until
 * routed), routing, rejecting. A fresh message is triaged by the same tap that
 * routes it, with the choices shown; the topic, place and importance pickers,
 * and rejecting, are offered only then. The route button stands on the main
 * view whenever departments are chosen, so a right suggestion is one tap; in
 * the departments view one department routes at once (a corrected
 * suggestion is two taps), and «Несколько…» opens the view that picks several.
 */
function curatorTriage(input: Input, can: Offered): ButtonSpec[][] {
  const { state, selection: s, org, rules } = input;
  const back: ButtonSpec[] = [{ text: t('btn-back'), action: 'view', args: { view: 'main' } }];
  const fresh = state.status === 'detected';
  const ordered = rules.partsOrdered === true || rules.jointAnswer === 'last_in_order';
  const routable = can.has('route') || (fresh && can.has('triage'));
  const routeButton = (): ButtonSpec[][] =>
    routable && s.departments.length > 0 ? [[{ text: t('btn-route', { departments: s.departments.map((d) => deptName(org, d)).join(ordered ? ' → ' : ', ') }), action: 'route' }]] : [];
  switch (s.view) {
    case 'topics':
      return [...paged(org.topics.map((topic): ButtonSpec[] => [{ text: check(s.topics.includes(topic), topic), action: 'topic', args: { topic } }]), s.page), back];
    case 'location':
      return [...paged(org.locations.map((location): ButtonSpec[] => [{ text: check(s.location === location, location), action: 'location', args: { location } }]), s.page), back];
    case 'departments': {
      const rows = org.departments.map((d): ButtonSpec[] => [
        { text: check(s.departments.length === 1 && s.departments[0] === d.id, d.name), action: 'route_to', args: { department: d.id } },
      ]);
      return [...paged(rows, s.page), [{ text: t('btn-several'), action: 'view', args: { view: 'several' } }, ...back]];
    }
    case 'several': {
      // Where parts come in order, the order of the taps is the order of the parts: each chosen department shows its place.
      const place = (id: string) => (ordered && s.departments.length > 1 && s.departments.includes(id) ? s.departments.indexOf(id) + 1 : null);
      const rows: ButtonSpec[][] = org.departments.map((d) => {
        const n = place(d.id);
        return [{ text: n !== null ? t('btn-dept-in-order', { n, name: d.name }) : check(s.departments.includes(d.id), d.name), action: 'dept', args: { department: d.id } }];
      });
      if (ordered && s.departments.length > 1) rows.push([{ text: t('btn-dept-order-hint'), action: 'view', args: { view: 'departments' } }]);
      const extra: ButtonSpec[][] = [];
      // Where the head names the responsible one (Sobolevo), the curator's choice would be ignored: not offered.
      if (s.departments.length > 1 && rules.responsibleSetter === 'curator' && rules.jointAnswer === 'appointed') {
        extra.push([{ text: t('btn-responsible', { name: deptName(org, s.responsible ?? s.departments[0]!) }), action: 'responsible' }]);
      }
      return [...paged(rows, s.page), ...extra, ...routeButton(), back];
    }
    case 'importance':
      return [
        ...importanceLevels(rules).map((level): ButtonSpec[] => [{ text: check(s.importance === level, importanceLabel(level)), action: 'importance', args: { level } }]),
        back,
      ];
    case 'term':
      return termSettable(rules, 'curator', s.importance) ? termView(rules, s) : [back];
    case 'reject':
      // The profile's closed list (its clause's words); "other" asks for a note where the profile allows it.
      return [
        ...(can.has('reject')
          ? (rules.rejectReasons ?? rejectReasons.filter((r) => r !== 'other')).map((reason): ButtonSpec[] => [
              { text: t(`btn-reject-${reason}`), action: 'reject', args: { reason } },
            ])
          : []),
        back,
      ];
    case 'forward':
      return [
        ...(can.has('forward')
          ? [
              ...(input.forwardBodies ?? []).map((b): ButtonSpec[] => [{ text: t('btn-forward-body', { name: b.name }), action: 'forward', args: { body: b.id } }]),
              [{ text: t('btn-forward-other'), action: 'forward_other' } satisfies ButtonSpec],
            ]
          : []),
        back,
      ];
    // The repeat and reopen lists are drawn before this; here they mean the main view.
    case 'repeat':
    case 'reopen':
    case 'main': {
      // Missing a topic or a place, the route button still shows: its tap opens the picker that is missing.
      const rows: ButtonSpec[][] = routeButton();
      if (fresh) {
        rows.push([
          { text: t('btn-topics', { count: s.topics.length }), action: 'view', args: { view: 'topics' } },
          { text: t('btn-location'), action: 'view', args: { view: 'location' } },
        ]);
        // Two levels toggle with one tap; a profile with its own (ПОС п.10.2 "local-fast") lists them.
        const levels = importanceLevels(rules);
        const importance: ButtonSpec =
          levels.length > 2
            ? { text: t('btn-importance', { level: importanceLabel(s.importance) }), action: 'view', args: { view: 'importance' } }
            : { text: t(s.importance === 'high' ? 'btn-importance-high' : 'btn-importance-normal'), action: 'importance' };
        rows.push([importance, { text: check(s.significant, t('btn-significant')), action: 'significant' }]);
        // The curator's shortened or agreed term, where the profile gives it to the curator at this level.
        if (termSettable(rules, 'curator', s.importance)) rows.push([termOpenButton(rules, s)]);
      }
      rows.push([{ text: t('btn-departments', { count: s.departments.length }), action: 'view', args: { view: 'departments' } }]);
      // Outside the competence is not «не подлежит обработке»: forwarding sits beside the reject menu.
      const aside: ButtonSpec[] = [
        ...(fresh && can.has('reject') ? [{ text: t('btn-reject'), action: 'view', args: { view: 'reject' } } satisfies ButtonSpec] : []),
        ...(can.has('forward') ? [{ text: t('btn-forward'), action: 'view', args: { view: 'forward' } } satisfies ButtonSpec] : []),
      ];
      if (aside.length) rows.push(aside);
      return rows;
    }
  }
}

import type { CommandType } from './commands.js';
import type { EventType } from './events.js';
import type { RoleRef } from './roles.js';
import { owedParts, responsibleExecutor, type IncidentState } from './state.js';
import { statuses, workStatuses, type Status } from './status.js';

/**
 * THE transition table: for every command, the statuses it is allowed from,
 * the roles that may issue it, the status it leads to, and the one event it
 * produces. `decide` checks role and status against this table only; the
 * guards in guards.ts add what depends on the person (their department, who
 * took it) and on the payload. `evolve` takes the target status from here too.
 */

/** A target that depends on the incident after the event, not on the command alone. */
export type DerivedTarget =
  /** routed / awaiting_parts / in_work, from who took the responsible department and which parts are owed. */
  | 'work'
  /** Before drafting, as `work`; once drafting has begun, the status stays. */
  | 'work_until_drafting'
  /** The status does not change. */
  | 'keep'
  /** From the kind of the reply just published: answer, interim or clarification. */
  | 'reply_kind'
  /** `returned` when the responsible department lost its executor; otherwise as `work_until_drafting`. */
  | 'removal';

export type Target = Status | { derive: DerivedTarget };

export type Transition = {
  readonly from: readonly Status[];
  readonly roles: readonly RoleRef[];
  readonly to: Target;
  readonly event: EventType;
};

// Before the answer is out: where a repeat can still be linked.
const open = [
  'detected',
  'triaged',
  'returned',
  'routed',
  'awaiting_parts',
  'in_work',
  'drafting',
  'on_approval',
  'rework',
] as const satisfies readonly Status[];

// While departments hold it: where a person can be swapped in (away, ill, left).
const held = [
  'routed',
  'awaiting_parts',
  'in_work',
  'drafting',
  'on_approval',
  'rework',
  'approved',
  'published_interim',
  'awaiting_clarification',
] as const satisfies readonly Status[];

export const transitions = {
  // Correcting the triage is allowed until routing, and after a return (the return may say the topic was wrong).
  triage: { from: ['detected', 'triaged', 'returned'], roles: ['curator'], to: 'triaged', event: 'triaged' },
  reject: { from: ['detected', 'triaged', 'returned'], roles: ['curator'], to: 'rejected', event: 'rejected' },
  // Outside the competence: where rejecting is possible, the curator may send it to the body it belongs to instead.
  forward: { from: ['detected', 'triaged', 'returned'], roles: ['curator'], to: 'forwarded', event: 'forwarded' },
  // Re-routing: to correct a routing, after a return, after reopening. Whoever took a department that
  // stays routed keeps it, so a re-routing can land straight in work.
  route: { from: ['triaged', 'routed', 'returned'], roles: ['curator'], to: { derive: 'work' }, event: 'routed' },
  // An addition to the brief's list: in sobolevo-2021 the curator routes but the head names the responsible one (п.19).
  appoint_responsible: {
    from: ['routed', 'awaiting_parts', 'in_work'],
    roles: ['responsibleSetter'],
    to: { derive: 'work' },
    event: 'responsible_appointed',
  },
  take: { from: ['routed', 'awaiting_parts'], roles: ['executor'], to: { derive: 'work' }, event: 'taken' },
  return: { from: ['routed', 'awaiting_parts', 'in_work'], roles: ['executor'], to: 'returned', event: 'returned' },
  // A late part still reaches the responsible executor while drafting or reworking.
  submit_part: {
    from: ['routed', 'awaiting_parts', 'in_work', 'drafting', 'rework'],
    roles: ['executor'],
    to: { derive: 'work_until_drafting' },
    event: 'part_submitted',
  },
  // The responsible executor may start before every part is in: a late co-executor must not block the answer.
  start_draft: {
    from: ['awaiting_parts', 'in_work', 'published_interim'],
    roles: ['executor'],
    to: 'drafting',
    event: 'draft_started',
  },
  submit_draft: { from: ['drafting', 'rework'], roles: ['executor'], to: 'on_approval', event: 'draft_submitted' },
  approve: { from: ['on_approval'], roles: ['approver'], to: 'approved', event: 'draft_approved' },
  send_to_rework: { from: ['on_approval'], roles: ['approver'], to: 'rework', event: 'draft_sent_to_rework' },
  mark_published: {
    from: ['approved'],
    roles: ['system', 'publisher'],
    to: { derive: 'reply_kind' },
    event: 'reply_published',
  },
  // The curator may record the author's reply by hand when it came where ingest does not look (a DM, a phone call).
  author_replied: {
    from: ['awaiting_clarification'],
    roles: ['citizen', 'curator'],
    to: { derive: 'work' },
    event: 'clarification_answered',
  },
  link_repeat: { from: open, roles: ['curator'], to: { derive: 'keep' }, event: 'repeat_linked' },
  // Recorded whatever the status (a rejected or forwarded incident is finished with): the card shows what the author did.
  author_message: {
    from: statuses.filter((s) => s !== 'rejected' && s !== 'forwarded'),
    roles: ['citizen'],
    to: { derive: 'keep' },
    event: 'author_message_changed',
  },
  // Likes and replies come whenever people get to them, before or after the answer; a rejected incident is finished with.
  citizen_reaction: {
    from: statuses.filter((s) => s !== 'rejected' && s !== 'forwarded'),
    roles: ['citizen'],
    to: { derive: 'keep' },
    event: 'citizen_reacted',
  },
  // A clarification the author never answers may be closed too.
  close: { from: ['answered', 'awaiting_clarification'], roles: ['curator'], to: 'closed', event: 'closed' },
  // Back to the curator to route again; triage, drafts and parts are kept.
  reopen: { from: ['answered', 'closed'], roles: ['curator'], to: 'triaged', event: 'reopened' },
  // After the final answer the author may rate it (Kamchatka 2.7), also once it is closed; only where the profile offers ratings.
  rate: { from: ['answered', 'closed'], roles: ['citizen'], to: { derive: 'keep' }, event: 'citizen_rated' },
  reassign: {
    from: held,
    roles: ['curator', 'duty'],
    to: { derive: 'work_until_drafting' },
    event: 'reassigned',
  },
  // A dismissed executor's work goes back (shared/flows/staff/removal.ts): the worker issues it where the executor's action
  // is awaited. The responsible department's work returns to the curator to route again; a co-executor's owed part
  // stays with the department for a colleague to take.
  remove_executor: {
    from: ['routed', 'awaiting_parts', 'in_work', 'drafting', 'rework', 'published_interim'],
    roles: ['system'],
    to: { derive: 'removal' },
    event: 'executor_removed',
  },
  // kamchatka-ias-2021 2.5: the responsible executor asks the coordinator for more time while the answer is being prepared.
  request_extension: {
    from: ['awaiting_parts', 'in_work', 'drafting', 'rework'],
    roles: ['extensionRequester'],
    to: { derive: 'keep' },
    event: 'extension_requested',
  },
  grant_extension: {
    from: ['awaiting_parts', 'in_work', 'drafting', 'on_approval', 'rework'],
    roles: ['extensionGranter'],
    to: { derive: 'keep' },
    event: 'extension_granted',
  },
  refuse_extension: {
    from: ['awaiting_parts', 'in_work', 'drafting', 'on_approval', 'rework'],
    roles: ['extensionGranter'],
    to: { derive: 'keep' },
    event: 'extension_refused',
  },
  // A message's own term (zavitinsk п.8, ivanovo п.7, sobolevo п.18, kamchatka-ias-2021 2.6): set while the answer is prepared.
  agree_term: {
    from: ['triaged', 'routed', 'awaiting_parts', 'in_work', 'drafting', 'rework'],
    roles: ['termSetter'],
    to: { derive: 'keep' },
    event: 'term_agreed',
  },
  // Sobolevo п.23: once the answer is out, the curator or the head marks a solution the media covered (where the profile counts them).
  mark_success: { from: ['answered', 'closed'], roles: ['successCurator', 'successHead'], to: { derive: 'keep' }, event: 'success_marked' },
  unmark_success: { from: ['answered', 'closed'], roles: ['successCurator', 'successHead'], to: { derive: 'keep' }, event: 'success_unmarked' },
} as const satisfies Record<CommandType, Transition>;

/** The statuses a derived target can yield; tests check every result falls inside. */
export const derivedTargets: Record<DerivedTarget, readonly Status[] | 'any'> = {
  work: workStatuses,
  work_until_drafting: 'any',
  keep: 'any',
  reply_kind: ['answered', 'published_interim', 'awaiting_clarification'],
  removal: ['returned', 'routed', 'awaiting_parts', 'in_work', 'drafting', 'rework', 'published_interim'],
};

/** Where an incident stands before drafting, from who took the responsible department and which parts are owed. */
export function workStatus(state: IncidentState): Status {
  if (responsibleExecutor(state) === null) return 'routed';
  return owedParts(state).length > 0 ? 'awaiting_parts' : 'in_work';
}

/** The status an event leads to, given the incident before and after its data was applied. */
export function resolveTarget(target: Target, before: IncidentState, after: IncidentState): Status {
  if (typeof target === 'string') return target;
  switch (target.derive) {
    case 'work':
      return workStatus(after);
    case 'work_until_drafting':
      return (workStatuses as readonly Status[]).includes(before.status) ? workStatus(after) : before.status;
    case 'keep':
      return before.status;
    case 'removal': {
      const responsible = before.routing?.responsible;
      if (responsible && before.assignees[responsible] !== undefined && after.assignees[responsible] === undefined) return 'returned';
      return (workStatuses as readonly Status[]).includes(before.status) ? workStatus(after) : before.status;
    }
    case 'reply_kind': {
      const kind = after.drafts.at(-1)?.kind;
      switch (kind) {
        case 'answer':
          return 'answered';
        case 'interim':
          return 'published_interim';
        case 'clarification':
          return 'awaiting_clarification';
        case undefined:
          throw new Error('reply published without a draft');
        default: {
          const never: never = kind;
          throw new Error(`unknown draft kind ${String(never)}`);
        }
      }
    }
    default: {
      const never: never = target.derive;
      throw new Error(`unknown target ${String(never)}`);
    }
  }
}

/** The command behind each event type (one command, one event). */
export const commandOfEvent = Object.fromEntries(
  Object.entries(transitions).map(([command, t]) => [t.event, command as CommandType]),
) as Partial<Record<EventType, CommandType>>;

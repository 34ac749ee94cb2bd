import type { CommandType } from './commands.js';
import { resolveRoles, type Actor, type WorkflowRules } from './roles.js';
import type { IncidentState } from './state.js';
import { transitions } from './transitions.js';

/**
 * Who may do what, beyond the role in the transition table: an executor acts
 * only for a routed department, only if nobody else took it, and drafting,
 * submitting and publishing belong to the responsible department.
 */

export const refusalReasons = ['wrong_state', 'wrong_role', 'not_assigned', 'stale_version', 'invalid'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** Codes the staff bot turns into Russian; never shown raw. */
export const refusalMessages = [
  // invalid
  'invalid_command',
  'invalid_actor',
  'already_taken',
  'order_mismatch',
  'order_required',
  'responsible_not_routed',
  'responsible_must_be_last',
  'department_not_routed',
  'already_responsible',
  'interim_not_allowed',
  'interim_already_published',
  'self_link',
  'already_linked',
  'not_earlier',
  'already_assigned',
  'not_holding',
  'reason_not_in_profile',
  'ratings_off',
  'already_rated',
  'unknown_importance',
  'extension_pending',
  'no_extension_request',
  'extension_exhausted',
  'extension_too_long',
  'term_out_of_bounds',
  'term_not_for_importance',
  'photo_required',
  'not_success_story',
  // stale_version
  'stale_version',
  // wrong_role
  'role_not_allowed',
  'responsible_set_by_other_role',
  // wrong_state
  'status_not_allowed',
  // not_assigned
  'not_routed_to_department',
  'taken_by_other',
  'not_responsible',
  'responsible_writes_draft',
] as const;
export type RefusalMessage = (typeof refusalMessages)[number];

export type Refusal = {
  readonly ok: false;
  readonly reason: RefusalReason;
  readonly message: RefusalMessage;
  /** Facts for the message (the status, the versions, the zod issues); never personal data. */
  readonly details?: Readonly<Record<string, string | number | readonly string[]>>;
};

export function refuse(
  reason: RefusalReason,
  message: RefusalMessage,
  details?: Record<string, string | number | readonly string[]>,
): Refusal {
  return details ? { ok: false, reason, message, details } : { ok: false, reason, message };
}

/** The role check of the table: is this actor's role among those the command allows under these rules? */
export function checkRole(type: CommandType, actor: Actor, rules: WorkflowRules): Refusal | null {
  const allowed = resolveRoles(transitions[type].roles, rules);
  if (allowed.includes(actor.role)) return null;
  return refuse('wrong_role', 'role_not_allowed', { role: actor.role, allowed });
}

/** The status check of the table. */
export function checkStatus(type: CommandType, state: IncidentState): Refusal | null {
  const from: readonly string[] = transitions[type].from;
  if (from.includes(state.status)) return null;
  return refuse('wrong_state', 'status_not_allowed', { status: state.status, allowed: from });
}

/**
 * The person check: only for executors, and payload-free, so the bot can
 * use it to decide which buttons to show (see `availableCommands`).
 */
export function checkAssignment(type: CommandType, state: IncidentState, actor: Actor): Refusal | null {
  if (actor.role !== 'executor') return null;
  const routing = state.routing;
  if (!routing || !routing.departments.includes(actor.department)) {
    return refuse('not_assigned', 'not_routed_to_department', { department: actor.department });
  }
  const holder = state.assignees[actor.department];
  const heldByOther = holder !== undefined && holder !== actor.userId;
  switch (type) {
    case 'take':
      if (holder === undefined) return null;
      return heldByOther ? refuse('not_assigned', 'taken_by_other') : refuse('invalid', 'already_taken');
    case 'return':
      return heldByOther ? refuse('not_assigned', 'taken_by_other') : null;
    case 'submit_part':
      if (actor.department === routing.responsible) return refuse('not_assigned', 'responsible_writes_draft');
      return heldByOther ? refuse('not_assigned', 'taken_by_other') : null;
    case 'start_draft':
    case 'submit_draft':
    case 'mark_published':
    case 'request_extension':
      if (actor.department !== routing.responsible) return refuse('not_assigned', 'not_responsible');
      // Drafting starts only after the responsible department was taken, so a holder exists here.
      return holder === actor.userId ? null : refuse('not_assigned', 'taken_by_other');
    // Executors issue none of these (the table refuses them first); nothing more to check.
    case 'triage':
    case 'reject':
    case 'forward':
    case 'rate':
    case 'route':
    case 'appoint_responsible':
    case 'approve':
    case 'send_to_rework':
    case 'author_replied':
    case 'link_repeat':
    case 'author_message':
    case 'citizen_reaction':
    case 'close':
    case 'reopen':
    case 'reassign':
    case 'remove_executor':
    case 'grant_extension':
    case 'refuse_extension':
    case 'agree_term':
    case 'mark_success':
    case 'unmark_success':
      return null;
    default: {
      const never: never = type;
      throw new Error(`unknown command ${String(never)}`);
    }
  }
}

import { commandSchema, type Command, type CommandInput } from './commands.js';
import type { EventData, EventType, IncidentEvent } from './events.js';
import { checkAssignment, checkRole, checkStatus, refuse, type Refusal } from './guards.js';
import { actorSchema, type Actor, type WorkflowRules } from './roles.js';
import { importances } from './commands.js';
import { actingDepartments, currentDraft, extendedDays, isClockPaused, type IncidentState } from './state.js';
import { transitions } from './transitions.js';

export type Decision = { readonly ok: true; readonly events: IncidentEvent[] } | Refusal;

/**
 * Decides what a command does to an incident: one event, or a refusal that
 * says why. Pure: `now` is the instant the shell stamps on the event.
 *
 * Checks run in a fixed order, so a command that fails several is refused
 * for the first: invalid command/actor → stale version → role → status →
 * the person (their department, who took it) → the payload against the state.
 */
export function decide(state: IncidentState, input: CommandInput, actor: Actor, rules: WorkflowRules, now: Date): Decision {
  if (Number.isNaN(now.getTime())) throw new TypeError('decide: now is an invalid Date');
  const parsed = commandSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(command)'}: ${i.message}`);
    return refuse('invalid', 'invalid_command', { issues });
  }
  const who = actorSchema.safeParse(actor);
  if (!who.success) return refuse('invalid', 'invalid_actor');
  const command = parsed.data;
  const by = who.data;

  if (command.expectedVersion !== state.version) {
    return refuse('stale_version', 'stale_version', { expected: command.expectedVersion, actual: state.version });
  }
  const refusal = checkRole(command.type, by, rules) ?? checkStatus(command.type, state) ?? checkAssignment(command.type, state, by);
  if (refusal) return refusal;

  const emit: Emit = (type, data) => ({
    ok: true,
    events: [{ type, data, version: state.version + 1, at: now, actor: by } as IncidentEvent],
  });
  return decideCommand(state, command, by, rules, emit);
}

type Emit = <T extends EventType>(type: T, data: EventData<T>) => Decision;

function decideCommand(state: IncidentState, command: Command, actor: Actor, rules: WorkflowRules, emit: Emit): Decision {
  switch (command.type) {
    case 'triage':
      // The profile's levels only: a level it does not know would count by the normal timers unseen.
      if (!(rules.importanceLevels ?? (importances as readonly string[])).includes(command.importance)) {
        return refuse('invalid', 'unknown_importance', { levels: rules.importanceLevels ?? importances });
      }
      return emit(transitions.triage.event, {
        topics: command.topics,
        location: command.location,
        importance: command.importance,
        sociallySignificant: command.sociallySignificant,
      });
    case 'reject':
      // A closed list per profile: a reason the regulation does not name is refused, whatever the card offered.
      if (rules.rejectReasons && !rules.rejectReasons.includes(command.reason)) {
        return refuse('invalid', 'reason_not_in_profile', { reason: command.reason, allowed: rules.rejectReasons });
      }
      return emit(transitions.reject.event, { reason: command.reason, note: command.note ?? null });
    case 'forward':
      return emit(transitions.forward.event, {
        body: { id: command.body.id ?? null, name: command.body.name },
        reason: command.reason,
        replyToCitizen: rules.forwardReply ?? false,
      });
    case 'rate':
      if (!rules.ratings) return refuse('invalid', 'ratings_off');
      // The same button or reply seen twice (a webhook retry) is one rating.
      if (state.ratingKeys.includes(command.sourceKey)) return refuse('invalid', 'already_rated');
      return emit(transitions.rate.event, { score: command.score, sourceKey: command.sourceKey });
    case 'route': {
      const responsible = routeResponsible(command, actor, rules);
      if (typeof responsible === 'object' && responsible !== null) return responsible;
      return emit(transitions.route.event, {
        departments: command.departments,
        responsible,
        order: command.order ?? null,
      });
    }
    case 'appoint_responsible': {
      const routing = state.routing!;
      if (!routing.departments.includes(command.department)) return refuse('invalid', 'department_not_routed');
      if (routing.responsible === command.department) return refuse('invalid', 'already_responsible');
      return emit(transitions.appoint_responsible.event, { department: command.department, previous: routing.responsible });
    }
    case 'take':
      return emit(transitions.take.event, { department: executorDepartment(actor), executorId: executorId(actor) });
    case 'return':
      return emit(transitions.return.event, { department: executorDepartment(actor), note: command.note });
    case 'submit_part':
      return emit(transitions.submit_part.event, {
        department: executorDepartment(actor),
        text: command.text,
        attachments: command.attachments,
      });
    case 'start_draft':
      return emit(transitions.start_draft.event, { department: executorDepartment(actor) });
    case 'submit_draft':
      if (command.kind === 'interim') {
        if (!rules.interimAllowed) return refuse('invalid', 'interim_not_allowed');
        if (state.interimPublishedAt !== null) return refuse('invalid', 'interim_already_published');
      }
      return emit(transitions.submit_draft.event, {
        draft: state.drafts.length + 1,
        kind: command.kind,
        text: command.text,
        attachments: command.attachments,
        photoExpected: command.photoExpected,
        department: executorDepartment(actor),
      });
    case 'approve': {
      const draft = currentDraft(state)!;
      const edited = command.editedText !== undefined && command.editedText !== draft.text ? command.editedText : null;
      // kamchatka 2.5: an answer carries a photo unless the approver says it could not be had.
      const photo = draft.attachments.some((a) => a.kind === 'photo');
      if (rules.photoRequired && draft.kind === 'answer' && !photo && command.withoutPhoto === undefined) return refuse('invalid', 'photo_required');
      return emit(transitions.approve.event, {
        draft: draft.number,
        editedText: edited,
        ...(command.withoutPhoto !== undefined && !photo ? { withoutPhoto: command.withoutPhoto } : {}),
      });
    }
    case 'send_to_rework':
      return emit(transitions.send_to_rework.event, { draft: currentDraft(state)!.number, comment: command.comment });
    case 'mark_published': {
      const draft = currentDraft(state)!;
      return emit(transitions.mark_published.event, {
        draft: draft.number,
        kind: draft.kind,
        messageId: command.messageId ?? null,
        link: command.link ?? null,
        pausesClock: draft.kind === 'clarification' && rules.clarificationPausesClock,
      });
    }
    case 'author_replied':
      return emit(transitions.author_replied.event, {
        text: command.text ?? null,
        messageId: command.messageId ?? null,
        resumesClock: isClockPaused(state),
      });
    case 'link_repeat':
      if (command.earlierIncidentId === state.incidentId) return refuse('invalid', 'self_link');
      // Incident numbers grow with registration, so one handled before has a smaller number.
      if (command.earlierIncidentId > state.incidentId) return refuse('invalid', 'not_earlier');
      if (command.earlierIncidentId === state.repeatOf) return refuse('invalid', 'already_linked');
      return emit(transitions.link_repeat.event, { earlierIncidentId: command.earlierIncidentId });
    case 'author_message':
      return emit(transitions.author_message.event, {
        change: command.change,
        sourceKey: command.sourceKey,
        text: command.text ?? null,
        previousText: command.previousText ?? null,
        deletedBy: command.deletedBy ?? null,
      });
    case 'citizen_reaction':
      return emit(transitions.citizen_reaction.event, { kind: command.kind, byAuthor: command.byAuthor, sourceKey: command.sourceKey });
    case 'close':
      return emit(transitions.close.event, { outcome: command.outcome });
    case 'reopen':
      return emit(transitions.reopen.event, { cause: command.cause, note: command.note ?? null });
    case 'reassign': {
      const routing = state.routing!;
      if (!routing.departments.includes(command.department)) return refuse('invalid', 'department_not_routed');
      const previous = state.assignees[command.department] ?? null;
      if (previous === command.executorId) return refuse('invalid', 'already_assigned');
      return emit(transitions.reassign.event, {
        department: command.department,
        executorId: command.executorId,
        previousExecutorId: previous,
      });
    }
    case 'remove_executor': {
      // Only where their work is awaited; elsewhere (a part already in, a department nobody took) nothing waits for them.
      const acting = actingDepartments(state, command.executorId);
      if (acting.length === 0) return refuse('invalid', 'not_holding');
      const released = Object.entries(state.assignees).filter(([, user]) => user === command.executorId).map(([d]) => d);
      const responsible = state.routing?.responsible ?? null;
      const returnedToCurator = responsible !== null && acting.includes(responsible);
      return emit(transitions.remove_executor.event, {
        executorId: command.executorId,
        name: command.name,
        cause: command.cause,
        released,
        department: returnedToCurator ? responsible : acting[0]!,
        returnedToCurator,
      });
    }
    case 'request_extension': {
      const extension = ruleOf(rules.extension);
      if (state.extensionRequest) return refuse('invalid', 'extension_pending');
      if (extendedDays(state) >= extension.maxDays) return refuse('invalid', 'extension_exhausted', { maxDays: extension.maxDays });
      return emit(transitions.request_extension.event, { department: executorDepartment(actor), reason: command.reason });
    }
    case 'grant_extension': {
      const extension = ruleOf(rules.extension);
      if (!state.extensionRequest) return refuse('invalid', 'no_extension_request');
      const left = extension.maxDays - extendedDays(state);
      if (command.days > left) return refuse('invalid', 'extension_too_long', { left });
      return emit(transitions.grant_extension.event, { days: command.days, totalDays: extendedDays(state) + command.days });
    }
    case 'refuse_extension':
      if (!state.extensionRequest) return refuse('invalid', 'no_extension_request');
      return emit(transitions.refuse_extension.event, { note: command.note ?? null });
    case 'agree_term': {
      const term = ruleOf(rules.agreedTerm);
      const level = state.triage?.importance ?? 'normal';
      if (term.levels && !term.levels.includes(level)) return refuse('invalid', 'term_not_for_importance', { levels: term.levels });
      if (command.amount < term.min || command.amount > term.max) {
        return refuse('invalid', 'term_out_of_bounds', { min: term.min, max: term.max, unit: term.unit });
      }
      return emit(transitions.agree_term.event, { timer: term.timer, amount: command.amount, unit: term.unit });
    }
    case 'mark_success':
      return emit(transitions.mark_success.event, { link: command.link });
    case 'unmark_success':
      if (!state.successStory) return refuse('invalid', 'not_success_story');
      return emit(transitions.unmark_success.event, {});
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}

/** Who writes the joint answer, as the route command and the rules say; or why the route is refused. */
function routeResponsible(
  command: Extract<Command, { type: 'route' }>,
  actor: Actor,
  rules: WorkflowRules,
): string | null | Refusal {
  const { departments, order, responsible } = command;
  if (order && (order.length !== departments.length || !order.every((d) => departments.includes(d)))) {
    return refuse('invalid', 'order_mismatch');
  }
  if (responsible !== undefined && !departments.includes(responsible)) return refuse('invalid', 'responsible_not_routed');
  if (departments.length === 1) return departments[0]!;
  if (rules.jointAnswer === 'last_in_order') {
    if (!order) return refuse('invalid', 'order_required');
    const last = order.at(-1)!;
    if (responsible !== undefined && responsible !== last) return refuse('invalid', 'responsible_must_be_last');
    return last;
  }
  if (responsible === undefined) return null;
  if (actor.role !== rules.responsibleSetter) {
    return refuse('wrong_role', 'responsible_set_by_other_role', { setter: rules.responsibleSetter });
  }
  return responsible;
}

/** A rule the role check already required: without it the table gives the command to no one (resolveRole). */
function ruleOf<T>(rule: T | undefined): T {
  if (rule === undefined) throw new Error('the role check let through a command the profile does not provide for');
  return rule;
}

function executorDepartment(actor: Actor): string {
  if (actor.role !== 'executor') throw new Error(`expected an executor, got ${actor.role}`);
  return actor.department;
}

function executorId(actor: Actor): number {
  if (actor.role !== 'executor') throw new Error(`expected an executor, got ${actor.role}`);
  return actor.userId;
}

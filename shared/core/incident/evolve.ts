import type { DetectedEvent, IncidentEvent } from './events.js';
import type { Draft, IncidentState } from './state.js';
import { commandOfEvent, resolveTarget, transitions } from './transitions.js';

/** The incident as ingest registered it. */
export function initialState(event: DetectedEvent): IncidentState {
  if (event.type !== 'incident_detected' || event.version !== 1) {
    throw new Error('a stream starts with incident_detected at version 1');
  }
  return {
    incidentId: event.data.incidentId,
    network: event.data.network,
    status: 'detected',
    statusSince: event.at,
    version: 1,
    detectedAt: event.at,
    triage: null,
    rejection: null,
    forwarding: null,
    routing: null,
    assignees: {},
    parts: {},
    drafts: [],
    returns: [],
    repeatOf: null,
    clockPauses: [],
    interimPublishedAt: null,
    outcome: null,
    reopenings: [],
    removals: [],
    rating: null,
    ratingKeys: [],
    extensionRequest: null,
    extensions: [],
    agreedTerm: null,
    successStory: null,
  };
}

/**
 * Applies one event. Pure: returns a new state and leaves the old one as it
 * was. The status comes from the transition table. An event that does not
 * follow the state's version is a corrupt history, not a refusal: it throws.
 */
export function evolve(state: IncidentState, event: IncidentEvent): IncidentState {
  if (event.version !== state.version + 1) {
    throw new Error(`event version ${event.version} does not follow incident version ${state.version}`);
  }
  const after = { ...applyData(state, event), version: event.version };
  const command = commandOfEvent[event.type];
  if (!command) throw new Error(`${event.type} does not follow a command`);
  const status = resolveTarget(transitions[command].to, state, after);
  return status === state.status ? after : { ...after, status, statusSince: event.at };
}

/** Replays a whole stream, as loaded from the audit table (oldest first). */
export function replay(events: readonly IncidentEvent[]): IncidentState {
  const [first, ...rest] = events;
  if (first?.type !== 'incident_detected') throw new Error('a stream starts with incident_detected');
  return rest.reduce(evolve, initialState(first));
}

function applyData(state: IncidentState, event: IncidentEvent): IncidentState {
  const { at, actor } = event;
  switch (event.type) {
    case 'incident_detected':
      throw new Error('incident_detected starts a stream; use initialState');
    case 'triaged':
      return { ...state, triage: event.data };
    case 'rejected':
      return { ...state, rejection: { reason: event.data.reason, note: event.data.note, at, by: actor } };
    case 'forwarded':
      return { ...state, forwarding: { ...event.data, at, by: actor } };
    case 'citizen_rated':
      return { ...state, rating: { score: event.data.score, at }, ratingKeys: [...state.ratingKeys, event.data.sourceKey] };
    case 'routed': {
      const { departments, responsible, order } = event.data;
      // Whoever took a department that stays routed keeps it.
      const assignees = Object.fromEntries(Object.entries(state.assignees).filter(([d]) => departments.includes(d)));
      return { ...state, routing: { departments, responsible, order, routedAt: at }, assignees };
    }
    case 'responsible_appointed':
      return { ...state, routing: { ...state.routing!, responsible: event.data.department } };
    case 'taken':
    case 'reassigned':
      return { ...state, assignees: { ...state.assignees, [event.data.department]: event.data.executorId } };
    case 'returned': {
      const { department, note } = event.data;
      // The returning department gave it up; others keep their hold for a re-routing that still includes them.
      const { [department]: _gaveUp, ...assignees } = state.assignees;
      return { ...state, returns: [...state.returns, { department, note, by: actor, at }], assignees };
    }
    case 'part_submitted': {
      const { department, text, attachments } = event.data;
      const parts = [...(state.parts[department] ?? []), { text, attachments, by: actor, at }];
      // Sending a part is taking the department, if nobody had.
      const holder = state.assignees[department] ?? (actor.role === 'executor' ? actor.userId : undefined);
      const assignees = holder === undefined ? state.assignees : { ...state.assignees, [department]: holder };
      return { ...state, parts: { ...state.parts, [department]: parts }, assignees };
    }
    case 'draft_started':
      return state;
    case 'draft_submitted': {
      const { draft, kind, text, attachments, photoExpected, department } = event.data;
      const version: Draft = {
        number: draft,
        kind,
        text,
        attachments,
        photoExpected,
        by: actor,
        department,
        submittedAt: at,
        rework: null,
        approval: null,
        publication: null,
      };
      return { ...state, drafts: [...state.drafts, version] };
    }
    case 'draft_approved':
      return updateDraft(state, event.data.draft, { approval: { editedText: event.data.editedText, by: actor, at } });
    case 'draft_sent_to_rework':
      return updateDraft(state, event.data.draft, { rework: { comment: event.data.comment, by: actor, at } });
    case 'reply_published': {
      const { draft, kind, messageId, link, pausesClock } = event.data;
      const published = updateDraft(state, draft, { publication: { messageId, link, by: actor, at } });
      return {
        ...published,
        interimPublishedAt: kind === 'interim' ? at : state.interimPublishedAt,
        clockPauses: pausesClock ? [...state.clockPauses, { from: at, to: null }] : state.clockPauses,
      };
    }
    case 'clarification_answered':
      return { ...state, clockPauses: endPauses(state, at) };
    case 'repeat_linked':
      return { ...state, repeatOf: event.data.earlierIncidentId };
    case 'author_message_changed':
      return state; // only the card and the audit care; the workflow does not
    case 'citizen_reacted':
      return state; // only the reports care

    case 'closed':
      // A clarification left unanswered must not leave the clock paused forever.
      return { ...state, outcome: event.data.outcome, clockPauses: endPauses(state, at) };
    case 'reopened':
      return {
        ...state,
        outcome: null,
        interimPublishedAt: null,
        reopenings: [...state.reopenings, { cause: event.data.cause, note: event.data.note, at, by: actor }],
        // Terms are the life's own: the reopened message is counted afresh.
        extensionRequest: null,
        extensions: [],
        agreedTerm: null,
      };
    case 'executor_removed': {
      const { released, department, returnedToCurator, executorId, name, cause } = event.data;
      const assignees = Object.fromEntries(Object.entries(state.assignees).filter(([d]) => !released.includes(d)));
      const removals = [...state.removals, { executorId, name, cause, departments: released, returnedToCurator, at }];
      if (!returnedToCurator) return { ...state, assignees, removals };
      // Shown on the curators' card like an executor's own return, with who was dismissed instead of a note.
      const note = { department, note: '', by: actor, at, removed: { executorId, name, cause } };
      return { ...state, assignees, removals, returns: [...state.returns, note] };
    }
    case 'extension_requested':
      return { ...state, extensionRequest: { department: event.data.department, reason: event.data.reason, at, by: actor } };
    case 'extension_granted': {
      const reason = state.extensionRequest?.reason ?? '';
      return { ...state, extensionRequest: null, extensions: [...state.extensions, { days: event.data.days, reason, at, by: actor }] };
    }
    case 'extension_refused':
      return { ...state, extensionRequest: null };
    case 'success_marked':
      return { ...state, successStory: { link: event.data.link, at, by: actor } };
    case 'success_unmarked':
      return { ...state, successStory: null };
    case 'term_agreed':
      return { ...state, agreedTerm: { timer: event.data.timer, amount: event.data.amount, unit: event.data.unit, at, by: actor } };
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

function updateDraft(state: IncidentState, number: number, change: Partial<Draft>): IncidentState {
  if (!state.drafts[number - 1]) throw new Error(`draft ${number} does not exist`);
  return { ...state, drafts: state.drafts.map((d) => (d.number === number ? { ...d, ...change } : d)) };
}

function endPauses(state: IncidentState, at: Date): IncidentState['clockPauses'] {
  return state.clockPauses.map((p) => (p.to === null ? { ...p, to: at } : p));
}

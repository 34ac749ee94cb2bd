import { deepStrictEqual } from 'node:assert/strict';
import type { CommandInput } from '../../shared/core/incident/commands.js';
import { decide, type Decision } from '../../shared/core/incident/decide.js';
import { detectedEvent, type EventData, type EventType, type IncidentEvent } from '../../shared/core/incident/events.js';
import { evolve, replay } from '../../shared/core/incident/evolve.js';
import type { Refusal, RefusalMessage, RefusalReason } from '../../shared/core/incident/guards.js';
import type { Actor, WorkflowRules } from '../../shared/core/incident/roles.js';
import { isClockPaused, responsibleExecutor, type IncidentState } from '../../shared/core/incident/state.js';
import { isStatus, workStatuses, type Status } from '../../shared/core/incident/status.js';
import { workStatus } from '../../shared/core/incident/transitions.js';

/**
 * Test support for the domain, in emmett's given / when / then style, with
 * no mocks: `given(history).when(actor, command).then(events)`, and a
 * `Scenario` that plays a whole path. Not part of the public API.
 */

/** The workflow rules of each seed profile, as the profile engine should map them (clauses in regulations.md). */
export const profileRules = {
  // п.12 curator approves; п.16.1/4 the curator sets the order and names who writes the joint answer; п.14 the curator publishes;
  // п.8 the curator may set a shortened term.
  'zavitinsk-2020': rules({ approver: 'curator', responsibleSetter: 'curator', publisher: 'curator', agreedTerm: shortened('curator', 7), partsOrdered: true, partsTo: 'curator' }),
  // п.12 curator approves; п.6, п.10 the executor places answers and clarifications; п.10 a clarification pauses the clock.
  'kislovodsk-2020': rules({ approver: 'curator', publisher: 'executor', clarificationPausesClock: true }),
  // п.13–14 the head approves; п.19.1 the head names the responsible executor; п.16 the curator publishes; п.10 high importance;
  // п.18 the head may shorten the term (of a normal message: a high one has its 4 hours).
  'sobolevo-2021': rules({
    approver: 'head',
    responsibleSetter: 'head',
    publisher: 'curator',
    agreedTerm: { ...shortened('head', 7), levels: ['normal'] },
    // п.23: success stories covered in the media are counted.
    successStories: true,
  }),
  // п.11 curator approves; п.15 the last executor in the curator's order writes the joint answer; п.13 the executor publishes;
  // п.7 the curator may set a shortened term.
  'ivanovo-2020': rules({ approver: 'curator', jointAnswer: 'last_in_order', publisher: 'executor', agreedTerm: shortened('curator', 8), partsOrdered: true, partsTo: 'curator' }),
  // п.8 curator approves; п.10 the approved answer is placed (by the curator's office).
  // п.12 parts in the order управление делами sets, to its authorised person (who acts as curator).
  'severny-2022': rules({ approver: 'curator', publisher: 'curator', partsOrdered: true, partsTo: 'curator' }),
  // п.11 curator approves; п.14.1 the curator names the responsible executor; п.10.1–10.2 two fast-track categories.
  'severny-pos-2022': rules({ approver: 'curator', responsibleSetter: 'curator', publisher: 'curator', importanceLevels: ['normal', 'high', 'local-fast'] }),
  // 2.4 the head approves; 2.5 the executor publishes, no interim answer, and may ask the coordinator (the curators) for up to
  // 8 days more; 2.6 fast-track ("high") messages get 1–3 days agreed with the coordinator.
  'kamchatka-ias-2021': rules({
    approver: 'head',
    publisher: 'executor',
    interimAllowed: false,
    photoRequired: true,
    extension: { grantedBy: 'curator', maxDays: 8 },
    agreedTerm: { setBy: 'curator', unit: 'days', min: 1, max: 3, timer: 'answer', levels: ['high'] },
  }),
} as const satisfies Record<string, WorkflowRules>;

/** A shortened answer term in working hours, below the profile's own. */
function shortened(setBy: 'curator' | 'head', max: number) {
  return { setBy, unit: 'hours' as const, min: 1, max, timer: 'answer' };
}

export type ProfileId = keyof typeof profileRules;

function rules(overrides: Partial<WorkflowRules>): WorkflowRules {
  return {
    approver: 'curator',
    responsibleSetter: 'curator',
    jointAnswer: 'appointed',
    publisher: 'curator',
    clarificationPausesClock: false,
    interimAllowed: true,
    importanceLevels: ['normal', 'high'],
    partsOrdered: false,
    partsTo: 'responsible',
    photoRequired: false,
    ...overrides,
  };
}

/** The people of the test organisation. Departments: roads, housing, parks. */
export const people = {
  curator: { role: 'curator', userId: 1 },
  head: { role: 'head', userId: 2 },
  duty: { role: 'duty', userId: 3 },
  admin: { role: 'admin', userId: 4 },
  system: { role: 'system' },
  citizen: { role: 'citizen' },
  roads: { role: 'executor', userId: 101, department: 'roads' },
  housing: { role: 'executor', userId: 102, department: 'housing' },
  parks: { role: 'executor', userId: 103, department: 'parks' },
  // A second executor of the roads department, for substitutes and "taken by someone else".
  roads2: { role: 'executor', userId: 105, department: 'roads' },
} as const satisfies Record<string, Actor>;

/** A command as tests write it: `expectedVersion` defaults to the incident's current version. */
export type TestCommand = CommandInput extends infer C
  ? C extends { expectedVersion: number }
    ? Omit<C, 'expectedVersion'> & { expectedVersion?: number }
    : never
  : never;

export const T0 = new Date('2024-03-12T01:00:00Z'); // 10:00 in Blagoveshchensk (Zavitinsk)

export function detected(incidentId = 100, at: Date = T0): IncidentEvent {
  return detectedEvent({ incidentId, network: 'vk', at });
}

function withVersion(state: IncidentState, command: TestCommand): CommandInput {
  return { expectedVersion: state.version, ...command } as CommandInput;
}

/** An expected event: its type and, if given, its exact data. */
export type ExpectedEvent = { [T in EventType]: { type: T; data?: EventData<T> } }[EventType];

export function given(history: readonly IncidentEvent[] | IncidentState, rules: WorkflowRules) {
  const state = Array.isArray(history) ? replay(history) : (history as IncidentState);
  return {
    when(actor: Actor, command: TestCommand, now: Date = new Date(state.statusSince.getTime() + 60_000)) {
      const decision = decide(state, withVersion(state, command), actor, rules, now);
      return {
        decision,
        then(expected: ExpectedEvent[]): IncidentState {
          if (!decision.ok) throw new Error(`expected events, refused: ${describe(decision)}`);
          deepStrictEqual(
            decision.events.map((e) => e.type),
            expected.map((e) => e.type),
          );
          decision.events.forEach((event, i) => {
            const want = expected[i]!;
            if (want.data !== undefined) deepStrictEqual(event.data, want.data);
            deepStrictEqual(event.version, state.version + 1 + i);
            deepStrictEqual(event.at, now);
          });
          return decision.events.reduce(evolve, state);
        },
        thenRefused(reason: RefusalReason, message?: RefusalMessage): Refusal {
          if (decision.ok) throw new Error(`expected a refusal (${reason}), got ${decision.events.map((e) => e.type).join(', ')}`);
          if (decision.reason !== reason || (message !== undefined && decision.message !== message)) {
            throw new Error(`expected refusal ${reason}${message ? `/${message}` : ''}, got ${describe(decision)}`);
          }
          return decision;
        },
      };
    },
  };
}

function describe(refusal: Refusal): string {
  return `${refusal.reason}/${refusal.message} ${JSON.stringify(refusal.details ?? {})}`;
}

/**
 * A whole path played through decide/evolve. Each step is a minute after the
 * previous one unless a time is given; a refused step fails the test.
 */
export class Scenario {
  events: IncidentEvent[];
  state: IncidentState;
  now: Date;

  constructor(
    readonly rules: WorkflowRules,
    start: IncidentEvent = detected(),
  ) {
    this.events = [start];
    this.state = replay(this.events);
    this.now = start.at;
  }

  /** Moves the clock on. */
  after(minutes: number): this {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
    return this;
  }

  decide(actor: Actor, command: TestCommand): Decision {
    this.after(1);
    return decide(this.state, withVersion(this.state, command), actor, this.rules, this.now);
  }

  /** Runs a step that must be accepted; returns its event. */
  run(actor: Actor, command: TestCommand): IncidentEvent {
    const decision = this.decide(actor, command);
    if (!decision.ok) throw new Error(`${command.type} by ${actor.role} refused: ${describe(decision)}`);
    for (const event of decision.events) {
      this.state = evolve(this.state, event);
      this.events.push(event);
    }
    return decision.events[0]!;
  }

  /** Runs a step that must be refused, and checks it changed nothing. */
  refused(actor: Actor, command: TestCommand, reason: RefusalReason, message?: RefusalMessage): Refusal {
    const before = this.state;
    const decision = this.decide(actor, command);
    if (decision.ok) throw new Error(`${command.type} by ${actor.role} accepted, expected ${reason}`);
    if (decision.reason !== reason || (message !== undefined && decision.message !== message)) {
      throw new Error(`${command.type} by ${actor.role}: expected ${reason}${message ? `/${message}` : ''}, got ${describe(decision)}`);
    }
    if (this.state !== before) throw new Error('a refused command changed the state');
    return decision;
  }

  get status(): Status {
    return this.state.status;
  }
}

/**
 * An incident brought to the given status along the usual path with two
 * departments: roads (responsible) and housing (co-executor), each played
 * by the profile's own roles. Used by the table test for every status.
 */
export function reach(status: Status, rules: WorkflowRules): Scenario {
  // Where the profile allows no interim answer (kamchatka-ias-2021) the status is still built, for the table test.
  const s = new Scenario(status === 'published_interim' && !rules.interimAllowed ? { ...rules, interimAllowed: true } : rules);
  const { curator, head, roads, housing, system } = people;
  const approver = rules.approver === 'head' ? head : curator;
  if (status === 'detected') return s;
  s.run(curator, { type: 'triage', topics: ['Дороги'], location: 'Завитинск', importance: 'normal', sociallySignificant: false });
  if (status === 'triaged') return s;
  if (status === 'rejected') {
    s.run(curator, { type: 'reject', reason: 'abuse' });
    return s;
  }
  if (status === 'forwarded') {
    s.run(curator, { type: 'forward', body: { id: 'cur', name: 'ЦУР' }, reason: 'Вне компетенции' });
    return s;
  }
  s.run(curator, routeBoth(rules));
  if (rules.jointAnswer === 'appointed' && rules.responsibleSetter === 'head') {
    s.run(head, { type: 'appoint_responsible', department: 'roads' });
  }
  if (status === 'routed') return s;
  if (status === 'returned') {
    s.run(roads, { type: 'return', note: 'Вопрос не в нашей компетенции: двор обслуживает УК' });
    return s;
  }
  s.run(roads, { type: 'take' });
  if (status === 'awaiting_parts') return s;
  s.run(housing, { type: 'submit_part', text: 'Подрядчик выйдет на объект в четверг.', attachments: [] });
  if (status === 'in_work') return s;
  s.run(roads, { type: 'start_draft' });
  if (status === 'drafting') return s;

  const kind = status === 'published_interim' ? 'interim' : status === 'awaiting_clarification' ? 'clarification' : 'answer';
  // Where a photo is mandatory (kamchatka 2.5) the answer carries one.
  const attachments = rules.photoRequired ? [{ kind: 'photo' as const, fileId: 'photo-1' }] : [];
  s.run(roads, { type: 'submit_draft', kind, text: 'Здравствуйте! Яма на ул. Ленина будет заделана до пятницы.', attachments });
  if (status === 'on_approval') return s;
  if (status === 'rework') {
    s.run(approver, { type: 'send_to_rework', comment: 'Укажите точную дату' });
    return s;
  }
  s.run(approver, { type: 'approve' });
  if (status === 'approved') return s;
  s.run(system, { type: 'mark_published', messageId: 'vk-reply-1' });
  if (status === 'published_interim' || status === 'awaiting_clarification' || status === 'answered') return s;
  s.run(curator, { type: 'close', outcome: 'resolved' });
  if (status === 'closed') return s;
  throw new Error(`reach: no path to ${status}`);
}

/** Routes to roads (responsible) and housing, in the form the rules ask for. */
export function routeBoth(rules: WorkflowRules): TestCommand {
  if (rules.jointAnswer === 'last_in_order') return { type: 'route', departments: ['roads', 'housing'], order: ['housing', 'roads'] };
  if (rules.responsibleSetter === 'curator') return { type: 'route', departments: ['roads', 'housing'], responsible: 'roads' };
  return { type: 'route', departments: ['roads', 'housing'] };
}

/** What must hold in every state the workflow can produce; a list of what does not. */
export function invariantViolations(state: IncidentState): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const { status, routing, drafts } = state;
  const draft = drafts.at(-1);
  check(isStatus(status), `status ${String(status)} is not a status`);
  check(Number.isInteger(state.version) && state.version >= 1, 'version is a positive integer');
  check(drafts.every((d, i) => d.number === i + 1), 'drafts are numbered 1..n');
  check(state.clockPauses.filter((p) => p.to === null).length <= 1, 'at most one open pause');
  check(!isClockPaused(state) || status === 'awaiting_clarification', 'the clock is paused only while awaiting clarification');
  check(Object.keys(state.assignees).every((d) => routing?.departments.includes(d) ?? false), 'only routed departments are held');
  check(status !== 'rejected' || state.rejection !== null, 'a rejection keeps its reason');
  check(status !== 'forwarded' || state.forwarding !== null, 'a forwarding keeps its body and reason');
  check(status !== 'closed' || state.outcome !== null, 'a closed incident has an outcome');
  check(status !== 'returned' || state.returns.length > 0, 'a return keeps its note');
  check(status !== 'detected' || routing === null, 'nothing is routed at detection');
  check(['detected', 'triaged', 'rejected', 'forwarded'].includes(status) || routing !== null, 'routed from routing on');
  check(!(workStatuses as readonly Status[]).includes(status) || status === workStatus(state), 'work statuses follow holders and parts');
  if (['drafting', 'on_approval', 'rework', 'approved', 'published_interim', 'awaiting_clarification'].includes(status)) {
    check(responsibleExecutor(state) !== null, 'a responsible executor holds a drafted incident');
  }
  check(status !== 'on_approval' || (draft !== undefined && draft.approval === null && draft.rework === null), 'a fresh draft awaits approval');
  check(status !== 'rework' || draft?.rework != null, 'rework keeps its comment');
  check(status !== 'approved' || (draft?.approval != null && draft.publication === null), 'an approved draft awaits publication');
  check(status !== 'answered' || (draft?.kind === 'answer' && draft.publication !== null), 'an answer is out');
  check(status !== 'published_interim' || (draft?.kind === 'interim' && state.interimPublishedAt !== null), 'an interim is out');
  check(status !== 'awaiting_clarification' || (draft?.kind === 'clarification' && draft.publication !== null), 'a clarification is out');
  return problems;
}

/** Freezes a value and everything in it, so that any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { parseEvent, serializeEvent, type IncidentEvent } from './events.js';
import { evolve, replay } from './evolve.js';
import { refusalMessages, type RefusalMessage } from './guards.js';
import { resolveRoles, workflowRulesSchema, type Actor, type WorkflowRules } from './roles.js';
import type { IncidentState } from './state.js';
import { statuses, type Status } from './status.js';
import { deepFreeze, detected, invariantViolations, people, profileRules, type TestCommand } from '../../../test/kit/incident.js';
import { transitions } from './transitions.js';

const actors: Actor[] = Object.values(people);

// Concrete commands, valid and not, covering each command's variants.
const pool: TestCommand[] = [
  { type: 'triage', topics: ['Дороги'], location: 'Завитинск', importance: 'normal', sociallySignificant: false },
  { type: 'triage', topics: ['ЖКХ', 'Отопление'], location: 'с. Иваново', importance: 'high', sociallySignificant: true },
  { type: 'reject', reason: 'abuse' },
  { type: 'reject', reason: 'other', note: 'Реклама' },
  { type: 'forward', body: { id: 'cur', name: 'ЦУР' }, reason: 'Вне компетенции' },
  { type: 'rate', score: 5, sourceKey: 'r1' },
  { type: 'rate', score: 2, sourceKey: 'r2' },
  { type: 'route', departments: ['roads'] },
  { type: 'route', departments: ['housing'] },
  { type: 'route', departments: ['roads', 'housing'], responsible: 'roads' },
  { type: 'route', departments: ['roads', 'housing'] },
  { type: 'route', departments: ['roads', 'housing', 'parks'], order: ['parks', 'housing', 'roads'] },
  { type: 'route', departments: ['roads', 'housing'], order: ['roads', 'housing'], responsible: 'roads' },
  { type: 'route', departments: ['roads', 'housing'], order: ['roads', 'parks'] },
  { type: 'route', departments: ['roads'], responsible: 'parks' },
  { type: 'appoint_responsible', department: 'roads' },
  { type: 'appoint_responsible', department: 'housing' },
  { type: 'take' },
  { type: 'return', note: 'Не наш вопрос' },
  { type: 'return', note: '  ' },
  { type: 'submit_part', text: 'Часть ответа' },
  { type: 'start_draft' },
  { type: 'submit_draft', kind: 'answer', text: 'Здравствуйте! Сделано.' },
  { type: 'submit_draft', kind: 'answer', text: 'Сделано.', attachments: [{ kind: 'photo', fileId: 'p1' }], photoExpected: true },
  { type: 'submit_draft', kind: 'interim', text: 'Работаем.' },
  { type: 'submit_draft', kind: 'clarification', text: 'Уточните адрес.' },
  { type: 'approve' },
  { type: 'approve', editedText: 'Здравствуйте! Исправлено куратором.' },
  { type: 'send_to_rework', comment: 'Добавьте срок' },
  { type: 'mark_published', messageId: 'vk-1' },
  { type: 'mark_published', link: 'https://ok.ru/x' },
  { type: 'author_replied', text: 'Дом 5' },
  { type: 'link_repeat', earlierIncidentId: 5 },
  { type: 'link_repeat', earlierIncidentId: 100 },
  { type: 'link_repeat', earlierIncidentId: 500 },
  { type: 'close', outcome: 'resolved' },
  { type: 'close', outcome: 'in_progress' },
  { type: 'reopen', cause: 'repeat' },
  { type: 'reopen', cause: 'author_disagreed', note: 'Не согласен' },
  { type: 'reassign', department: 'roads', executorId: people.roads2.userId },
  { type: 'reassign', department: 'roads', executorId: people.roads.userId },
  { type: 'reassign', department: 'housing', executorId: people.housing.userId },
  { type: 'remove_executor', executorId: people.roads.userId, name: 'Петров Пётр', cause: 'revoked' },
  { type: 'remove_executor', executorId: people.housing.userId, name: 'Иванова Анна', cause: 'left_staff' },
];

// Terms: a level some profiles lack, extensions asked, granted beyond the limit and refused, terms in and out of bounds.
const termsPool: TestCommand[] = [
  { type: 'triage', topics: ['Дороги'], location: 'Завитинск', importance: 'local-fast', sociallySignificant: false },
  { type: 'request_extension', reason: 'Ждём подрядчика' },
  { type: 'grant_extension', days: 8 },
  { type: 'grant_extension', days: 30 },
  { type: 'refuse_extension' },
  { type: 'agree_term', amount: 1 },
  { type: 'agree_term', amount: 12 },
];

const termMessages: readonly RefusalMessage[] = [
  'unknown_importance',
  'extension_pending',
  'no_extension_request',
  'extension_exhausted',
  'extension_too_long',
  'term_out_of_bounds',
  'term_not_for_importance',
];

const everyCommand = [...pool, ...termsPool];

const rulesArb: fc.Arbitrary<WorkflowRules> = fc.oneof(
  // The presets' rules, and one with a mandatory photo as kamchatka-ias-2021 2.5 has.
  fc.constantFrom(...Object.values(profileRules), { ...profileRules['zavitinsk-2020'], photoRequired: true }),
  fc.record({
    approver: fc.constantFrom('curator', 'head'),
    responsibleSetter: fc.constantFrom('curator', 'head'),
    jointAnswer: fc.constantFrom('appointed', 'last_in_order'),
    publisher: fc.constantFrom('curator', 'executor'),
    clarificationPausesClock: fc.boolean(),
    interimAllowed: fc.boolean(),
    rejectReasons: fc.constantFrom(['obscenity', 'threat'] as const, ['harm_intent', 'other'] as const).map((l) => [...l]),
    ratings: fc.boolean(),
    forwardReply: fc.boolean(),
  }, { requiredKeys: ['approver', 'responsibleSetter', 'jointAnswer', 'publisher', 'clarificationPausesClock', 'interimAllowed'] }),
);

// Profiles with their own levels, extensions and agreed terms (the seeds' own, and made-up ones).
const termsRulesArb: fc.Arbitrary<WorkflowRules> = fc.oneof(
  fc.constantFrom(profileRules['kamchatka-ias-2021'], profileRules['severny-pos-2022']),
  fc.record({
    approver: fc.constantFrom('curator', 'head'),
    responsibleSetter: fc.constantFrom('curator', 'head'),
    jointAnswer: fc.constantFrom('appointed', 'last_in_order'),
    publisher: fc.constantFrom('curator', 'executor'),
    clarificationPausesClock: fc.boolean(),
    interimAllowed: fc.boolean(),
    importanceLevels: fc.constantFrom<string[]>(['normal', 'high'], ['normal', 'high', 'local-fast'], ['normal']),
    extension: fc.constantFrom({ grantedBy: 'curator' as const, maxDays: 8 }, { grantedBy: 'head' as const, maxDays: 5 }),
    agreedTerm: fc.constantFrom(
      { setBy: 'curator' as const, unit: 'hours' as const, min: 1, max: 7, timer: 'answer' },
      { setBy: 'head' as const, unit: 'days' as const, min: 1, max: 3, timer: 'answer', levels: ['high'] as string[] },
    ),
  }),
);

// Most steps pick someone whose role the table allows, so that runs get deep into the workflow.
const stepArb = fc.record({
  command: fc.nat(pool.length - 1),
  actor: fc.nat(actors.length - 1),
  plausible: fc.constantFrom(true, true, true, false),
  versionSkew: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, -1, 1),
  minutes: fc.integer({ min: 0, max: 600 }),
});

type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

/** A plausible step takes a command the table allows from the current status; the rest take any. */
function pickCommand(step: Step, state: IncidentState, commands: readonly TestCommand[]): TestCommand {
  if (!step.plausible) return commands[step.command % commands.length]!;
  const fitting = commands.filter((c) => (transitions[c.type].from as readonly Status[]).includes(state.status));
  return fitting[step.command % Math.max(fitting.length, 1)] ?? commands[step.command % commands.length]!;
}

function pickActor(step: Step, command: TestCommand, rules: WorkflowRules): Actor {
  if (!step.plausible) return actors[step.actor]!;
  const allowed = resolveRoles(transitions[command.type].roles, rules);
  const candidates = actors.filter((a) => allowed.includes(a.role));
  return candidates[step.actor % candidates.length] ?? actors[step.actor]!;
}

type Run = { state: IncidentState; events: IncidentEvent[]; seen: Set<Status>; messages: Set<RefusalMessage> };

// Plain checks: they run tens of thousands of times per test.
function must(ok: boolean, what: string, context?: unknown): void {
  if (!ok) throw new Error(`${what}${context === undefined ? '' : `: ${JSON.stringify(context)}`}`);
}

function play(rules: WorkflowRules, steps: Step[], commands: readonly TestCommand[] = pool): Run {
  let state = deepFreeze(replay([detected()]));
  const events: IncidentEvent[] = [detected()];
  const seen = new Set<Status>([state.status]);
  const messages = new Set<RefusalMessage>();
  let now = state.detectedAt;
  for (const step of steps) {
    const command = pickCommand(step, state, commands);
    const actor = pickActor(step, command, rules);
    now = new Date(now.getTime() + step.minutes * 60_000);
    const before = structuredClone(state);
    const expectedVersion = state.version + step.versionSkew;
    const decision = decide(state, { ...command, expectedVersion } as never, actor, rules, now);

    if (!decision.ok) {
      messages.add(decision.message);
      // A refused command leaves the incident exactly as it was (and it is frozen: no mutation got through).
      must(isDeepStrictEqual(state, before), 'a refusal changed the state', command);
      if (step.versionSkew !== 0 && decision.message !== 'invalid_command') {
        must(decision.reason === 'stale_version', 'a stale command was refused for another reason', decision);
      }
      continue;
    }
    must(step.versionSkew === 0, 'a stale command was accepted', command);
    must(decision.events.length === 1, 'one command, one event');
    const event = decision.events[0]!;
    must(event.version === state.version + 1, 'the event takes the next version');
    // The data survives jsonb, and the row reads back to the same event.
    must(isDeepStrictEqual(JSON.parse(JSON.stringify(event.data)), event.data), 'event data is JSON-safe', event);
    must(isDeepStrictEqual(parseEvent(serializeEvent(event)), event), 'the audit row reads back', event);

    const next = deepFreeze(evolve(state, event));
    must(isDeepStrictEqual(state, before), 'evolve changed the old state');
    must(next.version === state.version + 1, 'the version grows by one');
    const problems = invariantViolations(next);
    must(problems.length === 0, `${event.type} broke invariants`, problems);
    state = next;
    events.push(event);
    seen.add(state.status);
  }
  return { state, events, seen, messages };
}

describe('any sequence of commands', () => {
  it('keeps the incident inside the workflow: one version per accepted command, refusals change nothing', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(stepArb, { minLength: 20, maxLength: 120 }), (rules, steps) => {
        expect(workflowRulesSchema.parse(rules)).toEqual(rules);
        const run = play(rules, steps);
        // The audit replays to the same incident.
        expect(replay(run.events)).toEqual(run.state);
        expect(run.state.version).toBe(run.events.length);
      }),
      { numRuns: Number(process.env.DOMAIN_PROPERTY_RUNS ?? 300) },
    );
  }, 60_000);

  it('explores every status and most refusals (so the property above is not vacuous)', () => {
    const seen = new Set<Status>();
    const messages = new Set<RefusalMessage>();
    fc.assert(
      fc.property(rulesArb, fc.array(stepArb, { minLength: 40, maxLength: 120 }), (rules, steps) => {
        const run = play(rules, steps);
        run.seen.forEach((s) => seen.add(s));
        run.messages.forEach((m) => messages.add(m));
      }),
      { numRuns: 500, seed: 12 },
    );
    expect([...statuses].filter((s) => !seen.has(s))).toEqual([]);
    // invalid_actor needs a malformed actor, which this pool never builds; already_rated the same rating delivered twice
    // after an answer under a profile with ratings, and interim_already_published a second interim draft after one
    // was published (terminal forwarding in the pool cuts most long runs short): rare at random, each tested on its own.
    const alone: RefusalMessage[] = ['invalid_actor', 'already_rated', 'interim_already_published'];
    // not_success_story (unmarking after an answer a story never marked) is tested on its own (decide.test.ts).
    expect(refusalMessages.filter((m) => !messages.has(m) && !alone.includes(m) && !termMessages.includes(m) && m !== 'not_success_story')).toEqual([]);
  }, 60_000);

  it('keeps importance levels, extensions and agreed terms inside the workflow, and explores their refusals', () => {
    const messages = new Set<RefusalMessage>();
    fc.assert(
      fc.property(termsRulesArb, fc.array(stepArb, { minLength: 40, maxLength: 120 }), (rules, steps) => {
        expect(workflowRulesSchema.parse(rules)).toEqual(rules);
        const run = play(rules, steps, everyCommand);
        expect(replay(run.events)).toEqual(run.state);
        expect(run.state.version).toBe(run.events.length);
        run.messages.forEach((m) => messages.add(m));
      }),
      { numRuns: 500, seed: 4 },
    );
    // extension_exhausted needs two grants adding up to the limit and a third request: tested on its own (decide.test.ts).
    expect(termMessages.filter((m) => !messages.has(m) && m !== 'extension_exhausted')).toEqual([]);
  }, 60_000);
});

/**
 * The facts of one incident from its audit events: pure. What the reporting
 * tables hold (shared/flows/reports/store.ts rewrites them after every transition),
 * and what `aggregate` reads.
 *
 * Stage runs come from the working-time engine's own `deadlines(...)`, replayed
 * over every prefix of the history: `deadlines` knows only each timer's latest
 * run, and a stage that runs twice (a second approval after rework, a route
 * after a return) must stay two facts. A run is keyed by (timer, department,
 * start); its last observation wins, so a due moved by an extension or a
 * clarification pause is the due it is judged by. A run that disappears
 * because its timer restarted without stopping (a re-route after a return)
 * is judged by the new run, unless it had already missed its due: then it is
 * a miss ended by the restart. A window (the right to return a message) is a
 * fact only when it was used; stages a rejection cut short are no facts,
 * except the curator's own.
 */
import { evolve, extendedDays, initialState, type DraftKind, type IncidentEvent, type IncidentState } from '../incident/index.js';
import { checkDraft, type PhraseLists } from '../checks/draft-checks.js';
import { deadlines, type Deadline } from '../sla/deadlines.js';
import type { Profile } from '../sla/index.js';
import type { WorkTime } from '../sla/work-time.js';
import type { DraftFact, IncidentFact, StageFact } from './measures.js';

/** The conversational reply limit the draft checks use (shared/staffchat/cards/draft-checks.ts). */
const CONVERSATIONAL_LIMIT = 1500;
const EXCERPT_LENGTH = 140;

export type IncidentFacts = { incident: IncidentFact; stages: StageFact[] };

export type FactsOptions = {
  /** The citizen's message (from the incidents row): the excerpt and link of the top-messages list. */
  message?: { text: string; link: string | null; authorName?: string | null };
  /** The draft checks' phrase lists (shared/platform/wordlists reads the shipped ones). */
  phraseLists: PhraseLists;
  /** Warnings of one draft version; the draft checks with `phraseLists` by default. */
  warnings?: (draft: { text: string; kind: DraftKind; attachments: readonly unknown[]; photoExpected: boolean; isRepeat: boolean }) => number;
};

const EXECUTOR_ROLES = new Set<Deadline['actor']>(['executor', 'responsible', 'co-executor']);

/**
 * Networks whose threads Otklik keeps hearing after the answer (shared/flows/intake/reactions.ts):
 * VK (likes and replies), Telegram, OK and MAX (replies). A message registered by hand tells nothing.
 */
const REACTIONS_HEARD = new Set(['vk', 'telegram', 'ok', 'max']);

type Run = { d: Deadline; state: IncidentState; lastSeen: number };

function defaultWarnings(lists: PhraseLists, authorName: string | null | undefined): NonNullable<FactsOptions['warnings']> {
  return (draft) =>
    checkDraft(
      {
        text: draft.text,
        attachments: draft.attachments as never,
        photoExpected: draft.photoExpected,
        isRepeat: draft.isRepeat,
        maxLength: CONVERSATIONAL_LIMIT,
        ...(authorName ? { authorName } : {}),
      },
      lists,
    ).length;
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= EXCERPT_LENGTH ? one : `${one.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

/** The department that writes the answer as the state stands: the named one, or the last in the order (Ivanovo п.15). */
function responsibleDepartment(state: IncidentState): string | null {
  const r = state.routing;
  if (!r) return null;
  return r.responsible ?? r.order?.at(-1) ?? (r.departments.length === 1 ? r.departments[0]! : null);
}

export function factsOf(events: readonly IncidentEvent[], profile: Profile, workTime: WorkTime, now: Date, opts: FactsOptions): IncidentFacts {
  if (events.length === 0 || events[0]!.type !== 'incident_detected') throw new Error('factsOf: a history starts with incident_detected');
  const first = events[0]!;
  let state = initialState(first as Extract<IncidentEvent, { type: 'incident_detected' }>);
  const states: IncidentState[] = [state];
  for (const e of events.slice(1)) {
    state = evolve(state, e);
    states.push(state);
  }
  const nowMs = now.getTime();

  // Every run of every timer, observed after each event.
  const runs = new Map<string, Run>();
  const superseded = new Map<string, number>();
  let previous = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const prefix = events.slice(0, i + 1);
    const seen = new Set<string>();
    for (const d of deadlines(prefix, profile, workTime, { includeStopped: true })) {
      const key = `${d.timer}|${d.department ?? ''}|${d.startedAt}`;
      seen.add(key);
      runs.set(key, { d, state: states[i]!, lastSeen: i });
    }
    for (const key of previous) if (!seen.has(key) && !superseded.has(key)) superseded.set(key, events[i]!.at.getTime());
    previous = seen;
  }

  const stages: StageFact[] = [];
  const triage = state.triage;
  const common = { incidentId: state.incidentId, network: state.network, topics: triage?.topics ?? [], location: triage?.location ?? null };
  for (const [key, { d, state: at }] of runs) {
    const restartedAt = d.stoppedAt === undefined ? superseded.get(key) : undefined;
    // A restarted stage is judged by its new run; the old one counts only if it had already missed.
    if (restartedAt !== undefined && (d.due === null || d.due >= restartedAt)) continue;
    // A rejection ends the curator's decision; the stages after it were never owed.
    if (d.stoppedAt !== undefined && d.actor !== 'curator' && events.some((e) => e.type === 'rejected' && e.at.getTime() === d.stoppedAt)) continue;
    let endedAt: number | null = d.stoppedAt ?? restartedAt ?? null;
    // A window counts only when used: a return inside it, or a forwarding to the body it belongs to (Severny п.6).
    let returnedBy: Extract<IncidentEvent, { type: 'returned' }> | undefined;
    if (d.kind === 'window') {
      returnedBy = events.find((e): e is Extract<IncidentEvent, { type: 'returned' }> => e.type === 'returned' && e.at.getTime() === d.stoppedAt);
      const forwardedBy = events.some((e) => e.type === 'forwarded' && e.at.getTime() === d.stoppedAt);
      if (!returnedBy && !forwardedBy) continue;
    }
    if (endedAt !== null && endedAt > nowMs) endedAt = null;
    let department: string | null = null;
    let executorId: number | null = null;
    if (returnedBy) {
      department = returnedBy.data.department;
      executorId = 'userId' in returnedBy.actor ? returnedBy.actor.userId : null;
    } else if (d.department !== undefined) {
      department = d.department;
      executorId = at.assignees[department] ?? null;
    } else if (EXECUTOR_ROLES.has(d.actor)) {
      department = responsibleDepartment(at);
      executorId = department ? (at.assignees[department] ?? null) : null;
    }
    const end = endedAt ?? nowMs;
    stages.push({
      ...common,
      department,
      executorId,
      stage: d.timer,
      startedAt: new Date(d.startedAt),
      dueAt: d.due === null ? null : new Date(d.due),
      endedAt: endedAt === null ? null : new Date(endedAt),
      met: endedAt === null || d.due === null ? null : endedAt <= d.due,
      workingMinutes: Math.max(0, workTime.workingMinutesBetween(d.startedAt, end)),
      calendarMinutes: Math.max(0, Math.round((end - d.startedAt) / 60_000)),
    });
  }
  stages.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.stage.localeCompare(b.stage));

  const warnings = opts.warnings ?? defaultWarnings(opts.phraseLists, opts.message?.authorName);
  const drafts: DraftFact[] = state.drafts.map((dr) => ({
    executorId: 'userId' in dr.by ? dr.by.userId : null,
    department: dr.department,
    kind: dr.kind,
    submittedAt: dr.submittedAt,
    warnings: warnings({ text: dr.text, kind: dr.kind, attachments: dr.attachments, photoExpected: dr.photoExpected, isRepeat: state.repeatOf !== null }),
    result: dr.approval ? 'approved' : dr.rework ? 'rework' : 'pending',
  }));

  const published = events.filter((e): e is Extract<IncidentEvent, { type: 'reply_published' }> => e.type === 'reply_published');
  const firstPub = published[0];
  const answers = published.filter((e) => e.data.kind === 'answer');
  const closed = state.status === 'closed' ? events.findLast((e) => e.type === 'closed') : undefined;
  const answeredAt = answers.at(-1)?.at ?? null;
  const reactions = events.filter((e): e is Extract<IncidentEvent, { type: 'citizen_reacted' }> => e.type === 'citizen_reacted');
  const heard = REACTIONS_HEARD.has(state.network);
  const incident: IncidentFact = {
    ...common,
    receivedAt: state.detectedAt,
    rejected: state.status === 'rejected',
    forwardedTo: state.status === 'forwarded' ? (state.forwarding?.body.name ?? null) : null,
    rating: state.rating?.score ?? null,
    sociallySignificant: triage?.sociallySignificant ?? false,
    repeatOf: state.repeatOf,
    firstReply: firstPub ? { at: firstPub.at, workingMinutes: workTime.workingMinutesBetween(state.detectedAt, firstPub.at) } : null,
    interimAt: published.find((e) => e.data.kind === 'interim')?.at ?? null,
    answeredAt,
    returns: state.returns.map((r) => ({ department: r.department, at: r.at })),
    drafts,
    closedAt: closed?.at ?? null,
    outcome: state.status === 'closed' ? state.outcome : null,
    // Others' likes and replies to the citizen's message and to our replies.
    engagement: heard ? reactions.filter((r) => !r.data.byAuthor).length : null,
    // The author's like or reply at or after the final answer (a like of an interim reply before it is no reaction to the answer).
    reacted: heard ? answeredAt !== null && reactions.some((r) => r.data.byAuthor && r.at >= answeredAt) : null,
    excerpt: opts.message ? shorten(opts.message.text) : `№${state.incidentId}`,
    link: opts.message?.link ?? answers.at(-1)?.data.link ?? null,
    extendedDays: extendedDays(state),
    agreedTerm: state.agreedTerm !== null,
    successStory: state.successStory ? { at: state.successStory.at, link: state.successStory.link } : null,
  };
  return { incident, stages };
}

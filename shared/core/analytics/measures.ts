/**
 * The measures of a periodic report, computed from facts: pure, no I/O, no
 * clock (the "now" of "overdue now" comes in as `asOf`). The facts are what a
 * reporting table fed by the audit events holds; this module neither reads
 * nor writes it, so a report is testable with a list of literals.
 *
 * Period membership: every instant is tested against the half-open interval
 * [period.from, period.to). What falls in the period:
 * - received, rejected, repeats, socially significant: incidents received in it;
 * - on time: stages that ended in it, plus stages still open whose due fell in
 *   it before `asOf` (a stage that never ended is a miss, not a gap);
 * - first public reply: replies published in it;
 * - interim share and citizens' reactions: final answers published in it;
 * - returns: returns made in it; drafts, warnings, rework: drafts submitted in it;
 * - outcomes: incidents closed in it;
 * - overdue now: every stage open at `asOf` whose due has passed, whenever it started.
 */
import { DateTime } from 'luxon';
import type { DraftKind, Outcome } from '../incident/index.js';
import { outcomes } from '../incident/index.js';

// ---------------------------------------------------------------- facts

/**
 * One run of one timer of one incident: a row of the reporting table. A stage
 * that runs twice (reopened, a second rework) is two facts.
 */
export type StageFact = {
  incidentId: number;
  network: string;
  topics: readonly string[];
  location: string | null;
  /** The department that had to act; null for the curator's and approver's stages. */
  department: string | null;
  /** The executor who had to act (Telegram id), when one had taken it. */
  executorId: number | null;
  /** The profile's timer id: route, return, draft, approval, rework, publish, answer, final… */
  stage: string;
  startedAt: Date;
  /** Null while the clock is paused (a clarification under a pausing profile): not judged. */
  dueAt: Date | null;
  /** Null while the stage runs. */
  endedAt: Date | null;
  /**
   * Whether it ended by its due (extensions and pauses already applied); null
   * while it runs. The feeder emits a `return` window fact only when a return
   * happened: a right that lapses unused is not a miss.
   */
  met: boolean | null;
  /** Working minutes from start to end (or to the feeder's "now" while it runs). */
  workingMinutes: number;
  calendarMinutes: number;
};

/** One submitted draft version. */
export type DraftFact = {
  executorId: number | null;
  department: string | null;
  kind: DraftKind;
  submittedAt: Date;
  /** Warnings the draft checks raised on this version (shared/core/checks/draft-checks.ts). */
  warnings: number;
  /** What the approver did with it; pending while it waits. */
  result: 'approved' | 'rework' | 'pending';
};

/** One incident as a whole: what the stage facts do not say. */
export type IncidentFact = {
  incidentId: number;
  network: string;
  topics: readonly string[];
  location: string | null;
  receivedAt: Date;
  rejected: boolean;
  /** The body it was forwarded to, outside the competence (not a rejection); null when it was not. */
  forwardedTo: string | null;
  /** The author's latest rating of the final answer (1–5), where the profile offers ratings. */
  rating: number | null;
  sociallySignificant: boolean;
  /** The earlier incident this one repeats (repeat_linked), if any. */
  repeatOf: number | null;
  /** The first public reply of any kind (interim, clarification or final). */
  firstReply: { at: Date; workingMinutes: number } | null;
  /** The first interim answer published. */
  interimAt: Date | null;
  /** The final answer published. */
  answeredAt: Date | null;
  returns: readonly { department: string; at: Date }[];
  /** Every draft version, in submission order. */
  drafts: readonly DraftFact[];
  closedAt: Date | null;
  outcome: Outcome | null;
  /** Likes, comments and reposts where the network gives them; null where it does not. */
  engagement: number | null;
  /** Whether the author replied or liked after our final answer; null where the network does not tell. */
  reacted: boolean | null;
  /** The citizen's text, shortened by the feeder, for the top-messages list. */
  excerpt: string;
  link: string | null;
  /** Days the answer term was extended by on request (kamchatka 2.5); 0 or absent when never. */
  extendedDays?: number;
  /** The message had its own agreed or shortened term; its stages are judged by it. */
  agreedTerm?: boolean;
  /** Marked as a success story covered in the media (sobolevo п.23): when, and where it was covered. */
  successStory?: { at: Date; link: string } | null;
};

export type PeriodKind = 'week' | 'month' | 'quarter' | 'custom';

export type Period = { kind: PeriodKind; from: Date; to: Date; timezone: string };

export type Organisation = { id: string; name: string };

export type ReportInput = {
  organisation: Organisation;
  period: Period;
  /** "Now" for overdue stages and open-stage misses. */
  asOf: Date;
  incidents: readonly IncidentFact[];
  stages: readonly StageFact[];
  /** Display names; ids without a name are shown as they are. */
  names?: { departments?: Readonly<Record<string, string>>; executors?: Readonly<Record<number, string>> };
  /** Working minutes between two instants (WorkTime.workingMinutesBetween), for how long an overdue stage is overdue. */
  workingMinutesBetween?: (a: Date, b: Date) => number;
  /** How many top messages to list (10). */
  topCount?: number;
  /** The profile counts success stories covered in the media (sobolevo п.23); without it the report has none. */
  successStories?: boolean;
};

// ---------------------------------------------------------------- measures

export type Count = { key: string; count: number };
export type OnTime = { judged: number; onTime: number; share: number | null };
export type StageOnTime = OnTime & { stage: string };
export type DayCount = { date: string; total: number; byNetwork: Readonly<Record<string, number>> };

export type DepartmentRow = {
  department: string;
  name: string;
  onTime: OnTime;
  byStage: readonly StageOnTime[];
  returns: number;
  overdueNow: number;
};

export type ExecutorRow = {
  executorId: number;
  name: string;
  /** The department of most of their stages and drafts in the period. */
  department: string | null;
  onTime: OnTime;
  byStage: readonly StageOnTime[];
  drafts: number;
  warnings: number;
  overdueNow: number;
};

export type OverdueItem = {
  incidentId: number;
  stage: string;
  network: string;
  department: string | null;
  departmentName: string | null;
  executorId: number | null;
  executorName: string | null;
  startedAt: Date;
  dueAt: Date;
  overdueCalendarMinutes: number;
  /** Null when no working-time function was given. */
  overdueWorkingMinutes: number | null;
};

export type TopMessage = {
  incidentId: number;
  network: string;
  topics: readonly string[];
  location: string | null;
  receivedAt: Date;
  excerpt: string;
  link: string | null;
  engagement: number | null;
  /** Later incidents linked to this one as repeats. */
  repeats: number;
  /** Null while not closed. */
  outcome: Outcome | null;
};

export type ReportData = {
  organisation: Organisation;
  period: Period;
  asOf: Date;
  received: {
    total: number;
    byNetwork: readonly Count[];
    byTopic: readonly Count[];
    byLocation: readonly Count[];
    /** Every local day of the period in the organisation's zone, empty days included. */
    byDay: readonly DayCount[];
  };
  onTime: { total: OnTime; byStage: readonly StageOnTime[] };
  departments: readonly DepartmentRow[];
  executors: readonly ExecutorRow[];
  /** Working minutes from registration to the first public reply; nearest-rank percentiles. */
  firstReply: { count: number; medianWorkingMinutes: number | null; p90WorkingMinutes: number | null };
  overdue: { total: number; byStage: readonly Count[]; items: readonly OverdueItem[] };
  returns: { total: number };
  drafts: {
    submitted: number;
    warnings: number;
    approved: number;
    /** Rework rounds before the approved drafts, summed. */
    reworkRounds: number;
    /** reworkRounds / approved. */
    reworkPerDraft: number | null;
    maxReworkRounds: number;
  };
  /** Final answers in the period preceded by an interim answer. */
  interim: { answered: number; withInterim: number; share: number | null };
  /** Final answers in the period whose author reacted, among those where the network tells. */
  reaction: { known: number; reacted: number; share: number | null };
  repeats: number;
  rejected: number;
  /** Received in the period and forwarded to another body: counted apart from the rejected. */
  forwarded: { total: number; byBody: readonly Count[] };
  /** Citizens' ratings of final answers published in the period. */
  ratings: { count: number; average: number | null };
  sociallySignificant: number;
  /** Received incidents whose term was extended on request (and the days), or agreed/shortened for the message. */
  terms: { extended: number; extendedDays: number; agreed: number };
  outcomes: { closed: number; byOutcome: Readonly<Record<Outcome, number>> };
  top: { items: readonly TopMessage[]; resolvedPositively: number };
  /** Success stories covered in the media, marked in the period (sobolevo п.23); null where the profile does not count them. */
  successStories: { count: number; items: readonly SuccessStoryItem[] } | null;
};

export type SuccessStoryItem = { incidentId: number; link: string; excerpt: string };

/** The display order of stages; a profile's own timers follow in alphabetical order. */
export const STAGE_ORDER = [
  'route',
  'return',
  'coExecutor',
  'draft',
  'finalDraft',
  'approval',
  'rework',
  'publish',
  'answer',
  'clarification',
  'final',
  'repeatCheck',
] as const;

// ---------------------------------------------------------------- helpers

/**
 * The p-th percentile by the nearest-rank method: the smallest value such that
 * at least p % of the values are less than or equal to it, i.e. the value at
 * 1-based rank ⌈p/100 · n⌉ of the sorted list. Always an observed value (a
 * real incident's time, no interpolation); the median of an even count is
 * the lower middle. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function onTimeOf(judged: number, onTime: number): OnTime {
  return { judged, onTime, share: share(onTime, judged) };
}

export function compareStages(a: string, b: string): number {
  const order = STAGE_ORDER as readonly string[];
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const collator = new Intl.Collator('ru');

/** Counts by key, largest first, ties in Russian alphabetical order. */
function counted(keys: Iterable<string>): Count[] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || collator.compare(a.key, b.key));
}

function mostCommon(keys: readonly string[]): string | null {
  return counted(keys)[0]?.key ?? null;
}

// ---------------------------------------------------------------- aggregation

type Judged = { fact: StageFact; onTime: boolean };

/** Stages judged in the period, each once: ended in it, or open and due in it before `asOf`. */
export function judgedStages(stages: readonly StageFact[], period: Period, asOf: Date): Judged[] {
  const inP = inPeriod(period);
  const out: Judged[] = [];
  for (const s of stages) {
    if (s.endedAt !== null) {
      if (inP(s.endedAt) && s.dueAt !== null) out.push({ fact: s, onTime: s.met === true });
    } else if (s.dueAt !== null && inP(s.dueAt) && s.dueAt.getTime() < asOf.getTime()) {
      out.push({ fact: s, onTime: false });
    }
  }
  return out;
}

/** Stages open at `asOf` whose due has passed, the longest overdue first. */
export function overdueStages(stages: readonly StageFact[], asOf: Date): StageFact[] {
  return stages
    .filter((s) => s.endedAt === null && s.dueAt !== null && s.dueAt.getTime() < asOf.getTime())
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime() || a.incidentId - b.incidentId);
}

function byStageOf(judged: readonly Judged[]): StageOnTime[] {
  const m = new Map<string, [number, number]>();
  for (const j of judged) {
    const c = m.get(j.fact.stage) ?? [0, 0];
    c[0] += 1;
    if (j.onTime) c[1] += 1;
    m.set(j.fact.stage, c);
  }
  return [...m.keys()].sort(compareStages).map((stage) => ({ stage, ...onTimeOf(m.get(stage)![0], m.get(stage)![1]) }));
}

function totalOf(judged: readonly Judged[]): OnTime {
  return onTimeOf(judged.length, judged.filter((j) => j.onTime).length);
}

function inPeriod(period: Period): (d: Date) => boolean {
  const from = period.from.getTime();
  const to = period.to.getTime();
  return (d) => d.getTime() >= from && d.getTime() < to;
}

/** Local dates (yyyy-MM-dd) of the period in its zone. */
export function periodDays(period: Period): string[] {
  const days: string[] = [];
  const end = period.to.getTime();
  let d = DateTime.fromJSDate(period.from, { zone: period.timezone }).startOf('day');
  while (d.toMillis() < end) {
    days.push(d.toISODate()!);
    d = d.plus({ days: 1 });
  }
  return days;
}

/** Rework rounds before each approved draft of the incident, keyed by the approved draft. */
function reworkChains(drafts: readonly DraftFact[]): Array<{ approved: DraftFact; rounds: number }> {
  const out: Array<{ approved: DraftFact; rounds: number }> = [];
  const rounds = new Map<DraftKind, number>();
  for (const d of [...drafts].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())) {
    if (d.result === 'rework') rounds.set(d.kind, (rounds.get(d.kind) ?? 0) + 1);
    if (d.result === 'approved') {
      out.push({ approved: d, rounds: rounds.get(d.kind) ?? 0 });
      rounds.set(d.kind, 0);
    }
  }
  return out;
}

/** Success stories marked in the period, by incident number; a mark later unmarked is gone from the facts. */
function successStoriesIn(incidents: readonly IncidentFact[], inP: (d: Date) => boolean): { count: number; items: SuccessStoryItem[] } {
  const items = incidents
    .filter((i) => i.successStory && inP(i.successStory.at))
    .map((i) => ({ incidentId: i.incidentId, link: i.successStory!.link, excerpt: i.excerpt }));
  return { count: items.length, items };
}

export function aggregate(input: ReportInput): ReportData {
  const { period, asOf, incidents, stages } = input;
  const inP = inPeriod(period);
  const deptName = (id: string) => input.names?.departments?.[id] ?? id;
  const execName = (id: number) => input.names?.executors?.[id] ?? String(id);

  // Received
  const received = incidents.filter((i) => inP(i.receivedAt));
  const days = periodDays(period);
  const perDay = new Map(days.map((d) => [d, new Map<string, number>()]));
  for (const i of received) {
    const day = DateTime.fromJSDate(i.receivedAt, { zone: period.timezone }).toISODate()!;
    const m = perDay.get(day);
    if (m) m.set(i.network, (m.get(i.network) ?? 0) + 1);
  }
  const byDay: DayCount[] = days.map((date) => {
    const m = perDay.get(date)!;
    return { date, total: [...m.values()].reduce((a, b) => a + b, 0), byNetwork: Object.fromEntries(m) };
  });

  // On time
  const judged = judgedStages(stages, period, asOf);
  const overdue = overdueStages(stages, asOf);

  // Drafts in the period, and the rework before each approved draft
  const drafts = incidents.flatMap((i) => i.drafts).filter((d) => inP(d.submittedAt));
  const chains = incidents.flatMap((i) => reworkChains(i.drafts)).filter((c) => inP(c.approved.submittedAt));
  const reworkRounds = chains.reduce((a, c) => a + c.rounds, 0);

  const returns = incidents.flatMap((i) => i.returns).filter((r) => inP(r.at));

  // Departments: everyone who had a judged stage, a return, a draft or an overdue stage.
  const deptIds = new Set<string>();
  for (const j of judged) if (j.fact.department !== null) deptIds.add(j.fact.department);
  for (const r of returns) deptIds.add(r.department);
  for (const d of drafts) if (d.department !== null) deptIds.add(d.department);
  for (const s of overdue) if (s.department !== null) deptIds.add(s.department);
  const departments: DepartmentRow[] = [...deptIds]
    .map((department) => {
      const own = judged.filter((j) => j.fact.department === department);
      return {
        department,
        name: deptName(department),
        onTime: totalOf(own),
        byStage: byStageOf(own),
        returns: returns.filter((r) => r.department === department).length,
        overdueNow: overdue.filter((s) => s.department === department).length,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));

  const execIds = new Set<number>();
  for (const j of judged) if (j.fact.executorId !== null) execIds.add(j.fact.executorId);
  for (const d of drafts) if (d.executorId !== null) execIds.add(d.executorId);
  for (const s of overdue) if (s.executorId !== null) execIds.add(s.executorId);
  const executors: ExecutorRow[] = [...execIds]
    .map((executorId) => {
      const own = judged.filter((j) => j.fact.executorId === executorId);
      const ownDrafts = drafts.filter((d) => d.executorId === executorId);
      const depts = [...own.map((j) => j.fact.department), ...ownDrafts.map((d) => d.department)].filter((d): d is string => d !== null);
      return {
        executorId,
        name: execName(executorId),
        department: mostCommon(depts),
        onTime: totalOf(own),
        byStage: byStageOf(own),
        drafts: ownDrafts.length,
        warnings: ownDrafts.reduce((a, d) => a + d.warnings, 0),
        overdueNow: overdue.filter((s) => s.executorId === executorId).length,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name) || a.executorId - b.executorId);

  const firstReplies = incidents.flatMap((i) => (i.firstReply && inP(i.firstReply.at) ? [i.firstReply.workingMinutes] : []));
  const answered = incidents.filter((i) => i.answeredAt !== null && inP(i.answeredAt));
  const withReaction = answered.filter((i) => i.reacted !== null);
  const closed = incidents.filter((i) => i.closedAt !== null && inP(i.closedAt) && i.outcome !== null);
  const rated = answered.filter((i) => i.rating !== null);

  // Top messages: non-rejected incidents received in the period, by engagement plus repeats.
  const repeatsOf = new Map<number, number>();
  for (const i of incidents) if (i.repeatOf !== null) repeatsOf.set(i.repeatOf, (repeatsOf.get(i.repeatOf) ?? 0) + 1);
  const score = (i: IncidentFact) => (i.engagement ?? 0) + (repeatsOf.get(i.incidentId) ?? 0);
  const top: TopMessage[] = received
    .filter((i) => !i.rejected && i.forwardedTo === null && score(i) > 0)
    .sort((a, b) => score(b) - score(a) || a.incidentId - b.incidentId)
    .slice(0, input.topCount ?? 10)
    .map((i) => ({
      incidentId: i.incidentId,
      network: i.network,
      topics: i.topics,
      location: i.location,
      receivedAt: i.receivedAt,
      excerpt: i.excerpt,
      link: i.link,
      engagement: i.engagement,
      repeats: repeatsOf.get(i.incidentId) ?? 0,
      outcome: i.outcome,
    }));

  const minutes = (a: Date, b: Date) => Math.floor((b.getTime() - a.getTime()) / 60_000);

  return {
    organisation: input.organisation,
    period,
    asOf,
    received: {
      total: received.length,
      byNetwork: counted(received.map((i) => i.network)),
      byTopic: counted(received.flatMap((i) => i.topics)),
      byLocation: counted(received.flatMap((i) => (i.location === null ? [] : [i.location]))),
      byDay,
    },
    onTime: { total: totalOf(judged), byStage: byStageOf(judged) },
    departments,
    executors,
    firstReply: {
      count: firstReplies.length,
      medianWorkingMinutes: percentile(firstReplies, 50),
      p90WorkingMinutes: percentile(firstReplies, 90),
    },
    overdue: {
      total: overdue.length,
      byStage: counted(overdue.map((s) => s.stage)).sort((a, b) => compareStages(a.key, b.key)),
      items: overdue.map((s) => ({
        incidentId: s.incidentId,
        stage: s.stage,
        network: s.network,
        department: s.department,
        departmentName: s.department === null ? null : deptName(s.department),
        executorId: s.executorId,
        executorName: s.executorId === null ? null : execName(s.executorId),
        startedAt: s.startedAt,
        dueAt: s.dueAt!,
        overdueCalendarMinutes: minutes(s.dueAt!, asOf),
        overdueWorkingMinutes: input.workingMinutesBetween ? input.workingMinutesBetween(s.dueAt!, asOf) : null,
      })),
    },
    returns: { total: returns.length },
    drafts: {
      submitted: drafts.length,
      warnings: drafts.reduce((a, d) => a + d.warnings, 0),
      approved: chains.length,
      reworkRounds,
      reworkPerDraft: share(reworkRounds, chains.length),
      maxReworkRounds: chains.reduce((a, c) => Math.max(a, c.rounds), 0),
    },
    interim: {
      answered: answered.length,
      withInterim: answered.filter((i) => i.interimAt !== null).length,
      share: share(answered.filter((i) => i.interimAt !== null).length, answered.length),
    },
    reaction: {
      known: withReaction.length,
      reacted: withReaction.filter((i) => i.reacted).length,
      share: share(withReaction.filter((i) => i.reacted).length, withReaction.length),
    },
    repeats: received.filter((i) => i.repeatOf !== null).length,
    rejected: received.filter((i) => i.rejected).length,
    forwarded: {
      total: received.filter((i) => i.forwardedTo !== null).length,
      byBody: counted(received.flatMap((i) => (i.forwardedTo === null ? [] : [i.forwardedTo]))),
    },
    ratings: {
      count: rated.length,
      average: rated.length === 0 ? null : rated.reduce((a, i) => a + i.rating!, 0) / rated.length,
    },
    sociallySignificant: received.filter((i) => i.sociallySignificant).length,
    terms: {
      extended: received.filter((i) => (i.extendedDays ?? 0) > 0).length,
      extendedDays: received.reduce((sum, i) => sum + (i.extendedDays ?? 0), 0),
      agreed: received.filter((i) => i.agreedTerm === true).length,
    },
    outcomes: {
      closed: closed.length,
      byOutcome: Object.fromEntries(outcomes.map((o) => [o, closed.filter((i) => i.outcome === o).length])) as Record<Outcome, number>,
    },
    top: { items: top, resolvedPositively: top.filter((m) => m.outcome === 'resolved').length },
    successStories: input.successStories ? successStoriesIn(incidents, inP) : null,
  };
}

import type { DraftKind } from '../incident/commands.js';
import type { IncidentEvent } from '../incident/events.js';
import { parseDuration, type Clock, type Duration } from './duration.js';
import { momentOf } from './moments.js';
import { parseEventMatch, type EventMatch, type Moment, type Profile, type ProcessRole, type Timer } from './profile/schema.js';
import type { WorkTime } from './work-time.js';

/**
 * Every current due instant of an incident, as data: the worker schedules
 * from it and cards display it. Pure: the incident's events, the profile and
 * the organisation's working time in, deadlines out. Events are read as the
 * profile's moments (moments.ts); those that move no timer are left out.
 *
 * A timer runs from its start event (the latest one, or the first since the
 * last reopening with `once`) until a stop event after it; closing or
 * rejecting the incident stops everything that runs, and only a reopening
 * lets timers start again. A `before` timer is due that long before another
 * timer's due (never before it started). A calendar-clock timer marked
 * `endsOnWorkingDay` that falls due on a day off is due on the next working
 * day at the same time (a `before` timer: the previous one). A clarification
 * pause shifts a due by the time spent paused on the timer's own clock, and
 * while the author has not answered, the timer (and every timer counted before
 * it) is paused with no due. Where the profile orders co-executors
 * (`coExecutors.sequence: ordered`) and the routing carries an order, each
 * co-executor's timer starts when the previous one's part is in.
 */

export interface Deadline {
  timer: string;
  /** Epoch ms; null while paused. */
  due: number | null;
  startedAt: number;
  state: 'running' | 'paused' | 'stopped';
  /** When it stopped (with `includeStopped`). */
  stoppedAt?: number;
  /** Who must act; the profile's approver and publisher are resolved to their roles. */
  actor: Exclude<ProcessRole, 'approver' | 'publisher'>;
  escalateTo: Array<Exclude<ProcessRole, 'approver' | 'publisher'>>;
  kind: 'deadline' | 'window';
  clause: string;
  /** The co-executing department, for per-co-executor timers. */
  department?: string;
}

export interface DeadlineOptions {
  /** Also return timers that have stopped, with their due as it stood (the command line and reports use this). */
  includeStopped?: boolean;
  /** The importance level to count by; the latest triage's by default (any level of the profile, "local-fast" too). */
  importance?: string;
}

interface Ev {
  type: Moment;
  at: number;
  src: IncidentEvent;
}

/** The draft kind of a submitted or published draft ("published:answer|interim"). */
function kindOf(e: IncidentEvent): DraftKind | undefined {
  return e.type === 'draft_submitted' || e.type === 'reply_published' ? e.data.kind : undefined;
}

/** The department a return or a part is about (a dismissal that returned the work counts as a return). */
function departmentOf(e: IncidentEvent): string | undefined {
  return e.type === 'returned' || e.type === 'part_submitted' || e.type === 'executor_removed' ? e.data.department : undefined;
}

const TERMINAL = new Set<Moment>(['closed', 'rejected', 'forwarded']);
const matchCache = new Map<string, EventMatch>();

function matcher(text: string): EventMatch {
  let m = matchCache.get(text);
  if (!m) {
    m = parseEventMatch(text)!;
    matchCache.set(text, m);
  }
  return m;
}

function matches(e: Ev, list: readonly string[]): boolean {
  for (const text of list) {
    const m = matcher(text);
    if (m.type !== e.type) continue;
    if (!m.kinds) return true;
    const kind = kindOf(e.src);
    if (kind !== undefined && m.kinds.includes(kind)) return true;
  }
  return false;
}

/** Calendar terms that end on a working day (Civil Code art. 193); a working clock always does. */
function rollsToWorkingDay(t: Timer): boolean {
  return t.clock === 'calendar' && t.endsOnWorkingDay === true;
}

/** The importance level of the latest triage, "normal" when none. */
export function importanceOf(history: readonly IncidentEvent[]): string {
  let level = 'normal';
  for (const e of history) if (e.type === 'triaged') level = e.data.importance;
  return level;
}

/** The events of the incident's current life: from its last reopening on (terms and extensions are the life's own). */
function currentLife(history: readonly IncidentEvent[]): readonly IncidentEvent[] {
  const i = history.findLastIndex((e) => e.type === 'reopened');
  return i === -1 ? history : history.slice(i);
}

/** Days granted by extensions in the current life. */
export function extendedDaysOf(history: readonly IncidentEvent[]): number {
  let days = 0;
  for (const e of currentLife(history)) if (e.type === 'extension_granted') days += e.data.days;
  return days;
}

/** The latest term agreed in the current life, if any. */
export function agreedTermOf(history: readonly IncidentEvent[]): Extract<IncidentEvent, { type: 'term_agreed' }> | null {
  return currentLife(history).findLast((e): e is Extract<IncidentEvent, { type: 'term_agreed' }> => e.type === 'term_agreed') ?? null;
}

/**
 * The timers with the message's agreed term in place of its timer's duration,
 * counted from the same start on the profile's agreed-term clock.
 */
function withAgreedTerm(timers: Record<string, Timer>, profile: Profile, history: readonly IncidentEvent[]): Record<string, Timer> {
  const agreed = agreedTermOf(history);
  const rule = profile.agreedTerm;
  if (!agreed || !rule || !timers[agreed.data.timer]) return timers;
  const { amount, unit, timer } = agreed.data;
  const duration = unit === 'days' ? `${amount}d` : `${amount}h`;
  // The agreed term is the term: no roll to a working day beyond what its own clock gives.
  const { endsOnWorkingDay: _roll, ...base } = timers[timer]!;
  return { ...timers, [timer]: { ...base, duration, clock: rule.clock, clause: rule.clause } };
}

/** The profile's timers with the importance level's overrides applied. */
export function effectiveTimers(profile: Profile, importance: string): Record<string, Timer> {
  const over = profile.importance?.[importance]?.timers;
  if (!over) return profile.timers;
  const out: Record<string, Timer> = { ...profile.timers };
  for (const [id, t] of Object.entries(over)) out[id] = { ...out[id]!, ...t } as Timer;
  return out;
}

export function deadlines(history: readonly IncidentEvent[], profile: Profile, workTime: WorkTime, opts: DeadlineOptions = {}): Deadline[] {
  const evs: Ev[] = [];
  for (const src of history) {
    const type = momentOf(src);
    if (type !== null) evs.push({ type, at: src.at.getTime(), src });
  }
  // Stable by time: the history's own order breaks ties.
  evs.sort((a, b) => a.at - b.at);
  const timers = withAgreedTerm(effectiveTimers(profile, opts.importance ?? importanceOf(history)), profile, history);
  const extension = profile.extension;
  const extensionDays = extension ? extendedDaysOf(history) : 0;
  // Timers count within the current life of the incident: from its last reopening on.
  let lifeStart = 0;
  for (let i = evs.length - 1; i >= 0; i--) {
    if (evs[i]!.type === 'reopened') {
      lifeStart = i;
      break;
    }
  }
  const resolveRole = (r: ProcessRole): Deadline['actor'] => (r === 'approver' ? profile.approver : r === 'publisher' ? profile.publisher : r);

  // Due of each timer as it stands (running or not), for `before` references.
  const dueCache = new Map<string, { start: number; startIdx: number; due: number | null } | null>();

  const startOf = (t: Timer): number => {
    let idx = -1;
    for (let i = t.once ? lifeStart : 0; i < evs.length; i++) {
      const e = evs[i]!;
      // Nothing starts after a close that no reopening followed.
      if (TERMINAL.has(e.type)) {
        if (i > lifeStart || lifeStart === 0) break;
        continue;
      }
      if (matches(e, t.start)) {
        idx = i;
        if (t.once) break;
      }
    }
    return idx;
  };

  const pausesFor = (id: string): boolean => {
    const p = profile.clarification?.pauses;
    return p !== undefined && p.includes(id);
  };

  const ownDue = (id: string, t: Timer, startIdx: number): number | null => {
    const start = evs[startIdx]!.at;
    const d: Duration = parseDuration(t.duration);
    let due = workTime.add(start, d, t.clock);
    // Granted extensions move the due on (kamchatka-ias-2021 2.5: calendar days added to the term).
    if (extension && id === extension.timer && extensionDays > 0) due = workTime.add(due, { days: extensionDays, minutes: 0 }, extension.clock);
    const final = pausesFor(id) ? applyPauses(due, startIdx, t.clock) : due;
    return final !== null && rollsToWorkingDay(t) ? workTime.onWorkingDay(final, 1) : final;
  };

  const applyPauses = (due: number, startIdx: number, clock: Clock): number | null => {
    let pausedAt: number | null = null;
    for (let i = startIdx + 1; i < evs.length; i++) {
      const e = evs[i]!;
      if (e.type === 'published' && kindOf(e.src) === 'clarification') {
        if (pausedAt === null && e.at < due) pausedAt = e.at;
      } else if (e.type === 'clarification_answered' && pausedAt !== null) {
        const shift = workTime.elapsed(pausedAt, e.at, clock);
        due = clock === 'calendar' ? due + shift * 60_000 : workTime.add(due, { days: 0, minutes: shift }, 'working');
        pausedAt = null;
      }
    }
    return pausedAt === null ? due : null;
  };

  const timerDue = (id: string): { start: number; startIdx: number; due: number | null } | null => {
    if (dueCache.has(id)) return dueCache.get(id)!;
    const t = timers[id]!;
    const startIdx = startOf(t);
    let result: { start: number; startIdx: number; due: number | null } | null = null;
    if (startIdx !== -1) {
      const start = evs[startIdx]!.at;
      if (t.before !== undefined) {
        const base = timerDue(t.before);
        if (base !== null) {
          let due = base.due === null ? null : workTime.sub(base.due, parseDuration(t.duration), t.clock);
          // "No later than N days before": a day off moves it earlier, keeping the room the clause gives.
          if (due !== null && rollsToWorkingDay(t)) due = workTime.onWorkingDay(due, -1);
          if (due !== null) due = Math.max(start, due);
          result = { start, startIdx, due };
        }
      } else {
        result = { start, startIdx, due: ownDue(id, t, startIdx) };
      }
    }
    dueCache.set(id, result);
    return result;
  };

  const stopIndex = (t: Timer, startIdx: number, department?: string): number => {
    for (let i = startIdx + 1; i < evs.length; i++) {
      const e = evs[i]!;
      if (TERMINAL.has(e.type)) return i;
      if (department !== undefined && (e.type === 'part_submitted' || e.type === 'returned')) {
        // A co-executor's timer stops on its own department's part, or when that department returns the message.
        const dep = departmentOf(e.src);
        if (e.type === 'returned' && dep === department) return i;
        if (dep !== undefined && dep !== department) continue;
      }
      if (matches(e, t.stop)) return i;
    }
    return -1;
  };

  const out: Deadline[] = [];
  const push = (id: string, t: Timer, at: { start: number; startIdx: number; due: number | null; stopFrom?: number }, department?: string) => {
    const stop = stopIndex(t, at.stopFrom ?? at.startIdx, department);
    if (stop !== -1 && !opts.includeStopped) return;
    const d: Deadline = {
      timer: id,
      due: at.due,
      startedAt: at.start,
      state: stop !== -1 ? 'stopped' : at.due === null ? 'paused' : 'running',
      actor: resolveRole(t.actor),
      escalateTo: [...new Set(t.escalateTo.map(resolveRole))],
      kind: t.kind ?? 'deadline',
      clause: t.clause,
    };
    if (stop !== -1) d.stoppedAt = evs[stop]!.at;
    if (department !== undefined) d.department = department;
    out.push(d);
  };

  for (const [id, t] of Object.entries(timers)) {
    const at = timerDue(id);
    if (at === null) continue;
    if (!t.perCoExecutor) {
      push(id, t, at);
      continue;
    }
    const routed = evs[at.startIdx]!.src;
    if (routed.type !== 'routed') continue;
    const deps = routed.data.departments;
    let responsible = routed.data.responsible ?? deps[0];
    for (let i = at.startIdx + 1; i < evs.length; i++) {
      const e = evs[i]!.src;
      if (e.type === 'responsible_appointed') responsible = e.data.department;
    }
    const coDeps = deps.filter((d) => d !== responsible);
    const order = routed.data.order;
    if (profile.coExecutors?.sequence !== 'ordered' || order === null) {
      for (const dep of coDeps) push(id, t, at, dep);
      continue;
    }
    // In order (zavitinsk п.16, ivanovo п.15, severny п.12): a part's time counts from when the message reaches that
    // department, i.e. when the previous co-executor's part is in; the first counts from routing.
    const firstPart = new Map<string, number>();
    for (let i = at.startIdx + 1; i < evs.length; i++) {
      const e = evs[i]!.src;
      if (e.type === 'part_submitted' && !firstPart.has(e.data.department)) firstPart.set(e.data.department, i);
    }
    const sequence = [...order.filter((d) => coDeps.includes(d)), ...coDeps.filter((d) => !order.includes(d))];
    let reachedIdx = at.startIdx;
    for (const dep of sequence) {
      const own = firstPart.get(dep);
      if (own !== undefined && own < reachedIdx) {
        // Sent before its turn came: its time started and stopped with that part.
        push(id, t, { start: evs[own]!.at, startIdx: own, due: evs[own]!.at, stopFrom: own - 1 }, dep);
        continue;
      }
      push(id, t, { start: evs[reachedIdx]!.at, startIdx: reachedIdx, due: ownDue(id, t, reachedIdx) }, dep);
      // The next department's turn comes with this one's part; until then its timer has not started.
      if (own === undefined) break;
      reachedIdx = own;
    }
  }
  out.sort((a, b) => (a.due ?? Infinity) - (b.due ?? Infinity) || a.timer.localeCompare(b.timer));
  return out;
}

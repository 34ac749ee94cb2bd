/**
 * When each timer of an incident speaks: pure, from its deadlines, the
 * profile (each timer's clock), the organisation's working time and the
 * escalation settings. The worker turns every planned firing into one
 * delayed BullMQ job; a fired job runs this again and acts only if its
 * firing is still planned.
 *
 * Per running deadline (windows lapse silently and paused ones have no due):
 * - `reminder` before the due: a share of the timer's length (25 %), at least
 *   a floor (10 min), counted on the timer's own clock. Never outside working
 *   time for normal importance: such a reminder moves earlier, to the last
 *   working minute before it; none when that is not after the start.
 * - `due` at the due instant: the miss is recorded and the holder and their
 *   head are told. For normal importance, a due at night is told at the next
 *   working moment (the miss keeps the due instant).
 * - `escalation` a grace (30 working minutes) after the due, when the timer
 *   names anyone to escalate to.
 */
import { effectiveTimers, type Deadline, type Profile, type WorkTime } from './index.js';

export const STEPS = ['reminder', 'due', 'escalation'] as const;
export type Step = (typeof STEPS)[number];

export type EscalationSettings = {
  /** The reminder's lead as a share of the timer's length. */
  reminderShare: number;
  /** …but at least this many minutes on the timer's clock. */
  reminderAtLeastMinutes: number;
  /** Working minutes after the due before the duty officers hear. */
  graceMinutes: number;
};

export const DEFAULT_ESCALATION: EscalationSettings = { reminderShare: 0.25, reminderAtLeastMinutes: 10, graceMinutes: 30 };

export type PlannedFiring = {
  timer: string;
  /** The co-executing department of a per-co-executor timer. */
  department?: string;
  step: Step;
  /** The deadline's due instant (epoch ms): part of the firing's identity. */
  due: number;
  /** When it fires (epoch ms). */
  at: number;
  actor: Deadline['actor'];
  escalateTo: Deadline['escalateTo'];
};

const MINUTE = 60_000;

/** Working time, with the end of an interval (18:00, where working-time deadlines land) counted in. */
export function inWorkingTime(workTime: WorkTime, t: number): boolean {
  return workTime.isWorkingTime(t) || workTime.isWorkingTime(t - 1);
}

export function planFirings(
  list: readonly Deadline[],
  profile: Profile,
  workTime: WorkTime,
  opts: { importance: string; escalation?: EscalationSettings },
): PlannedFiring[] {
  const s = opts.escalation ?? DEFAULT_ESCALATION;
  const urgent = opts.importance === 'high';
  const timers = effectiveTimers(profile, opts.importance);
  const out: PlannedFiring[] = [];
  for (const d of list) {
    if (d.state !== 'running' || d.due === null || d.kind !== 'deadline') continue;
    const clock = timers[d.timer]?.clock ?? 'working';
    const base = {
      timer: d.timer,
      ...(d.department !== undefined ? { department: d.department } : {}),
      due: d.due,
      actor: d.actor,
      escalateTo: d.escalateTo,
    };

    const length = workTime.elapsed(d.startedAt, d.due, clock);
    const lead = Math.max(length * s.reminderShare, s.reminderAtLeastMinutes);
    if (lead < length) {
      let at = clock === 'working' ? workTime.subWorkingMinutes(d.due, lead) : d.due - Math.round(lead * MINUTE);
      if (!urgent && !inWorkingTime(workTime, at)) at = workTime.subWorkingMinutes(at, 1);
      if (at > d.startedAt && at < d.due) out.push({ ...base, step: 'reminder', at });
    }

    const dueAt = urgent || inWorkingTime(workTime, d.due) ? d.due : workTime.nextWorkingMoment(d.due);
    out.push({ ...base, step: 'due', at: dueAt });

    if (d.escalateTo.length > 0) {
      const at = Math.max(workTime.addWorkingMinutes(d.due, s.graceMinutes), dueAt);
      out.push({ ...base, step: 'escalation', at });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.timer.localeCompare(b.timer));
}

/** A firing's identity: its BullMQ job id (shared/platform/jobs/catalog.ts). BullMQ forbids ':' in ids; no department is '_'. */
export function firingId(incidentId: number, f: { timer: string; department?: string | undefined; step: Step; due: number }): string {
  return `timer-${incidentId}-${f.timer}-${f.department || '_'}-${f.step}-${f.due}`;
}

export function sameFiring(a: { timer: string; department?: string | undefined; step: Step; due: number }, b: typeof a): boolean {
  return a.timer === b.timer && (a.department ?? '') === (b.department ?? '') && a.step === b.step && a.due === b.due;
}


/** The organisation file's `escalation:` block over the defaults ("1h30m" → 90). */
export function escalationSettings(block: { reminder?: { share?: number | undefined; atLeast?: string | undefined } | undefined; grace?: string | undefined } | undefined): EscalationSettings {
  const toMinutes = (s: string) => {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(s)!;
    return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  };
  return {
    reminderShare: block?.reminder?.share ?? DEFAULT_ESCALATION.reminderShare,
    reminderAtLeastMinutes: block?.reminder?.atLeast ? toMinutes(block.reminder.atLeast) : DEFAULT_ESCALATION.reminderAtLeastMinutes,
    graceMinutes: block?.grace ? toMinutes(block.grace) : DEFAULT_ESCALATION.graceMinutes,
  };
}

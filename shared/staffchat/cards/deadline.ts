/**
 * The card's deadline line: the most urgent running timer, in the
 * organisation's time, with its mark. The marks are defined here once:
 * ⏳ running, 🔥 `HOT_MS` or less left, ⛔ overdue. A card is drawn once and
 * then only redrawn, so its line says nothing that goes stale between marks
 * (no "25 minutes left"): the worker redraws every card of the incident at
 * each threshold (`markMoments`, scheduled beside the timers in
 * shared/flows/deadlines/schedule.ts). One-off messages (lists) may add how
 * much is left, true at the moment they are sent.
 */
import { DateTime } from 'luxon';
import type { IncidentEvent } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { deadlines, type Deadline, type Profile, type WorkTime } from '../../core/sla/index.js';

export type NextDeadline = { timer: string; due: Date };

export type DeadlineMark = 'running' | 'hot' | 'overdue';

/** From this much left on, a deadline is 🔥 (calendar time, as a person counts it looking at a clock). */
export const HOT_MS = 30 * 60_000;

export function deadlineMark(due: number, now: number): DeadlineMark {
  if (now >= due) return 'overdue';
  return due - now <= HOT_MS ? 'hot' : 'running';
}

/** The mark's sign, from the locale (deadline-mark-running/hot/overdue). */
export const markSign = (mark: DeadlineMark) => t(`deadline-mark-${mark}`);

/** The instants at which a deadline due at `due` changes its mark: when it turns 🔥, and when ⛔. */
export function markMoments(due: number): number[] {
  return [due - HOT_MS, due];
}

/** The running deadlines a card may show (the same filter as nextDeadline's). */
export function runningDeadlines(events: readonly IncidentEvent[], profile: Profile, workTime: WorkTime): Array<Deadline & { due: number }> {
  return deadlines(events, profile, workTime).filter(
    (d): d is Deadline & { due: number } => d.state === 'running' && d.due !== null && d.kind === 'deadline',
  );
}

export function nextDeadline(events: readonly IncidentEvent[], profile: Profile, workTime: WorkTime): NextDeadline | null {
  const running = runningDeadlines(events, profile, workTime);
  if (!running.length) return null;
  const first = running.reduce((a, b) => (b.due < a.due ? b : a));
  return { timer: first.timer, due: new Date(first.due) };
}

/** "2 ч 10 мин", "3 дн 4 ч", "15 мин": calendar time, as a person counts it looking at a clock. */
export function span(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return t('span-days-hours', { days, hours });
  if (hours) return mins ? t('span-hours-minutes', { hours, minutes: mins }) : t('span-hours', { hours });
  return t('span-minutes', { minutes: mins });
}

/** "15:30" today, "24.11 15:30" on any other day: absolute, in the organisation's zone, never its IANA name. */
function dueText(due: Date, now: Date, timezone: string): string {
  const at = DateTime.fromJSDate(due, { zone: timezone });
  return DateTime.fromJSDate(now, { zone: timezone }).hasSame(at, 'day') ? at.toFormat('HH:mm') : at.toFormat('dd.MM HH:mm');
}

/** A list line, true when sent: the mark, the due and how much is left or how late it is. */
export function deadlineLine(d: NextDeadline, now: Date, timezone: string): string {
  const when = dueText(d.due, now, timezone);
  const timer = t(`timer-${d.timer}`);
  const left = d.due.getTime() - now.getTime();
  const mark = markSign(deadlineMark(d.due.getTime(), now.getTime()));
  return left >= 0
    ? t('card-deadline', { mark, timer, when, left: span(left) })
    : t('card-deadline-missed', { mark, timer, when, late: span(left) });
}

/**
 * The card's line: the mark and the absolute due only, so it stays true until the next threshold redraws
 * it. An overdue one always carries its date: the card may be read days later.
 */
export function cardDeadlineLine(d: NextDeadline, now: Date, timezone: string): string {
  const mark = deadlineMark(d.due.getTime(), now.getTime());
  const timer = t(`timer-${d.timer}`);
  const due = DateTime.fromJSDate(d.due, { zone: timezone });
  const when = mark === 'overdue' ? due.toFormat('dd.MM HH:mm') : dueText(d.due, now, timezone);
  return t(`card-deadline-${mark}`, { mark: markSign(mark), timer, when, hot: HOT_MS / 60_000 });
}

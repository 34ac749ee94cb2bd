/**
 * The card's deadline line: the most urgent running timer, in the
 * organisation's time, with what is left or how late it is
 * ("ответ до 15:30, осталось 2 ч 10 мин").
 */
import { DateTime } from 'luxon';
import type { IncidentEvent } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { deadlines, type Profile, type WorkTime } from '../../core/sla/index.js';

export type NextDeadline = { timer: string; due: Date };

export function nextDeadline(events: readonly IncidentEvent[], profile: Profile, workTime: WorkTime): NextDeadline | null {
  const running = deadlines(events, profile, workTime).filter(
    (d): d is typeof d & { due: number } => d.state === 'running' && d.due !== null && d.kind === 'deadline',
  );
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

export function deadlineLine(d: NextDeadline, now: Date, timezone: string): string {
  const due = DateTime.fromJSDate(d.due, { zone: timezone });
  const today = DateTime.fromJSDate(now, { zone: timezone }).hasSame(due, 'day');
  const when = today ? due.toFormat('HH:mm') : due.toFormat('dd.MM HH:mm');
  const timer = t(`timer-${d.timer}`);
  const left = d.due.getTime() - now.getTime();
  return left >= 0
    ? t('card-deadline', { timer, when, left: span(left) })
    : t('card-deadline-missed', { timer, when, late: span(left) });
}

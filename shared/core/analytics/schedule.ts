/**
 * When reports are due. Cron cannot say "the first working day after the
 * quarter" or "each working morning", so one BullMQ job scheduler ticks every
 * 15 minutes in the organisation's zone and this module, pure, asks the
 * working-time calendar what is due at that instant; the deliveries table
 * makes every tick after the first a no-op.
 *
 * - A periodic report (the profile's `reports`, or weekly when the profile
 *   names none) is due from the first working moment after its period ends
 *   (Monday 09:00 for a week; 12 January 2026 after the New Year holidays for
 *   the fourth quarter of 2025) until the end of that day, or until the end of
 *   its `dueDay` ("by the 5th") when that is later: a worker down that morning
 *   still sends it the same day.
 * - The daily deficiencies are due from the first working moment of each
 *   working day until its end, for everything due since the start of the
 *   previous working day (weekends and holidays between included).
 */
import { DateTime } from 'luxon';
import type { Profile } from '../sla/index.js';
import { reportPeriod, type Report } from '../sla/reports.js';
import type { WorkTime } from '../sla/work-time.js';
import { previousPeriod } from './periods.js';

export const TICK_PATTERN = '*/15 * * * *';
export const TICK_SCHEDULER_ID = 'reports-clock';

/** Otklik's default for a profile whose regulation names no periodic report. */
export const DEFAULT_REPORT: Report = { title: 'weekly summary (Otklik default)', period: 'week', to: 'head', clause: '—' };

export type DueReport = { key: Report['period']; kind: Report['period']; from: number; to: number };
export type DueDeficiencies = { from: number; to: number; day: string };

export function periodicReports(profile: Profile): Report[] {
  const own = Object.values(profile.reports ?? {});
  return own.length ? own : [DEFAULT_REPORT];
}

function endOfLocalDay(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).endOf('day').toMillis() + 1;
}

/** The periodic reports due at `now`. */
export function dueReports(profile: Profile, workTime: WorkTime, now: Date): DueReport[] {
  const zone = workTime.timezone;
  const out: DueReport[] = [];
  for (const report of periodicReports(profile)) {
    // The last three periods: after the New Year holidays two weeks fall due on the same morning.
    let end = now;
    for (let back = 0; back < 3; back++) {
      const period = previousPeriod(report.period, end, zone);
      end = new Date(period.from.getTime());
      const sendAt = workTime.nextWorkingMoment(period.to);
      const due = reportPeriod(report, period.from, workTime).due;
      const until = Math.max(endOfLocalDay(sendAt, zone), endOfLocalDay(due, zone));
      const t = now.getTime();
      if (t >= sendAt && t < until) out.push({ key: report.period, kind: report.period, from: period.from.getTime(), to: period.to.getTime() });
    }
  }
  out.sort((a, b) => a.from - b.from);
  return out;
}

function isWorkingDay(workTime: WorkTime, day: DateTime): boolean {
  return workTime.intervalsOn(day.toISODate()!).length > 0;
}

/** The deficiencies summary due at `now`: on a working day from its first working moment on. */
export function dueDeficiencies(workTime: WorkTime, now: Date): DueDeficiencies | null {
  const zone = workTime.timezone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (!isWorkingDay(workTime, today)) return null;
  if (now.getTime() < workTime.nextWorkingMoment(today.toMillis())) return null;
  let previous = today.minus({ days: 1 });
  // The longest run of days off in the Russian calendar is the New Year holidays: under three weeks.
  for (let i = 0; i < 31 && !isWorkingDay(workTime, previous); i++) previous = previous.minus({ days: 1 });
  return { from: previous.toMillis(), to: today.toMillis(), day: previous.toISODate()! };
}

import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { reportSchema } from './profile/schema.js';
import type { Instant, WorkTime } from './work-time.js';

export type Report = z.infer<typeof reportSchema>;

/**
 * The reporting period of a periodic report that contains `at`, in the
 * organisation's zone, and when its report is due: on `dueDay` of the next
 * period ("by the 5th"), or at the start of the next period; moved to the
 * next working moment when that falls outside working time (a term ending on
 * a day off ends on the next working day).
 */
export function reportPeriod(report: Report, at: Instant, workTime: WorkTime): { from: number; to: number; due: number } {
  const t = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: workTime.timezone });
  const unit = report.period;
  const from = t.startOf(unit);
  const to = from.plus(unit === 'week' ? { weeks: 1 } : unit === 'month' ? { months: 1 } : { quarters: 1 });
  const dueLocal = report.dueDay ? to.set({ day: report.dueDay }) : to;
  return { from: from.toMillis(), to: to.toMillis(), due: workTime.nextWorkingMoment(dueLocal.toMillis()) };
}

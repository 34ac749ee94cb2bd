/**
 * Duties a regulation sets by a day of the month (sobolevo order п.4.3: the
 * departments' media-plan proposals, quarterly, by the 25th): which are to be
 * reminded of at `now`. Pure. A reminder is due from its sending moment (that
 * many working days before the due day, at the first working moment) until
 * the end of the due day; the caller sends it once per (reminder, due day).
 */
import { DateTime } from 'luxon';
import type { Profile, WorkTime } from '../sla/index.js';

export type DueReminder = {
  /** The profile's reminder id ("mediaPlan"). */
  id: string;
  /** The due day, yyyy-MM-dd in the organisation's zone: the reminder's identity. */
  dueDate: string;
  /** The due day's start and end (epoch ms). */
  from: number;
  to: number;
  audience: 'departments' | 'curators' | 'heads';
};

export function dueReminders(profile: Profile, workTime: WorkTime, now: Date): DueReminder[] {
  const zone = workTime.timezone;
  const local = DateTime.fromJSDate(now, { zone });
  const out: DueReminder[] = [];
  for (const [id, r] of Object.entries(profile.reminders ?? {})) {
    if (!r.months.includes(local.month)) continue;
    const dueDay = local.set({ day: r.dueDay }).startOf('day');
    const end = dueDay.endOf('day');
    // Back from the due day by the lead in working days; its first working moment is when the reminder goes.
    let day = dueDay;
    for (let left = r.leadWorkingDays; left > 0; ) {
      day = day.minus({ days: 1 });
      if (workTime.intervalsOn(day.toISODate()!).length > 0) left -= 1;
    }
    const sendAt = workTime.nextWorkingMoment(day.toMillis());
    const t = now.getTime();
    if (t >= Math.min(sendAt, end.toMillis()) && t <= end.toMillis()) {
      out.push({ id, dueDate: dueDay.toISODate()!, from: dueDay.toMillis(), to: end.toMillis(), audience: r.to });
    }
  }
  return out;
}

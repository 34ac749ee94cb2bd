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

/** A recorded dismissal (`/dismiss`), as the hand-over reminder reads it. */
export type DismissalRecord = {
  id: number;
  /** The order's date, yyyy-MM-dd in the organisation's zone. */
  orderDate: string;
  handedOverAt: Date | null;
  remindedAt: Date | null;
};

/**
 * Sobolevo п.9: the curator is told of an executor's dismissal «в течение 3
 * календарных дней со дня издания распоряжения об увольнении». The term runs
 * from the day after the order (Civil Code art. 191) and ends with its last
 * calendar day in the organisation's zone; a last day that is a day off moves
 * to the next working day (art. 193), as the other calendar-day terms do.
 * Returns the end of that day (exclusive), or null when the profile has no such clause.
 */
export function dismissalNoticeDue(profile: Profile, workTime: WorkTime, orderDate: string): Date | null {
  const days = profile.dismissal?.noticeDays;
  if (days === undefined) return null;
  const order = DateTime.fromISO(orderDate, { zone: workTime.timezone });
  if (!order.isValid) throw new RangeError(`dismissalNoticeDue: not a date: ${orderDate}`);
  let last = order.startOf('day').plus({ days });
  // A year of days off in a row does not exist; the bound only keeps a broken calendar from looping.
  for (let i = 0; i < 366 && workTime.intervalsOn(last.toISODate()!).length === 0; i++) last = last.plus({ days: 1 });
  return last.plus({ days: 1 }).startOf('day').toJSDate();
}

/**
 * The dismissals whose hand-over is late at `now`: the profile's term from the
 * order is out, the executor's work is not handed over, and the curators were
 * not reminded yet (once per dismissal). Pure.
 */
export function lateDismissals<T extends DismissalRecord>(profile: Profile, workTime: WorkTime, records: readonly T[], now: Date): Array<T & { due: Date }> {
  const out: Array<T & { due: Date }> = [];
  for (const r of records) {
    if (r.handedOverAt !== null || r.remindedAt !== null) continue;
    const due = dismissalNoticeDue(profile, workTime, r.orderDate);
    if (due && now.getTime() >= due.getTime()) out.push({ ...r, due });
  }
  return out;
}

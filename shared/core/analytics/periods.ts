/**
 * Report periods in the organisation's zone: the week, month or quarter around a
 * day, the last whole one before now, or any run of days. Pure: time comes in.
 */
import { DateTime } from 'luxon';
import type { Period, PeriodKind } from './measures.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local date "YYYY-MM-DD" (or "DD.MM.YYYY", as Russians write it) in the zone, or null. */
export function parseLocalDate(text: string, zone: string): DateTime | null {
  const d = ISO_DATE.test(text) ? DateTime.fromISO(text, { zone }) : DateTime.fromFormat(text, 'dd.MM.yyyy', { zone });
  return d.isValid ? d.startOf('day') : null;
}

/** The calendar period of `kind` containing the local day `day`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, day: DateTime, zone: string): Period {
  const from = day.setZone(zone).startOf(kind);
  const to = from.plus(kind === 'week' ? { weeks: 1 } : kind === 'month' ? { months: 1 } : { quarters: 1 });
  return { kind, from: from.toJSDate(), to: to.toJSDate(), timezone: zone };
}

/** The last whole period of `kind` before `now`: last week, last month, last quarter. */
export function previousPeriod(kind: Exclude<PeriodKind, 'custom'>, now: Date, zone: string): Period {
  const current = periodContaining(kind, DateTime.fromJSDate(now, { zone }), zone);
  return periodContaining(kind, DateTime.fromJSDate(current.from, { zone }).minus({ days: 1 }), zone);
}

/** First and last local day, both included; named as a week, month or quarter when it is exactly one. */
export function periodBetween(first: DateTime, last: DateTime, zone: string): Period | null {
  if (last < first) return null;
  const from = first.setZone(zone).startOf('day');
  const to = last.setZone(zone).startOf('day').plus({ days: 1 });
  for (const kind of ['week', 'month', 'quarter'] as const) {
    const p = periodContaining(kind, from, zone);
    if (p.from.getTime() === from.toMillis() && p.to.getTime() === to.toMillis()) return p;
  }
  return { kind: 'custom', from: from.toJSDate(), to: to.toJSDate(), timezone: zone };
}

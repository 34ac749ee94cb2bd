import { dayFromParts } from '../dates.js';
import type { ProductionCalendar } from './production-calendar.js';

/**
 * Working-time norms of the standard 40-hour, five-day week (8-hour days, a
 * shortened pre-holiday day one hour less), as the official production
 * calendar publishes them per month.
 */
export interface MonthNorm {
  month: number;
  workDays: number;
  workHours: number;
}

export function yearNorms(calendar: ProductionCalendar, year: number): { year: number; months: MonthNorm[]; total: { workDays: number; workHours: number } } {
  const months: MonthNorm[] = [];
  for (let month = 1; month <= 12; month++) {
    const first = dayFromParts(year, month, 1);
    const next = month === 12 ? dayFromParts(year + 1, 1, 1) : dayFromParts(year, month + 1, 1);
    let workDays = 0;
    let workMinutes = 0;
    for (let n = first; n < next; n++) {
      const d = calendar.day(n);
      if (d.off) continue;
      const full = d.intervals ? d.intervals.reduce((s, [a, b]) => s + b - a, 0) : d.scheduleOf <= 5 ? 480 : 0;
      const minutes = Math.max(0, full - (d.shorten === -1 ? 60 : d.shorten));
      if (full === 0) continue;
      workDays++;
      workMinutes += minutes;
    }
    months.push({ month, workDays, workHours: workMinutes / 60 });
  }
  const total = months.reduce((s, m) => ({ workDays: s.workDays + m.workDays, workHours: s.workHours + m.workHours }), { workDays: 0, workHours: 0 });
  return { year, months, total };
}

import { dayFromParts, isoFromDay, weekdayOf } from '../dates.js';
import type { FederalYear } from './types.js';

/**
 * The production calendar as the Labour Code alone defines it, for a year
 * whose Government decree is not (yet) in the data:
 * - art. 112 part 1: January 1–6 and 8 (New Year holidays), January 7,
 *   February 23, March 8, May 1, May 9, June 12, November 4. December 31 is
 *   not among them (it has been a day off only by yearly decree).
 * - art. 112 part 2: a holiday outside January that falls on a weekend moves
 *   the day off to the next working day; January's are left to the decree.
 * - art. 95: the working day right before a holiday is one hour shorter.
 */
const FIXED: Array<[month: number, day: number, name: string]> = [
  [1, 1, 'Новогодние каникулы'],
  [1, 2, 'Новогодние каникулы'],
  [1, 3, 'Новогодние каникулы'],
  [1, 4, 'Новогодние каникулы'],
  [1, 5, 'Новогодние каникулы'],
  [1, 6, 'Новогодние каникулы'],
  [1, 7, 'Рождество Христово'],
  [1, 8, 'Новогодние каникулы'],
  [2, 23, 'День защитника Отечества'],
  [3, 8, 'Международный женский день'],
  [5, 1, 'Праздник Весны и Труда'],
  [5, 9, 'День Победы'],
  [6, 12, 'День России'],
  [11, 4, 'День народного единства'],
];

export function labourCodeHolidays(year: number): Array<{ date: string; name: string }> {
  return FIXED.map(([m, d, name]) => ({ date: isoFromDay(dayFromParts(year, m, d)), name }));
}

export function labourCodeYear(year: number): FederalYear {
  const holidays = labourCodeHolidays(year);
  const holidayDays = new Set(holidays.map((h) => dayFromParts(year, Number(h.date.slice(5, 7)), Number(h.date.slice(8, 10)))));
  const daysOff = new Set<number>();
  const transfers: FederalYear['transfers'] = [];
  for (const h of holidays) {
    const n = dayFromParts(year, Number(h.date.slice(5, 7)), Number(h.date.slice(8, 10)));
    if (h.date.slice(5, 7) === '01' || weekdayOf(n) < 6) continue;
    let to = n + 1;
    while (weekdayOf(to) >= 6 || holidayDays.has(to) || daysOff.has(to)) to++;
    daysOff.add(to);
    transfers.push({ from: h.date, to: isoFromDay(to), basis: 'Labour Code art. 112 part 2' });
  }
  const nextYearNewYear = dayFromParts(year + 1, 1, 1);
  const shortened: string[] = [];
  const first = dayFromParts(year, 1, 1);
  for (let n = first; n < nextYearNewYear; n++) {
    const working = weekdayOf(n) < 6 && !holidayDays.has(n) && !daysOff.has(n);
    if (working && (holidayDays.has(n + 1) || n + 1 === nextYearNewYear)) shortened.push(isoFromDay(n));
  }
  return {
    year,
    provisional: true,
    source: 'Трудовой кодекс РФ, ст. 112 и ст. 95 (no decree data for this year)',
    crossCheck: 'computed from the Labour Code rules',
    holidays,
    transfers,
    shortened,
  };
}

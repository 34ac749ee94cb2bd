/**
 * One year of the Russian federal production calendar (производственный
 * календарь) as data: the Labour Code's holidays, the transfers of days off
 * fixed by the Government's yearly decree, and the shortened pre-holiday days.
 * Dates are local calendar dates, `YYYY-MM-DD`.
 */
export interface FederalYear {
  year: number;
  /** The legal act the transfers come from, cited in full. */
  source: string;
  /** A second, independent source the dates were checked against. */
  crossCheck: string;
  /** True while the year's decree is not yet published: the data is then the Labour Code alone. */
  provisional?: boolean;
  /** Non-working holidays of Labour Code art. 112 part 1 that fall in this year, weekends included. */
  holidays: Array<{ date: string; name: string }>;
  /**
   * Days off moved to another date. `to` becomes a day off; `from` becomes a
   * working day unless it is itself a holiday (a January holiday on a weekend
   * is moved without making the weekend a working day). A working `from`
   * works by the schedule of `to`'s weekday.
   */
  transfers: Array<{ from: string; to: string; basis: string }>;
  /** Pre-holiday working days, one hour shorter (Labour Code art. 95). */
  shortened: string[];
  /** The official norm for a 40-hour five-day week, kept to cross-check the data. */
  norm?: { workDays: number; workHours: number };
}

/**
 * Local calendar dates as integer day numbers (days since 1970-01-01), so the
 * tables can index days without Date objects. Pure arithmetic on the
 * proleptic Gregorian calendar; time zones do not enter here.
 */

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` → day number. Throws on a malformed or impossible date. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const n = dayFromParts(y, mo, d);
  const back = partsFromDay(n);
  if (back.year !== y || back.month !== mo || back.day !== d) throw new Error(`no such date: ${iso}`);
  return n;
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function partsFromDay(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoFromDay(n: number): string {
  const { year, month, day } = partsFromDay(n);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function weekdayOf(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(n: number): boolean {
  return weekdayOf(n) >= 6;
}

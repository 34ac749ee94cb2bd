import { DateTime, IANAZone } from 'luxon';
import { dayFromParts } from './dates.js';
import { ProductionCalendar } from './calendar/production-calendar.js';
import type { CalendarAdjustments } from './calendar/adjustments.js';
import { DEFAULT_SCHEDULE, parseSchedule, shorten, type Schedule, type ScheduleInput } from './schedule.js';
import type { Clock, Duration } from './duration.js';

/**
 * Working-time arithmetic for one organisation: its time zone, its weekly
 * schedule and its production calendar.
 *
 * Every local date is turned once into its working intervals as UTC epoch
 * milliseconds, with the cumulative working time before each interval, so
 * that adding or subtracting working time is two binary searches and some
 * arithmetic on numbers. The table covers whole years and grows on demand;
 * luxon is used only to build it.
 *
 * Conventions (see index.ts):
 * - intervals are half-open, [09:00, 13:00): 13:00 itself is not working time;
 * - an instant outside working time starts counting at the next working moment;
 * - adding N gives the earliest instant at which N working minutes have elapsed
 *   (09:00 + 4 h = 13:00, not 14:00);
 * - subtracting N gives the latest instant with N working minutes still ahead
 *   (18:00 − 4 h = 14:00);
 * - N working days end at the same working clock time N working days later
 *   (clamped into the target day's hours when that day is shorter).
 */

export type Instant = number | Date;

const MINUTE = 60_000;
const DAY = 86_400_000;
const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

export interface WorkTimeOptions {
  /** IANA time zone of the organisation, e.g. "Asia/Kamchatka". */
  timezone: string;
  /** The weekly schedule; Monday–Friday 09:00–13:00, 14:00–18:00 by default. */
  schedule?: ScheduleInput;
  /** A calendar to share; otherwise one is built from `adjustments` and the shipped federal data. */
  calendar?: ProductionCalendar;
  adjustments?: CalendarAdjustments;
  /** Where the calendar's once-per-year warnings go (console.warn by default). */
  warn?: (message: string) => void;
}

interface Table {
  firstYear: number;
  lastYear: number;
  firstDay: number;
  startMs: number;
  endMs: number;
  n: number;
  start: Float64Array;
  end: Float64Array;
  /** Working ms before interval i. */
  cum: Float64Array;
  /** Working ms up to the end of interval i. */
  cumEnd: Float64Array;
  /** Local ms since midnight at which interval i starts. */
  localStart: Float64Array;
  /** Day index (from firstDay) of interval i. */
  day: Int32Array;
  /** First interval of day d; dayFirst[d + 1] ends it. */
  dayFirst: Int32Array;
  /** Working days before day d. */
  workOrd: Int32Array;
  /** Day index of the k-th working day. */
  workDays: Int32Array;
  total: number;
}

const ms = (t: Instant): number => (typeof t === 'number' ? t : t.getTime());

export class WorkTime {
  readonly timezone: string;
  readonly schedule: Schedule;
  readonly calendar: ProductionCalendar;
  private readonly zone: IANAZone;
  private t: Table | null = null;

  constructor(opts: WorkTimeOptions) {
    const zone = IANAZone.create(opts.timezone);
    if (!zone.isValid) throw new Error(`unknown time zone: ${opts.timezone}`);
    this.zone = zone;
    this.timezone = opts.timezone;
    this.schedule = parseSchedule(opts.schedule ?? DEFAULT_SCHEDULE);
    this.calendar = opts.calendar ?? new ProductionCalendar({ adjustments: opts.adjustments, warn: opts.warn });
  }

  // ---- public arithmetic -------------------------------------------------

  /** The earliest instant at which `minutes` working minutes have elapsed since `t`. */
  addWorkingMinutes(t: Instant, minutes: number): number {
    return this.addMs(ms(t), Math.round(minutes * MINUTE));
  }

  /** The latest instant from which `minutes` working minutes remain until `t`. */
  subWorkingMinutes(t: Instant, minutes: number): number {
    return this.subMs(ms(t), Math.round(minutes * MINUTE));
  }

  addWorkingHours(t: Instant, hours: number): number {
    return this.addWorkingMinutes(t, hours * 60);
  }

  subWorkingHours(t: Instant, hours: number): number {
    return this.subWorkingMinutes(t, hours * 60);
  }

  /** The same working clock time `days` working days later (counting from the next working moment). */
  addWorkingDays(t: Instant, days: number): number {
    if (days < 0) return this.subWorkingDays(t, -days);
    return this.addDays(ms(t), Math.round(days));
  }

  /** The same working clock time `days` working days earlier (counting from the last working moment). */
  subWorkingDays(t: Instant, days: number): number {
    if (days < 0) return this.addWorkingDays(t, -days);
    return this.subDays(ms(t), Math.round(days));
  }

  /** Calendar time: `days` local calendar days (same wall-clock time) and then `minutes` elapsed minutes. */
  addCalendar(t: Instant, d: Duration): number {
    let x = ms(t);
    if (d.days) x = DateTime.fromMillis(x, { zone: this.zone }).plus({ days: d.days }).toMillis();
    return x + d.minutes * MINUTE;
  }

  subCalendar(t: Instant, d: Duration): number {
    let x = ms(t) - d.minutes * MINUTE;
    if (d.days) x = DateTime.fromMillis(x, { zone: this.zone }).minus({ days: d.days }).toMillis();
    return x;
  }

  /**
   * `t` itself when its local date has working time; otherwise the same
   * wall-clock time on the nearest date that has, after `t` (direction 1:
   * Civil Code art. 193, a term ending on a day off ends on the next working
   * day) or before it (direction -1).
   */
  onWorkingDay(t: Instant, direction: 1 | -1 = 1): number {
    let local = DateTime.fromMillis(ms(t), { zone: this.zone });
    // A year without one working day cannot be built (grow() refuses), so this ends well within a year.
    for (let i = 0; i <= 366; i++) {
      if (this.intervalsOn(local.toISODate()!).length > 0) return i === 0 ? ms(t) : local.toMillis();
      local = local.plus({ days: direction });
    }
    throw new Error(`no working day within a year of ${new Date(ms(t)).toISOString()}`);
  }

  /** Adds a duration on the given clock: working days first, then working minutes. */
  add(t: Instant, d: Duration, clock: Clock): number {
    if (clock === 'calendar') return this.addCalendar(t, d);
    let x = ms(t);
    if (d.days) x = this.addDays(x, d.days);
    if (d.minutes || !d.days) x = this.addMs(x, d.minutes * MINUTE);
    return x;
  }

  /** Subtracts a duration on the given clock: working minutes first, then working days. */
  sub(t: Instant, d: Duration, clock: Clock): number {
    if (clock === 'calendar') return this.subCalendar(t, d);
    let x = ms(t);
    if (d.minutes) x = this.subMs(x, d.minutes * MINUTE);
    if (d.days) x = this.subDays(x, d.days);
    return x;
  }

  /** Working minutes in [a, b); negative when b is before a. */
  workingMinutesBetween(a: Instant, b: Instant): number {
    const x = ms(a);
    const y = ms(b);
    if (y < x) return -this.workingMinutesBetween(y, x);
    this.cover(x);
    this.cover(y);
    return (this.position(y) - this.position(x)) / MINUTE;
  }

  /** Elapsed time on a clock between a and b, in minutes. */
  elapsed(a: Instant, b: Instant, clock: Clock): number {
    return clock === 'calendar' ? (ms(b) - ms(a)) / MINUTE : this.workingMinutesBetween(a, b);
  }

  isWorkingTime(t: Instant): boolean {
    const x = ms(t);
    this.cover(x);
    const i = this.locate(x);
    return this.t!.start[i]! <= x;
  }

  /** `t` itself when it is working time, otherwise the start of the next working interval. */
  nextWorkingMoment(t: Instant): number {
    const x = ms(t);
    this.cover(x);
    const i = this.locate(x);
    return Math.max(x, this.t!.start[i]!);
  }

  /** The working intervals of a local date, as UTC epoch ms pairs. */
  intervalsOn(isoDate: string): Array<[number, number]> {
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    const n = dayFromParts(y, m, d);
    this.coverYears(y, y);
    const t = this.t!;
    const di = n - t.firstDay;
    const out: Array<[number, number]> = [];
    for (let i = t.dayFirst[di]!; i < t.dayFirst[di + 1]!; i++) out.push([t.start[i]!, t.end[i]!]);
    return out;
  }

  // ---- hot path -----------------------------------------------------------

  private addMs(x: number, n: number): number {
    if (n < 0) return this.subMs(x, -n);
    this.cover(x);
    if (n === 0) return Math.max(x, this.t!.start[this.locate(x)]!);
    let p = this.position(x) + n;
    while (p > this.t!.total) {
      this.grow(this.t!.firstYear, this.t!.lastYear + 1);
      p = this.position(x) + n;
    }
    const t = this.t!;
    // Smallest j whose cumulative end reaches p: the earliest instant.
    let lo = 0;
    let hi = t.n - 1;
    const cumEnd = t.cumEnd;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumEnd[mid]! >= p) hi = mid;
      else lo = mid + 1;
    }
    return t.start[lo]! + (p - t.cum[lo]!);
  }

  private subMs(x: number, n: number): number {
    if (n < 0) return this.addMs(x, -n);
    if (n === 0) return x;
    this.cover(x);
    let p = this.position(x) - n;
    while (p < 0) {
      this.grow(this.t!.firstYear - 1, this.t!.lastYear);
      p = this.position(x) - n;
    }
    const t = this.t!;
    // Largest j whose cumulative start is at most p: the latest instant.
    let lo = 0;
    let hi = t.n - 1;
    const cum = t.cum;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cum[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return t.start[lo]! + (p - cum[lo]!);
  }

  /** Index of the first interval ending after x (the table covers x and has one). */
  private locate(x: number): number {
    const end = this.t!.end;
    let lo = 0;
    let hi = this.t!.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (end[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Working ms in the table before x. */
  private position(x: number): number {
    const t = this.t!;
    const i = this.locate(x);
    const s = t.start[i]!;
    return x > s ? t.cum[i]! + (x - s) : t.cum[i]!;
  }

  private addDays(x: number, days: number): number {
    this.cover(x);
    if (days === 0) return Math.max(x, this.t!.start[this.locate(x)]!);
    let t = this.t!;
    const i = this.locate(x);
    const from = Math.max(x, t.start[i]!);
    const clock = t.localStart[i]! + (from - t.start[i]!);
    const dayNum = t.day[i]! + t.firstDay;
    while (true) {
      t = this.t!;
      const ord = t.workOrd[dayNum - t.firstDay]! + days;
      if (ord < t.workDays.length) return this.placeEarliest(t.workDays[ord]!, clock);
      this.grow(t.firstYear, t.lastYear + 1);
    }
  }

  private subDays(x: number, days: number): number {
    this.cover(x);
    let t = this.t!;
    let i = this.locate(x);
    let at = x;
    if (t.start[i]! > x) {
      // Outside working time: count from the end of the previous interval.
      while (i === 0) {
        this.grow(t.firstYear - 1, t.lastYear);
        t = this.t!;
        i = this.locate(x);
      }
      i -= 1;
      at = t.end[i]!;
    }
    const clock = t.localStart[i]! + (at - t.start[i]!);
    const dayNum = t.day[i]! + t.firstDay;
    while (true) {
      t = this.t!;
      const ord = t.workOrd[dayNum - t.firstDay]! - days;
      if (ord >= 0) return this.placeLatest(t.workDays[ord]!, clock);
      this.grow(t.firstYear - 1, t.lastYear);
    }
  }

  /** The earliest instant on day d whose working clock reaches `clock`. */
  private placeEarliest(d: number, clock: number): number {
    const t = this.t!;
    const a = t.dayFirst[d]!;
    const b = t.dayFirst[d + 1]!;
    for (let k = a; k < b; k++) {
      const ls = t.localStart[k]!;
      const len = t.end[k]! - t.start[k]!;
      if (clock < ls) return k === a ? t.start[k]! : t.end[k - 1]!;
      if (clock <= ls + len) return t.start[k]! + (clock - ls);
    }
    return t.end[b - 1]!;
  }

  /** The latest instant on day d at or after working clock `clock`. */
  private placeLatest(d: number, clock: number): number {
    const t = this.t!;
    const a = t.dayFirst[d]!;
    const b = t.dayFirst[d + 1]!;
    for (let k = a; k < b; k++) {
      const ls = t.localStart[k]!;
      const len = t.end[k]! - t.start[k]!;
      if (clock < ls) return t.start[k]!;
      if (clock < ls + len) return t.start[k]! + (clock - ls);
    }
    return t.end[b - 1]!;
  }

  // ---- the table ------------------------------------------------------------

  /** Makes sure the table covers x and has a working interval ending after it. */
  private cover(x: number): void {
    const t = this.t;
    if (t !== null && x >= t.startMs && x < t.end[t.n - 1]!) return;
    const year = this.localYear(x);
    if (t === null) {
      this.coverYears(year, year);
    } else if (x < t.startMs) {
      this.grow(Math.min(year, t.firstYear - 1), t.lastYear);
    } else {
      this.grow(t.firstYear, Math.max(year, t.lastYear + 1));
    }
    // A year may hold no working time at the tail (e.g. after 31 Dec's last interval): keep growing.
    while (x >= this.t!.end[this.t!.n - 1]!) this.grow(this.t!.firstYear, this.t!.lastYear + 1);
  }

  private coverYears(a: number, b: number): void {
    const t = this.t;
    if (t && a >= t.firstYear && b <= t.lastYear) return;
    this.grow(t ? Math.min(a, t.firstYear) : a, t ? Math.max(b, t.lastYear) : b);
  }

  private localYear(x: number): number {
    const local = x + this.zone.offset(x) * MINUTE;
    return new Date(local).getUTCFullYear();
  }

  /** Local wall time (day number, ms since midnight) → UTC epoch ms. */
  private toUtc(day: number, msOfDay: number): number {
    const local = day * DAY + msOfDay;
    const guess = local - this.zone.offset(local) * MINUTE;
    return local - this.zone.offset(guess) * MINUTE;
  }

  private grow(firstYear: number, lastYear: number): void {
    if (firstYear < MIN_YEAR || lastYear > MAX_YEAR) {
      throw new Error(`working time is computed for ${MIN_YEAR}–${MAX_YEAR} only (asked for ${firstYear}–${lastYear})`);
    }
    const firstDay = dayFromParts(firstYear, 1, 1);
    const endDay = dayFromParts(lastYear + 1, 1, 1);
    const nDays = endDay - firstDay;
    const starts: number[] = [];
    const ends: number[] = [];
    const locals: number[] = [];
    const days: number[] = [];
    const dayFirst = new Int32Array(nDays + 1);
    const workOrd = new Int32Array(nDays + 1);
    const workDays: number[] = [];
    for (let d = 0; d < nDays; d++) {
      const n = firstDay + d;
      dayFirst[d] = starts.length;
      workOrd[d] = workDays.length;
      const cal = this.calendar.day(n);
      if (cal.off) continue;
      let ivs: ReadonlyArray<readonly [number, number]> = cal.intervals ?? this.schedule.days[cal.scheduleOf] ?? [];
      if (cal.shorten !== 0) ivs = shorten(ivs, cal.shorten === -1 ? this.schedule.shortenedBy : cal.shorten);
      if (ivs.length === 0) continue;
      workDays.push(d);
      for (const [a, b] of ivs) {
        const s = this.toUtc(n, a * MINUTE);
        const e = this.toUtc(n, b * MINUTE);
        if (e <= s) continue; // swallowed by a daylight-saving jump
        starts.push(s);
        ends.push(e);
        locals.push(a * MINUTE);
        days.push(d);
      }
    }
    dayFirst[nDays] = starts.length;
    workOrd[nDays] = workDays.length;
    if (starts.length === 0) throw new Error(`no working time at all in ${firstYear}–${lastYear}: check the schedule and calendar`);
    const n = starts.length;
    const cum = new Float64Array(n);
    const cumEnd = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      cum[i] = acc;
      acc += ends[i]! - starts[i]!;
      cumEnd[i] = acc;
    }
    this.t = {
      firstYear,
      lastYear,
      firstDay,
      startMs: this.toUtc(firstDay, 0),
      endMs: this.toUtc(endDay, 0),
      n,
      start: Float64Array.from(starts),
      end: Float64Array.from(ends),
      cum,
      cumEnd,
      localStart: Float64Array.from(locals),
      day: Int32Array.from(days),
      dayFirst,
      workOrd,
      workDays: Int32Array.from(workDays),
      total: acc,
    };
  }
}

export function createWorkTime(opts: WorkTimeOptions): WorkTime {
  return new WorkTime(opts);
}

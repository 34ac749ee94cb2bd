import { dayNumber, isWeekend, partsFromDay, weekdayOf } from '../dates.js';
import { parseInterval, WEEKDAYS } from '../schedule.js';
import { calendarAdjustmentsSchema, type CalendarAdjustments } from './adjustments.js';
import { federalYears } from './index.js';
import { labourCodeYear } from './labour-code.js';
import type { FederalYear } from './types.js';

/**
 * What the calendar says about one local date, before the work schedule is
 * applied: whether the date is a day off by law or by the organisation, which
 * weekday's schedule it follows (a transferred working Saturday works as the
 * weekday it was swapped with), and by how much it is shortened.
 */
export interface CalendarDay {
  off: boolean;
  /** ISO weekday (1 = Monday) whose schedule applies. */
  scheduleOf: number;
  /** Minutes cut from the end of the day; -1 means "the schedule's own shortening" (one hour by default). */
  shorten: number;
  /** Explicit intervals [start, end) in minutes, overriding the weekday's. */
  intervals?: Array<[number, number]>;
}

interface YearTable {
  off: Set<number>;
  workAs: Map<number, number>;
  shortened: Set<number>;
}

export interface ProductionCalendarOptions {
  /** Federal data by year; the shipped calendar by default. */
  years?: Readonly<Record<number, FederalYear>>;
  /** The organisation's own changes. */
  adjustments?: CalendarAdjustments;
  /** Called once per year that falls back to the Labour Code or is provisional. */
  warn?: (message: string) => void;
}

const defaultWarn = (message: string) => console.warn(message);

export class ProductionCalendar {
  private readonly years: Readonly<Record<number, FederalYear>>;
  private readonly tables = new Map<number, YearTable>();
  private readonly warn: (message: string) => void;
  private readonly orgOff = new Map<number, string>();
  private readonly orgWork = new Map<number, { scheduleOf?: number; intervals?: Array<[number, number]> }>();
  private readonly orgShort = new Map<number, number>();
  /** Years whose decree the organisation entered in its file, with the act cited. */
  private readonly orgDecrees = new Map<number, string>();

  constructor(opts: ProductionCalendarOptions = {}) {
    this.years = opts.years ?? federalYears;
    this.warn = opts.warn ?? defaultWarn;
    const adj = calendarAdjustmentsSchema.parse(opts.adjustments ?? {});
    for (const h of adj.holidays ?? []) this.orgOff.set(dayNumber(h.date), h.note);
    for (const w of adj.workingDays ?? []) {
      this.orgWork.set(dayNumber(w.date), {
        scheduleOf: w.as ? WEEKDAYS.indexOf(w.as) + 1 : undefined,
        intervals: w.intervals?.map((s) => parseInterval(s)!),
      });
    }
    for (const s of adj.shortenedDays ?? []) this.orgShort.set(dayNumber(s.date), s.by ?? -1);
    for (const d of adj.decrees ?? []) this.orgDecrees.set(d.year, d.source);
  }

  /**
   * The federal data used for a year, and whether it came from a shipped
   * decree, is provisional, is the Labour Code fallback, or is that data
   * completed by a decree the organisation entered in its file (the decree's
   * days are then among the adjustments, which win over `data`).
   */
  yearData(year: number): { data: FederalYear; basis: 'decree' | 'provisional' | 'labour-code' | 'organisation' } {
    const shipped = this.years[year];
    if (shipped && !shipped.provisional) return { data: shipped, basis: 'decree' };
    const data = shipped ?? labourCodeYear(year);
    const orgSource = this.orgDecrees.get(year);
    if (orgSource !== undefined) return { data: { ...data, source: orgSource, provisional: false }, basis: 'organisation' };
    return { data, basis: shipped ? 'provisional' : 'labour-code' };
  }

  private table(year: number): YearTable {
    let t = this.tables.get(year);
    if (t) return t;
    const { data, basis } = this.yearData(year);
    if (basis === 'labour-code') {
      this.warn(
        `production calendar: no data for ${year}; using the Labour Code's fixed holidays (art. 112) without the Government's transfers — add shared/core/sla/calendar/ru-${year}.ts when the decree is published`,
      );
    } else if (basis === 'provisional') {
      this.warn(`production calendar: ${year} is provisional (${data.source}); transfers of days off may be missing`);
    }
    const holidays = new Set(data.holidays.map((h) => dayNumber(h.date)));
    const off = new Set(holidays);
    const workAs = new Map<number, number>();
    for (const tr of data.transfers) {
      const from = dayNumber(tr.from);
      const to = dayNumber(tr.to);
      off.add(to);
      if (!holidays.has(from) && isWeekend(from)) workAs.set(from, weekdayOf(to));
    }
    t = { off, workAs, shortened: new Set(data.shortened.map(dayNumber)) };
    this.tables.set(year, t);
    return t;
  }

  /** The calendar's word on a day number (see dates.ts); the organisation's changes win over federal data. */
  day(n: number): CalendarDay {
    const own = weekdayOf(n);
    if (this.orgOff.has(n)) return { off: true, scheduleOf: own, shorten: 0 };
    const t = this.table(partsFromDay(n).year);
    const org = this.orgWork.get(n);
    const orgShort = this.orgShort.get(n);
    const shorten = orgShort !== undefined ? orgShort : t.shortened.has(n) ? -1 : 0;
    if (org) {
      const scheduleOf = org.scheduleOf ?? t.workAs.get(n) ?? (own >= 6 ? 1 : own);
      return { off: false, scheduleOf, shorten, ...(org.intervals ? { intervals: org.intervals } : {}) };
    }
    if (t.off.has(n)) return { off: true, scheduleOf: own, shorten: 0 };
    const as = t.workAs.get(n);
    return { off: false, scheduleOf: as ?? own, shorten };
  }

  /** True when the date (YYYY-MM-DD) is a working day of the standard five-day week. */
  isStandardWorkday(iso: string): boolean {
    const n = dayNumber(iso);
    const d = this.day(n);
    return !d.off && (d.intervals ? d.intervals.length > 0 : d.scheduleOf <= 5);
  }
}

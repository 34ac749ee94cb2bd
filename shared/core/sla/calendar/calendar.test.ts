import { describe, expect, it, vi } from 'vitest';
import { dayNumber } from '../dates.js';
import { calendarAdjustmentsSchema } from './adjustments.js';
import { federalYears } from './index.js';
import { labourCodeYear } from './labour-code.js';
import { yearNorms } from './norms.js';
import { ProductionCalendar } from './production-calendar.js';

const quiet = () => new ProductionCalendar({ warn: () => {} });
const monthly = (year: number) => yearNorms(quiet(), year).months.map((m) => [m.workDays, m.workHours]);

describe('federal production calendar data', () => {
  it('every shipped year cites its source and a cross-check', () => {
    for (const [year, data] of Object.entries(federalYears)) {
      expect(data.year).toBe(Number(year));
      expect(data.source.length).toBeGreaterThan(20);
      expect(data.crossCheck.length).toBeGreaterThan(20);
    }
    expect(federalYears[2024]!.source).toContain('№ 1314');
    expect(federalYears[2025]!.source).toContain('№ 1335');
    expect(federalYears[2026]!.source).toContain('№ 1466');
  });

  it('matches the official annual norms (40-hour week) where a decree exists', () => {
    for (const data of Object.values(federalYears)) {
      if (!data.norm) continue;
      expect(yearNorms(quiet(), data.year).total, String(data.year)).toEqual(data.norm);
    }
  });

  it('2025 matches the official monthly norms', () => {
    expect(monthly(2025)).toEqual([
      [17, 136], [20, 160], [21, 167], [22, 175], [18, 144], [19, 151],
      [23, 184], [21, 168], [22, 176], [23, 184], [19, 151], [22, 176],
    ]);
  });

  it('2026 matches the official monthly norms', () => {
    expect(monthly(2026)).toEqual([
      [15, 120], [19, 152], [21, 168], [22, 175], [19, 151], [21, 167],
      [23, 184], [21, 168], [22, 176], [22, 176], [20, 159], [22, 176],
    ]);
  });

  it('2024 matches the official monthly norms', () => {
    expect(monthly(2024)).toEqual([
      [17, 136], [20, 159], [20, 159], [21, 168], [20, 159], [19, 151],
      [23, 184], [22, 176], [21, 168], [23, 184], [21, 167], [21, 168],
    ]);
  });

  it('applies decree transfers: a weekend holiday moved elsewhere, a Saturday made working by the swapped weekday', () => {
    const cal = quiet();
    expect(cal.day(dayNumber('2025-05-08')).off).toBe(true); // from Sunday 23 February
    expect(cal.day(dayNumber('2025-06-13')).off).toBe(true); // from Saturday 8 March
    expect(cal.day(dayNumber('2025-02-24')).off).toBe(false); // the decree, not art. 112 part 2, decides
    expect(cal.day(dayNumber('2025-11-01'))).toEqual({ off: false, scheduleOf: 1, shorten: -1 }); // works as Monday 3 Nov, shortened
    expect(cal.day(dayNumber('2025-11-03')).off).toBe(true);
    expect(cal.day(dayNumber('2025-01-04'))).toMatchObject({ off: true }); // a January holiday stays off
    expect(cal.day(dayNumber('2025-12-31')).off).toBe(true);
    expect(cal.day(dayNumber('2024-12-28'))).toMatchObject({ off: false, scheduleOf: 1, shorten: 0 });
  });

  it('2027 follows decree No. 1187: New Year weekend days to 5 November and 31 December, 20 February working and shortened', () => {
    const shipped = federalYears[2027]!;
    expect(shipped.provisional).toBeUndefined();
    expect(shipped.source).toContain('№ 1187');
    const cal = quiet();
    expect(cal.day(dayNumber('2027-02-20'))).toEqual({ off: false, scheduleOf: 1, shorten: -1 }); // a Saturday working as Monday 22nd
    expect(cal.day(dayNumber('2027-02-22')).off).toBe(true);
    expect(cal.day(dayNumber('2027-11-05')).off).toBe(true);
    expect(cal.day(dayNumber('2027-12-31')).off).toBe(true);
    expect(cal.day(dayNumber('2027-12-30'))).toMatchObject({ off: false, shorten: 0 }); // 31 December is a moved day off, not a holiday
    expect(shipped.shortened).toEqual(['2027-02-20', '2027-04-30', '2027-06-11', '2027-11-03']);
    // The Labour Code's own moves of weekend holidays are the same as the fallback computes.
    const byCode = labourCodeYear(2027).transfers;
    expect(shipped.transfers.filter((t) => t.basis.startsWith('Labour Code'))).toEqual(byCode);
  });

  it('2027 monthly norms follow from the decree', () => {
    // Counted by hand from the decree's days: February 19/151 (22nd off, 20th worked short), November 20/159, December 22/176.
    expect(monthly(2027)).toEqual([
      [15, 120], [19, 151], [22, 176], [22, 175], [19, 152], [21, 167],
      [22, 176], [22, 176], [22, 176], [21, 168], [20, 159], [22, 176],
    ]);
    expect(yearNorms(quiet(), 2027).total).toEqual({ workDays: 247, workHours: 1972 });
  });

  it('the Labour Code fallback has the art. 112 holidays and not 31 December', () => {
    const y = labourCodeYear(2031);
    expect(y.holidays.map((h) => h.date)).toEqual([
      '2031-01-01', '2031-01-02', '2031-01-03', '2031-01-04', '2031-01-05', '2031-01-06', '2031-01-07', '2031-01-08',
      '2031-02-23', '2031-03-08', '2031-05-01', '2031-05-09', '2031-06-12', '2031-11-04',
    ]);
    // 8 March 2031 is a Saturday: the day off moves to Monday 10 March (art. 112 part 2).
    expect(y.transfers).toContainEqual({ from: '2031-03-08', to: '2031-03-10', basis: 'Labour Code art. 112 part 2' });
    expect(y.shortened).toContain('2031-12-31');
  });
});

describe('fallback and warnings', () => {
  it('warns once for a year without data, however many days are asked', () => {
    const warn = vi.fn();
    const cal = new ProductionCalendar({ warn });
    for (let d = 0; d < 365; d++) cal.day(dayNumber('2030-01-01') + d);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('no data for 2030');
    expect(cal.day(dayNumber('2030-01-07')).off).toBe(true);
    expect(cal.day(dayNumber('2030-12-31')).off).toBe(false);
  });

  it('warns once for a provisional year and never for decree years', () => {
    const warn = vi.fn();
    const cal = new ProductionCalendar({ warn, years: { ...federalYears, 2028: { ...labourCodeYear(2028), provisional: true, source: 'Трудовой кодекс РФ (test data)' } } });
    yearNorms(cal, 2025);
    yearNorms(cal, 2026);
    yearNorms(cal, 2027);
    expect(warn).not.toHaveBeenCalled();
    yearNorms(cal, 2028);
    yearNorms(cal, 2028);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('2028 is provisional');
  });
});

describe('organisation adjustments', () => {
  const cal = new ProductionCalendar({
    warn: () => {},
    adjustments: {
      holidays: [{ date: '2025-09-02', note: 'regional holiday' }],
      workingDays: [
        { date: '2025-09-06', note: 'community clean-up Saturday', as: 'fri' },
        { date: '2025-09-07', note: 'election Sunday', intervals: ['10:00-14:00'] },
      ],
      shortenedDays: [{ date: '2025-09-05', note: 'before the clean-up', by: 120 }],
    },
  });

  it('wins over the federal data', () => {
    expect(cal.day(dayNumber('2025-09-02')).off).toBe(true);
    expect(cal.day(dayNumber('2025-09-06'))).toEqual({ off: false, scheduleOf: 5, shorten: 0 });
    expect(cal.day(dayNumber('2025-09-07'))).toMatchObject({ off: false, shorten: 0, intervals: [[600, 840]] });
    expect(cal.day(dayNumber('2025-09-05'))).toEqual({ off: false, scheduleOf: 5, shorten: 120 });
  });

  it('a decree entered in the organisation file, as docs/ru/calendar.md shows, gives the shipped year and stops the warning', () => {
    // 2027 entered over the Labour Code alone, exactly as the guide tells an administration to enter next year's decree.
    const warn = vi.fn();
    const entered = new ProductionCalendar({
      warn,
      years: {},
      adjustments: {
        decrees: [{ year: 2027, source: 'Постановление Правительства РФ от 17.09.2026 № 1187 «О переносе выходных дней в 2027 году»' }],
        holidays: [
          { date: '2027-02-22', note: 'перенос с 20 февраля' },
          { date: '2027-11-05', note: 'перенос со 2 января' },
          { date: '2027-12-31', note: 'перенос с 3 января' },
        ],
        workingDays: [{ date: '2027-02-20', note: 'рабочая суббота вместо 22 февраля', as: 'mon' }],
        shortenedDays: [{ date: '2027-02-20', note: 'предпраздничный день' }],
      },
    });
    expect(yearNorms(entered, 2027)).toEqual(yearNorms(quiet(), 2027));
    expect(warn).not.toHaveBeenCalled();
    expect(entered.yearData(2027)).toMatchObject({ basis: 'organisation', data: { source: expect.stringContaining('№ 1187') } });
    // Without the `decrees` entry the same days still apply, but the year is the Labour Code fallback and says so.
    const unnamed = new ProductionCalendar({ warn, years: {}, adjustments: { holidays: [{ date: '2027-11-05', note: 'перенос' }] } });
    expect(unnamed.day(dayNumber('2027-11-05')).off).toBe(true);
    expect(unnamed.day(dayNumber('2027-11-08')).off).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('no data for 2027');
  });

  it('rejects malformed adjustments with the field named', () => {
    const bad = calendarAdjustmentsSchema.safeParse({ holidays: [{ date: '2025-02-30', note: 'x' }], extra: 1 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('holidays.0.date');
  });
});

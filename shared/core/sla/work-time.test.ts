import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { parseDuration } from './duration.js';
import { scheduleSchema } from './schedule.js';
import { WorkTime } from './work-time.js';

/** Tables read as local wall time in the organisation's zone: "2025-03-03 09:00". */
function clock(zone: string) {
  const wt = new WorkTime({ timezone: zone, warn: () => {} });
  const at = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
  const show = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
  return { wt, at, show };
}

describe('working minutes in Moscow on the default schedule', () => {
  const { wt, at, show } = clock('Europe/Moscow');
  const add = (s: string, minutes: number) => show(wt.addWorkingMinutes(at(s), minutes));
  const sub = (s: string, minutes: number) => show(wt.subWorkingMinutes(at(s), minutes));

  it.each([
    ['09:00 + 4 h is 13:00, the earliest instant (not 14:00)', '2025-03-03 09:00', 240, '2025-03-03 13:00'],
    ['across lunch', '2025-03-03 12:30', 60, '2025-03-03 14:30'],
    ['from inside lunch, counting starts at 14:00', '2025-03-03 13:30', 60, '2025-03-03 15:00'],
    ['10:00 + 8 h is 10:00 the next working day', '2025-03-03 10:00', 480, '2025-03-04 10:00'],
    ['from the evening, counting starts next morning', '2025-03-03 19:00', 60, '2025-03-04 10:00'],
    ['from 18:00 exactly (not working time)', '2025-03-03 18:00', 30, '2025-03-04 09:30'],
    ['from before opening', '2025-03-04 06:00', 30, '2025-03-04 09:30'],
    ['over the weekend', '2025-03-14 17:00', 120, '2025-03-17 10:00'],
    ['from a Sunday', '2025-03-16 12:00', 30, '2025-03-17 09:30'],
    ['over the New Year holidays (31 Dec to 11 Jan off)', '2025-12-30 16:00', 480, '2026-01-12 16:00'],
    ['onto the transferred working Saturday 1 Nov 2025, itself shortened', '2025-10-31 16:00', 480, '2025-11-01 16:00'],
    ['the shortened pre-holiday day 7 Mar 2025 ends at 17:00', '2025-03-07 16:30', 60, '2025-03-10 09:30'],
    ['an instant on a holiday waits for the next working day', '2025-06-12 10:00', 60, '2025-06-16 10:00'],
    ['zero minutes from outside working time is the next working moment', '2025-03-03 13:10', 0, '2025-03-03 14:00'],
  ])('%s', (_name, from, minutes, expected) => {
    expect(add(from, minutes)).toBe(expected);
  });

  it.each([
    ['18:00 − 4 h is 14:00, the latest instant', '2025-03-03 18:00', 240, '2025-03-03 14:00'],
    ['back across lunch', '2025-03-03 14:30', 60, '2025-03-03 12:30'],
    ['back from lunch', '2025-03-03 13:30', 60, '2025-03-03 12:00'],
    ['back over the weekend', '2025-03-17 10:00', 120, '2025-03-14 17:00'],
    ['back over the New Year holidays', '2026-01-12 10:00', 120, '2025-12-30 17:00'],
    ['back into a shortened day', '2025-03-10 09:30', 60, '2025-03-07 16:30'],
  ])('%s', (_name, from, minutes, expected) => {
    expect(sub(from, minutes)).toBe(expected);
  });

  it('counts working minutes between instants', () => {
    expect(wt.workingMinutesBetween(at('2025-03-03 09:00'), at('2025-03-04 09:00'))).toBe(480);
    expect(wt.workingMinutesBetween(at('2025-03-07 00:00'), at('2025-03-08 00:00'))).toBe(420);
    expect(wt.workingMinutesBetween(at('2025-01-01 00:00'), at('2026-01-01 00:00'))).toBe(1972 * 60);
    expect(wt.workingMinutesBetween(at('2025-03-04 09:00'), at('2025-03-03 09:00'))).toBe(-480);
  });

  it('knows working time from lunch, evenings and holidays', () => {
    expect(wt.isWorkingTime(at('2025-03-03 12:59'))).toBe(true);
    expect(wt.isWorkingTime(at('2025-03-03 13:00'))).toBe(false);
    expect(wt.isWorkingTime(at('2025-11-01 10:00'))).toBe(true);
    expect(wt.isWorkingTime(at('2025-11-03 10:00'))).toBe(false);
    expect(wt.isWorkingTime(at('2026-01-09 10:00'))).toBe(false);
  });

  it('accepts Date as well as epoch milliseconds', () => {
    expect(wt.addWorkingHours(new Date(at('2025-03-03 09:00')), 4)).toBe(at('2025-03-03 13:00'));
  });
});

describe('working days', () => {
  const { wt, at, show } = clock('Europe/Moscow');
  const addDays = (s: string, n: number) => show(wt.addWorkingDays(at(s), n));
  const subDays = (s: string, n: number) => show(wt.subWorkingDays(at(s), n));

  it.each([
    ['the same clock time N working days later', '2025-03-03 10:00', 7, '2025-03-12 10:00'],
    ['over the May holidays of 2025', '2025-04-28 11:00', 7, '2025-05-13 11:00'],
    ['over the New Year holidays', '2025-12-26 15:00', 3, '2026-01-12 15:00'],
    ['clamped to the end of a shortened target day', '2025-03-06 17:30', 1, '2025-03-07 17:00'],
    ['from the evening, counting starts next morning', '2025-03-03 20:00', 1, '2025-03-05 09:00'],
    ['from lunch, counting starts at 14:00', '2025-03-03 13:15', 1, '2025-03-04 14:00'],
    ['onto a transferred working Saturday', '2025-10-30 10:00', 2, '2025-11-01 10:00'],
  ])('%s', (_name, from, n, expected) => {
    expect(addDays(from, n)).toBe(expected);
  });

  it.each([
    ['one working day before', '2025-05-13 11:00', 1, '2025-05-12 11:00'],
    ['back over the weekend', '2025-03-17 10:00', 1, '2025-03-14 10:00'],
    ['from the evening, counting from the day\'s end', '2025-03-03 20:00', 1, '2025-02-28 18:00'],
    ['into lunch, the latest instant is 14:00', '2025-03-04 13:00', 1, '2025-03-03 14:00'],
  ])('%s', (_name, from, n, expected) => {
    expect(subDays(from, n)).toBe(expected);
  });
});

describe('calendar durations', () => {
  const { wt, at, show } = clock('Asia/Kamchatka');

  it('counts calendar days at the same wall-clock time, holidays included', () => {
    expect(show(wt.add(at('2025-12-28 20:00'), parseDuration('10d'), 'calendar'))).toBe('2026-01-07 20:00');
    expect(show(wt.add(at('2025-03-03 23:30'), parseDuration('1h'), 'calendar'))).toBe('2025-03-04 00:30');
    expect(show(wt.sub(at('2026-01-07 20:00'), parseDuration('10d'), 'calendar'))).toBe('2025-12-28 20:00');
  });
});

describe('time zones', () => {
  it('Asia/Kamchatka has no daylight saving: the same UTC+12 in winter and summer', () => {
    const { wt, at } = clock('Asia/Kamchatka');
    const winter = wt.addWorkingHours(at('2025-01-20 09:00'), 1);
    const summer = wt.addWorkingHours(at('2025-07-21 09:00'), 1);
    expect(new Date(winter).toISOString()).toBe('2025-01-19T22:00:00.000Z');
    expect(new Date(summer).toISOString()).toBe('2025-07-20T22:00:00.000Z');
  });

  it('a daylight-saving zone keeps local working hours across the switch', () => {
    // Europe/Berlin switched to summer time on 30 March 2025.
    const { wt, at, show } = clock('Europe/Berlin');
    expect(show(wt.addWorkingHours(at('2025-03-28 17:00'), 2))).toBe('2025-03-31 10:00');
    expect(wt.workingMinutesBetween(at('2025-03-28 09:00'), at('2025-03-31 18:00'))).toBe(16 * 60);
  });

  it('the same deadline differs by zone', () => {
    const moscow = new WorkTime({ timezone: 'Europe/Moscow', warn: () => {} });
    const kamchatka = new WorkTime({ timezone: 'Asia/Kamchatka', warn: () => {} });
    const t = Date.parse('2025-03-03T06:00:00Z'); // 09:00 in Moscow, 18:00 in Kamchatka
    expect(new Date(moscow.addWorkingHours(t, 1)).toISOString()).toBe('2025-03-03T07:00:00.000Z');
    expect(new Date(kamchatka.addWorkingHours(t, 1)).toISOString()).toBe('2025-03-03T22:00:00.000Z');
  });

  it('rejects an unknown zone', () => {
    expect(() => new WorkTime({ timezone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
  });
});

describe('schedules', () => {
  it('follows a custom schedule with a short Friday', () => {
    const zone = 'Asia/Yakutsk';
    const wt = new WorkTime({
      timezone: zone,
      warn: () => {},
      schedule: { mon: ['08:30-12:30', '13:30-17:45'], tue: ['08:30-12:30', '13:30-17:45'], wed: ['08:30-12:30', '13:30-17:45'], thu: ['08:30-12:30', '13:30-17:45'], fri: ['08:30-12:30', '13:30-16:30'] },
    });
    const at = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
    const show = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
    expect(show(wt.addWorkingHours(at('2025-03-14 16:00'), 1))).toBe('2025-03-17 09:00');
    expect(show(wt.addWorkingHours(at('2025-03-03 12:00'), 1))).toBe('2025-03-03 14:00');
    // 7 March 2025 is shortened: Friday 16:30 becomes 15:30.
    expect(show(wt.addWorkingMinutes(at('2025-03-07 15:00'), 60))).toBe('2025-03-10 09:00');
  });

  it('names what is wrong with a schedule', () => {
    const cases: Array<[unknown, string]> = [
      [{ mon: ['9:00-13:00'] }, 'mon.0'],
      [{ mon: ['14:00-13:00'] }, 'mon.0'],
      [{ mon: ['09:00-13:00', '12:00-18:00'] }, 'mon'],
      [{ mon: [] }, ''],
      [{ monday: ['09:00-13:00'] }, ''],
    ];
    for (const [input, path] of cases) {
      const r = scheduleSchema.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });
});

describe('years without data', () => {
  it('fall back to the Labour Code and warn once', () => {
    const warn = vi.fn();
    const wt = new WorkTime({ timezone: 'Europe/Moscow', warn });
    const t = Date.parse('2031-03-07T06:00:00Z'); // Friday 09:00, before Saturday 8 March (moved to Monday 10)
    const due = wt.addWorkingHours(t, 8);
    wt.addWorkingHours(t + 86_400_000, 8);
    expect(new Date(due).toISOString()).toBe('2031-03-11T07:00:00.000Z'); // 7 h on the shortened Friday, 1 h on Tuesday: 10:00 Moscow
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('2031');
  });
});

describe('a day off moves a calendar term to a working day (Civil Code art. 193)', () => {
  const { wt, at, show } = clock('Europe/Moscow');
  const onWorkingDay = (s: string, direction: 1 | -1 = 1) => show(wt.onWorkingDay(at(s), direction));

  it.each([
    ['a working day stays, whatever the hour', '2025-03-04 23:30', 1, '2025-03-04 23:30'],
    ['Saturday to Monday at the same time', '2025-03-15 10:00', 1, '2025-03-17 10:00'],
    ['a holiday Saturday (8 March 2025) to Monday', '2025-03-08 10:00', 1, '2025-03-10 10:00'],
    ['the New Year holidays to the first working day', '2026-01-04 16:00', 1, '2026-01-12 16:00'],
    ['the transferred working Saturday 1 Nov 2025 is a working day', '2025-11-01 11:00', 1, '2025-11-01 11:00'],
    ['backwards: Saturday to Friday', '2025-03-15 10:00', -1, '2025-03-14 10:00'],
    ['backwards: 2 January 2026 to 30 December', '2026-01-02 10:00', -1, '2025-12-30 10:00'],
  ] as const)('%s', (_name, from, direction, expected) => {
    expect(onWorkingDay(from, direction)).toBe(expected);
  });
});

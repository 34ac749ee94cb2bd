/**
 * When the reports' clock fires what, with the instant injected: the weekly
 * report on Monday morning in the organisation's zone, the quarterly one on
 * the first working day after the quarter (after the New Year holidays), the
 * deficiencies each working morning for the previous working day.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { presets, WorkTime } from '../sla/index.js';
import { dueDeficiencies, dueReports } from './schedule.js';

const at = (local: string, zone: string) => DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone }).toJSDate();
const MSK = 'Europe/Moscow';
const KAM = 'Asia/Kamchatka';
const moscow = new WorkTime({ timezone: MSK });
const kamchatka = new WorkTime({ timezone: KAM });
const periods = (due: ReturnType<typeof dueReports>, zone: string) =>
  due.map((r) => [r.key, DateTime.fromMillis(r.from, { zone }).toISODate(), DateTime.fromMillis(r.to, { zone }).toISODate()]);

describe('dueReports', () => {
  const ivanovo = presets['ivanovo-2020'];
  it('fires Ivanovo’s weekly report on Monday from 09:00 Moscow time, for the week before', () => {
    expect(dueReports(ivanovo, moscow, at('2025-04-13 23:59', MSK))).toEqual([]);
    expect(dueReports(ivanovo, moscow, at('2025-04-14 08:59', MSK))).toEqual([]);
    expect(periods(dueReports(ivanovo, moscow, at('2025-04-14 09:00', MSK)), MSK)).toEqual([['week', '2025-04-07', '2025-04-14']]);
    // 09:00 in Moscow is 06:00 UTC: the zone, not the server's, decides.
    expect(at('2025-04-14 09:00', MSK).toISOString()).toBe('2025-04-14T06:00:00.000Z');
    expect(periods(dueReports(ivanovo, moscow, at('2025-04-14 17:59', MSK)), MSK)).toEqual([['week', '2025-04-07', '2025-04-14']]);
    expect(dueReports(ivanovo, moscow, at('2025-04-15 09:00', MSK))).toEqual([]);
  });

  it('moves a holiday Monday’s weekly report to the first working day, with the week it missed', () => {
    // 5–11 January 2026 are holidays: the first working morning is Monday 12 January.
    expect(dueReports(ivanovo, moscow, at('2026-01-05 09:00', MSK))).toEqual([]);
    expect(periods(dueReports(ivanovo, moscow, at('2026-01-12 09:15', MSK)), MSK)).toEqual([
      ['week', '2025-12-29', '2026-01-05'],
      ['week', '2026-01-05', '2026-01-12'],
    ]);
  });

  it('fires Sobolevo’s quarterly report on the first working day after the quarter, not before', () => {
    const sobolevo = presets['sobolevo-2021'];
    expect(dueReports(sobolevo, kamchatka, at('2026-01-01 09:00', KAM))).toEqual([]);
    expect(dueReports(sobolevo, kamchatka, at('2026-01-09 10:00', KAM))).toEqual([]);
    expect(dueReports(sobolevo, kamchatka, at('2026-01-12 08:59', KAM))).toEqual([]);
    expect(periods(dueReports(sobolevo, kamchatka, at('2026-01-12 09:00', KAM)), KAM)).toEqual([['quarter', '2025-10-01', '2026-01-01']]);
    expect(dueReports(sobolevo, kamchatka, at('2026-01-13 09:00', KAM))).toEqual([]);
    // An ordinary quarter: Wednesday 1 October 2025 is a working day.
    expect(periods(dueReports(sobolevo, kamchatka, at('2025-10-01 09:30', KAM)), KAM)).toEqual([['quarter', '2025-07-01', '2025-10-01']]);
    // "By the 5th": a worker down on the 1st still sends it until the 5th.
    expect(periods(dueReports(sobolevo, kamchatka, at('2025-10-03 11:00', KAM)), KAM)).toEqual([['quarter', '2025-07-01', '2025-10-01']]);
    // Sunday the 5th moves the term to Monday the 6th; on the 7th it is over.
    expect(periods(dueReports(sobolevo, kamchatka, at('2025-10-06 11:00', KAM)), KAM)).toEqual([['quarter', '2025-07-01', '2025-10-01']]);
    expect(dueReports(sobolevo, kamchatka, at('2025-10-07 09:00', KAM))).toEqual([]);
  });

  it('gives a profile without a periodic report the weekly default', () => {
    const zavitinsk = presets['zavitinsk-2020'];
    expect(zavitinsk.reports).toBeUndefined();
    expect(periods(dueReports(zavitinsk, moscow, at('2025-04-14 09:00', MSK)), MSK)).toEqual([['week', '2025-04-07', '2025-04-14']]);
  });
});

describe('dueDeficiencies', () => {
  it('each working morning, for everything since the previous working day began', () => {
    expect(dueDeficiencies(moscow, at('2025-04-14 08:59', MSK))).toBeNull();
    expect(dueDeficiencies(moscow, at('2025-04-12 10:00', MSK))).toBeNull(); // Saturday
    const monday = dueDeficiencies(moscow, at('2025-04-14 09:00', MSK))!;
    expect(monday.day).toBe('2025-04-11');
    expect([monday.from, monday.to]).toEqual([at('2025-04-11 00:00', MSK).getTime(), at('2025-04-14 00:00', MSK).getTime()]);
    expect(dueDeficiencies(moscow, at('2025-04-15 16:00', MSK))!.day).toBe('2025-04-14');
  });

  it('after the New Year holidays, the last working day of the old year', () => {
    // 31 December 2025 is a day off (Decree No. 1335): the last working day is the 30th.
    const d = dueDeficiencies(kamchatka, at('2026-01-12 09:00', KAM))!;
    expect(d.day).toBe('2025-12-30');
    expect(d.to).toBe(at('2026-01-12 00:00', KAM).getTime());
  });
});

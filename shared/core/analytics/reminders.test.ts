import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { presets } from '../sla/profile/presets/index.js';
import { WorkTime } from '../sla/work-time.js';
import { dueReminders } from './reminders.js';

const zone = 'Asia/Kamchatka';
const wt = new WorkTime({ timezone: zone, warn: () => {} });
const at = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone }).toJSDate();
const sobolevo = presets['sobolevo-2021'];
const due = (s: string) => dueReminders(sobolevo, wt, at(s)).map((r) => [r.id, r.dueDate, r.audience]);

describe('reminders of duties by a day of the month (sobolevo order п.4.3)', () => {
  it('reminds the departments five working days before the 25th of the quarter\'s last month, until the end of that day', () => {
    // 25 December 2026 is a Friday: five working days back is Friday the 18th.
    expect(due('2026-12-17 17:00')).toEqual([]);
    expect(due('2026-12-18 08:30')).toEqual([]);
    expect(due('2026-12-18 09:30')).toEqual([['mediaPlan', '2026-12-25', 'departments']]);
    expect(due('2026-12-25 23:00')).toEqual([['mediaPlan', '2026-12-25', 'departments']]);
    expect(due('2026-12-26 09:00')).toEqual([]);
  });

  it('is silent in the other months, and under profiles without such duties', () => {
    expect(due('2026-11-20 10:00')).toEqual([]);
    expect(dueReminders(presets['ivanovo-2020'], wt, at('2026-12-21 10:00'))).toEqual([]);
  });

  it('keeps the clause and its words in the profile', () => {
    expect(sobolevo.reminders!.mediaPlan).toMatchObject({ dueDay: 25, months: [3, 6, 9, 12], clause: 'распоряжение п.4.3' });
    expect(sobolevo.reminders!.mediaPlan!.quote).toContain('не позднее 25 числа месяца квартала');
  });
});

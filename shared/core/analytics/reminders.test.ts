import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { presets } from '../sla/profile/presets/index.js';
import { WorkTime } from '../sla/work-time.js';
import { dismissalNoticeDue, dueReminders, lateDismissals } from './reminders.js';

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

describe('an executor\'s dismissal told to the curator within 3 calendar days of the order (sobolevo п.9)', () => {
  const rec = (orderDate: string, more: Partial<{ handedOverAt: Date; remindedAt: Date }> = {}) => ({
    id: 1,
    orderDate,
    handedOverAt: more.handedOverAt ?? null,
    remindedAt: more.remindedAt ?? null,
  });

  it('counts three calendar days from the day after the order, to the end of the third', () => {
    // An order of Monday 14 December 2026: the 15th, 16th and 17th; late from Friday the 18th.
    expect(dismissalNoticeDue(sobolevo, wt, '2026-12-14')).toEqual(at('2026-12-18 00:00'));
  });

  it('moves a term ending on a day off to the next working day (Civil Code art. 193)', () => {
    // An order of Wednesday 16 December: the third day is Saturday the 19th, so Monday the 21st is the last.
    expect(dismissalNoticeDue(sobolevo, wt, '2026-12-16')).toEqual(at('2026-12-22 00:00'));
    // Over the new year holidays of 2027 (1–8 January off): an order of 29 December ends on Monday 11 January.
    expect(dismissalNoticeDue(sobolevo, wt, '2026-12-29')).toEqual(at('2027-01-12 00:00'));
  });

  it('is late once the term is out and the work is not handed over; reminded once', () => {
    const r = rec('2026-12-14');
    expect(lateDismissals(sobolevo, wt, [r], at('2026-12-17 23:59'))).toEqual([]);
    expect(lateDismissals(sobolevo, wt, [r], at('2026-12-18 00:00'))).toEqual([{ ...r, due: at('2026-12-18 00:00') }]);
    expect(lateDismissals(sobolevo, wt, [rec('2026-12-14', { handedOverAt: at('2026-12-15 10:00') })], at('2026-12-20 10:00'))).toEqual([]);
    expect(lateDismissals(sobolevo, wt, [rec('2026-12-14', { remindedAt: at('2026-12-18 09:00') })], at('2026-12-20 10:00'))).toEqual([]);
  });

  it('has no term under a profile without the clause', () => {
    expect(dismissalNoticeDue(presets['ivanovo-2020'], wt, '2026-12-14')).toBeNull();
    expect(lateDismissals(presets['ivanovo-2020'], wt, [rec('2026-12-14')], at('2027-02-01 10:00'))).toEqual([]);
  });

  it('keeps the clause and its words in the profile', () => {
    expect(sobolevo.dismissal).toMatchObject({ noticeDays: 3, clause: 'п.9' });
    expect(sobolevo.dismissal!.quote).toContain('в течение 3 календарных дней со дня издания распоряжения об увольнении');
  });
});

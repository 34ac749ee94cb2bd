import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlines } from './deadlines.js';
import type { IncidentEvent } from '../incident/events.js';
import { ev } from '../../../test/kit/history.js';
import { presets } from './profile/presets/index.js';
import { resolveProfile } from './profile/resolve.js';
import { WorkTime } from './work-time.js';

/**
 * Properties of working-time arithmetic over random instants (to the
 * millisecond) in 2024–2027, for the default schedule in two zones and an
 * odd schedule (three intervals, a short Friday, a working Saturday) in a
 * daylight-saving zone.
 */

const setups = [
  ['Europe/Moscow, default schedule', new WorkTime({ timezone: 'Europe/Moscow', warn: () => {} })],
  ['Asia/Kamchatka, default schedule', new WorkTime({ timezone: 'Asia/Kamchatka', warn: () => {} })],
  [
    'Europe/Berlin, odd schedule',
    new WorkTime({
      timezone: 'Europe/Berlin',
      warn: () => {},
      schedule: {
        mon: ['08:15-12:00', '12:45-16:30', '17:00-19:10'],
        tue: ['08:15-12:00', '12:45-16:30'],
        wed: ['08:15-12:00', '12:45-16:30'],
        thu: ['08:15-12:00', '12:45-16:30'],
        fri: ['08:15-13:00'],
        sat: ['10:00-14:00'],
      },
    }),
  ],
] as const;

const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 10, 1) });
const minutes = fc.integer({ min: 1, max: 60 * 24 * 20 });
const days = fc.integer({ min: 1, max: 40 });
const runs = { numRuns: 300 };

describe.each(setups)('%s', (_name, wt) => {
  it('adding then subtracting returns to the same working instant', () => {
    fc.assert(
      fc.property(instant, minutes, (t, n) => {
        expect(wt.subWorkingMinutes(wt.addWorkingMinutes(t, n), n)).toBe(wt.nextWorkingMoment(t));
      }),
      runs,
    );
  });

  it('results never land inside non-working time', () => {
    fc.assert(
      fc.property(instant, minutes, days, (t, n, d) => {
        // An added deadline is working time or the very end of an interval (the earliest instant).
        const added = wt.addWorkingMinutes(t, n);
        expect(wt.isWorkingTime(added) || wt.isWorkingTime(added - 1)).toBe(true);
        // A subtracted one is working time: the latest instant, at the start of an interval at the latest.
        expect(wt.isWorkingTime(wt.subWorkingMinutes(t, n))).toBe(true);
        const inDays = wt.addWorkingDays(t, d);
        expect(wt.isWorkingTime(inDays) || wt.isWorkingTime(inDays - 1)).toBe(true);
        expect(wt.isWorkingTime(wt.subWorkingDays(t, d)) || wt.isWorkingTime(wt.subWorkingDays(t, d) - 1)).toBe(true);
      }),
      runs,
    );
  });

  it('adding is monotonic in the start and in the amount', () => {
    fc.assert(
      fc.property(instant, instant, minutes, minutes, days, (a, b, n, m, d) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = n <= m ? [n, m] : [m, n];
        expect(wt.addWorkingMinutes(t1, n1)).toBeLessThanOrEqual(wt.addWorkingMinutes(t2, n1));
        expect(wt.addWorkingMinutes(t1, n1)).toBeLessThanOrEqual(wt.addWorkingMinutes(t1, n2));
        expect(wt.addWorkingDays(t1, d)).toBeLessThanOrEqual(wt.addWorkingDays(t2, d));
      }),
      runs,
    );
  });

  it('adding is additive: a + b equals a then b', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        expect(wt.addWorkingMinutes(t, a + b)).toBe(wt.addWorkingMinutes(wt.addWorkingMinutes(t, a), b));
      }),
      runs,
    );
  });

  it('exactly N working minutes elapse', () => {
    fc.assert(
      fc.property(instant, minutes, (t, n) => {
        expect(wt.workingMinutesBetween(t, wt.addWorkingMinutes(t, n))).toBe(n);
        expect(wt.workingMinutesBetween(wt.subWorkingMinutes(t, n), t)).toBe(n);
      }),
      runs,
    );
  });
});

describe('pauses never shorten a deadline', () => {
  const wt = setups[0][1];
  const pause = fc.record({ after: fc.integer({ min: 0, max: 3 * 86_400_000 }), length: fc.integer({ min: 0, max: 5 * 86_400_000 }), answered: fc.boolean() });
  const cases = [
    ['working clock (Kislovodsk п.10)', presets['kislovodsk-2020']],
    ['calendar clock (the IAS answer with a pause added)', resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { clarification: { pauses: ['answer'], clause: 'test' } } })],
  ] as const;

  it.each(cases)('%s', (_name, profile) => {
    fc.assert(
      fc.property(instant, fc.array(pause, { maxLength: 4 }), (t0, pauses) => {
        const plain: IncidentEvent[] = [ev.detected(t0)];
        const withPauses: IncidentEvent[] = [...plain];
        let cursor = t0;
        for (const p of pauses) {
          cursor += p.after;
          withPauses.push(ev.published(cursor, 'clarification'));
          cursor += p.length;
          if (p.answered) withPauses.push(ev.clarificationAnswered(cursor));
        }
        const due = (h: IncidentEvent[]) => deadlines(h, profile, wt).find((d) => d.timer === 'answer')?.due;
        const before = due(plain)!;
        const after = due(withPauses);
        if (after !== null && after !== undefined) expect(after).toBeGreaterThanOrEqual(before);
        // Paused (null) means no due at all: later than any instant.
      }),
      { numRuns: 200 },
    );
  });
});

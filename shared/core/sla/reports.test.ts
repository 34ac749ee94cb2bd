import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { presets } from './profile/presets/index.js';
import { reportPeriod } from './reports.js';
import { WorkTime } from './work-time.js';

describe('reportPeriod', () => {
  it('Sobolevo\'s quarterly summary is due by the 5th of the next quarter (п.24)', () => {
    const zone = 'Asia/Kamchatka';
    const wt = new WorkTime({ timezone: zone, warn: () => {} });
    const r = reportPeriod(presets['sobolevo-2021'].reports!.quarterly!, DateTime.fromISO('2025-11-20T12:00', { zone }).toMillis(), wt);
    expect(DateTime.fromMillis(r.from, { zone }).toISODate()).toBe('2025-10-01');
    expect(DateTime.fromMillis(r.to, { zone }).toISODate()).toBe('2026-01-01');
    // 5 January 2026 is a holiday: the term ends at the first working moment after it.
    expect(DateTime.fromMillis(r.due, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-01-12 09:00');
  });

  it('Ivanovo\'s weekly summary is due at the start of the next working week (п.21)', () => {
    const zone = 'Europe/Moscow';
    const wt = new WorkTime({ timezone: zone, warn: () => {} });
    const r = reportPeriod(presets['ivanovo-2020'].reports!.weekly!, DateTime.fromISO('2025-03-05T12:00', { zone }).toMillis(), wt);
    expect(DateTime.fromMillis(r.due, { zone }).toFormat('yyyy-MM-dd HH:mm')).toBe('2025-03-10 09:00');
  });
});

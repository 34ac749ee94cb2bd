import { describe, expect, it } from 'vitest';
import { parseReportArgs } from './report.js';

const zone = 'Europe/Moscow';
// Wednesday 9 April 2025, 12:00 in Moscow.
const now = new Date('2025-04-09T09:00:00Z');
const local = (p: ReturnType<typeof parseReportArgs>) =>
  'error' in p ? p : { kind: p.kind, from: p.from.toLocaleString('sv-SE', { timeZone: zone }), to: p.to.toLocaleString('sv-SE', { timeZone: zone }) };

describe('/report arguments', () => {
  it('a kind alone is the last whole period', () => {
    expect(local(parseReportArgs('week', now, zone))).toEqual({ kind: 'week', from: '2025-03-31 00:00:00', to: '2025-04-07 00:00:00' });
    expect(local(parseReportArgs('месяц', now, zone))).toEqual({ kind: 'month', from: '2025-03-01 00:00:00', to: '2025-04-01 00:00:00' });
    expect(local(parseReportArgs('quarter', now, zone))).toEqual({ kind: 'quarter', from: '2025-01-01 00:00:00', to: '2025-04-01 00:00:00' });
  });

  it('a kind and a date is the period containing the date', () => {
    expect(local(parseReportArgs('week 09.04.2025', now, zone))).toEqual({ kind: 'week', from: '2025-04-07 00:00:00', to: '2025-04-14 00:00:00' });
    expect(local(parseReportArgs('quarter 2024-11-30', now, zone))).toEqual({ kind: 'quarter', from: '2024-10-01 00:00:00', to: '2025-01-01 00:00:00' });
  });

  it('two dates are those days, named when they are a whole week or month', () => {
    expect(local(parseReportArgs('01.04.2025 15.04.2025', now, zone))).toEqual({ kind: 'custom', from: '2025-04-01 00:00:00', to: '2025-04-16 00:00:00' });
    expect(local(parseReportArgs('2025-03-01 2025-03-31', now, zone))).toMatchObject({ kind: 'month' });
  });

  it('says what is wrong', () => {
    expect(parseReportArgs('', now, zone)).toEqual({ error: 'usage' });
    expect(parseReportArgs('year', now, zone)).toEqual({ error: 'usage' });
    expect(parseReportArgs('week 31.02.2025', now, zone)).toEqual({ error: 'date' });
    expect(parseReportArgs('15.04.2025 01.04.2025', now, zone)).toEqual({ error: 'order' });
  });
});

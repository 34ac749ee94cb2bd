import type { FederalYear } from './types.js';

/**
 * 2027. The decree moves the weekend New Year days (Saturday 2 January to
 * Friday 5 November, Sunday 3 January to Friday 31 December) and makes
 * Saturday 20 February a working day in exchange for Monday 22 February, so
 * that 21–23 February are off together. 20 February works by Monday's
 * schedule and, standing before the days off, is one hour shorter. The
 * Labour Code itself moves 1 May, 9 May and 12 June (all on weekends) to the
 * next Monday.
 */
export const ru2027: FederalYear = {
  year: 2027,
  source: 'Постановление Правительства РФ от 17.09.2026 № 1187 «О переносе выходных дней в 2027 году»',
  crossCheck:
    'Issue #19 quotes the decree: 2 Jan → 5 Nov, 3 Jan → 31 Dec, 20 Feb → 22 Feb, shortened days 20 Feb, 30 Apr, 11 Jun, 3 Nov; the art. 112 part 2 moves agree with the Labour Code computation in labour-code.ts (a test checks it)',
  holidays: [
    { date: '2027-01-01', name: 'Новогодние каникулы' },
    { date: '2027-01-02', name: 'Новогодние каникулы' },
    { date: '2027-01-03', name: 'Новогодние каникулы' },
    { date: '2027-01-04', name: 'Новогодние каникулы' },
    { date: '2027-01-05', name: 'Новогодние каникулы' },
    { date: '2027-01-06', name: 'Новогодние каникулы' },
    { date: '2027-01-07', name: 'Рождество Христово' },
    { date: '2027-01-08', name: 'Новогодние каникулы' },
    { date: '2027-02-23', name: 'День защитника Отечества' },
    { date: '2027-03-08', name: 'Международный женский день' },
    { date: '2027-05-01', name: 'Праздник Весны и Труда' },
    { date: '2027-05-09', name: 'День Победы' },
    { date: '2027-06-12', name: 'День России' },
    { date: '2027-11-04', name: 'День народного единства' },
  ],
  transfers: [
    { from: '2027-01-02', to: '2027-11-05', basis: 'decree No. 1187' },
    { from: '2027-01-03', to: '2027-12-31', basis: 'decree No. 1187' },
    { from: '2027-02-20', to: '2027-02-22', basis: 'decree No. 1187' },
    // Holidays on a weekend outside January move to the next working day by the Labour Code itself.
    { from: '2027-05-01', to: '2027-05-03', basis: 'Labour Code art. 112 part 2' },
    { from: '2027-05-09', to: '2027-05-10', basis: 'Labour Code art. 112 part 2' },
    { from: '2027-06-12', to: '2027-06-14', basis: 'Labour Code art. 112 part 2' },
  ],
  shortened: ['2027-02-20', '2027-04-30', '2027-06-11', '2027-11-03'],
};

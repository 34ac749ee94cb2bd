import type { FederalYear } from './types.js';

/**
 * 2027, provisional: the Government decree on transfers for 2027 had not been
 * published when this data was written (it is due by the end of 2026; the
 * Ministry of Labour's explanatory note to the 2026 draft only says the New
 * Year holidays will run from 31 December 2026 to 10 January 2027). Until it
 * is, the year follows the Labour Code alone: the art. 112 holidays, the
 * art. 112 part 2 move of weekend holidays outside January, and art. 95
 * shortened days. The transfer of 2 and 3 January (a Saturday and a Sunday)
 * is left to the decree. Replace this file when the decree appears; a
 * computation in 2027 logs a warning once while `provisional` is true.
 */
export const ru2027: FederalYear = {
  year: 2027,
  provisional: true,
  source: 'Трудовой кодекс РФ, ст. 112 и ст. 95 (постановление о переносе выходных дней в 2027 году ещё не опубликовано)',
  crossCheck:
    'Identical to the Labour Code fallback computed by labour-code.ts (a test checks it); State Duma labour committee comments of Jan 2026 confirm the 2027 decree is still to come',
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
    { from: '2027-05-01', to: '2027-05-03', basis: 'Labour Code art. 112 part 2' },
    { from: '2027-05-09', to: '2027-05-10', basis: 'Labour Code art. 112 part 2' },
    { from: '2027-06-12', to: '2027-06-14', basis: 'Labour Code art. 112 part 2' },
  ],
  shortened: ['2027-02-22', '2027-04-30', '2027-06-11', '2027-11-03', '2027-12-31'],
};

import type { FederalYear } from './types.js';

/** 2026: 247 working days, 1972 hours for a 40-hour week. */
export const ru2026: FederalYear = {
  year: 2026,
  source: 'Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»',
  crossCheck:
    'Government announcement of 24.09.2025 (RIA Novosti, TASS) listing the days off; the official monthly norms for 2026 (glavaudit.org: 247 days / 1972 hours, January 15 days / 120 hours); shortened days listed by profedu38.ru citing decree No. 1466',
  holidays: [
    { date: '2026-01-01', name: 'Новогодние каникулы' },
    { date: '2026-01-02', name: 'Новогодние каникулы' },
    { date: '2026-01-03', name: 'Новогодние каникулы' },
    { date: '2026-01-04', name: 'Новогодние каникулы' },
    { date: '2026-01-05', name: 'Новогодние каникулы' },
    { date: '2026-01-06', name: 'Новогодние каникулы' },
    { date: '2026-01-07', name: 'Рождество Христово' },
    { date: '2026-01-08', name: 'Новогодние каникулы' },
    { date: '2026-02-23', name: 'День защитника Отечества' },
    { date: '2026-03-08', name: 'Международный женский день' },
    { date: '2026-05-01', name: 'Праздник Весны и Труда' },
    { date: '2026-05-09', name: 'День Победы' },
    { date: '2026-06-12', name: 'День России' },
    { date: '2026-11-04', name: 'День народного единства' },
  ],
  transfers: [
    { from: '2026-01-03', to: '2026-01-09', basis: 'decree No. 1466' },
    { from: '2026-01-04', to: '2026-12-31', basis: 'decree No. 1466' },
    // Holidays on a weekend outside January move to the next working day by the Labour Code itself.
    { from: '2026-03-08', to: '2026-03-09', basis: 'Labour Code art. 112 part 2' },
    { from: '2026-05-09', to: '2026-05-11', basis: 'Labour Code art. 112 part 2' },
  ],
  shortened: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
  norm: { workDays: 247, workHours: 1972 },
};

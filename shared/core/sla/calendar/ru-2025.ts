import type { FederalYear } from './types.js';

/** 2025: 247 working days, 1972 hours for a 40-hour week. */
export const ru2025: FederalYear = {
  year: 2025,
  source: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
  crossCheck:
    'Decree summary in the Tekhekspert (cntd.ru) labour-safety news and the article-112 digest at polimat.ru; annual norm 247 days / 1972 hours and the shortened days from the 2025 calendars in the press',
  holidays: [
    { date: '2025-01-01', name: 'Новогодние каникулы' },
    { date: '2025-01-02', name: 'Новогодние каникулы' },
    { date: '2025-01-03', name: 'Новогодние каникулы' },
    { date: '2025-01-04', name: 'Новогодние каникулы' },
    { date: '2025-01-05', name: 'Новогодние каникулы' },
    { date: '2025-01-06', name: 'Новогодние каникулы' },
    { date: '2025-01-07', name: 'Рождество Христово' },
    { date: '2025-01-08', name: 'Новогодние каникулы' },
    { date: '2025-02-23', name: 'День защитника Отечества' },
    { date: '2025-03-08', name: 'Международный женский день' },
    { date: '2025-05-01', name: 'Праздник Весны и Труда' },
    { date: '2025-05-09', name: 'День Победы' },
    { date: '2025-06-12', name: 'День России' },
    { date: '2025-11-04', name: 'День народного единства' },
  ],
  transfers: [
    { from: '2025-01-04', to: '2025-05-02', basis: 'decree No. 1335' },
    { from: '2025-01-05', to: '2025-12-31', basis: 'decree No. 1335' },
    { from: '2025-02-23', to: '2025-05-08', basis: 'decree No. 1335' },
    { from: '2025-03-08', to: '2025-06-13', basis: 'decree No. 1335' },
    { from: '2025-11-01', to: '2025-11-03', basis: 'decree No. 1335' },
  ],
  shortened: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
  norm: { workDays: 247, workHours: 1972 },
};

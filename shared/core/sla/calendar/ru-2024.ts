import type { FederalYear } from './types.js';

/** 2024: 248 working days, 1979 hours for a 40-hour week. */
export const ru2024: FederalYear = {
  year: 2024,
  source: 'Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»',
  crossCheck:
    'Decree text as published in the Kontur.Normativ legal database; the government announcement (Aug 2023) listing the days off; shortened days from the 2024 calendars published by regional press',
  holidays: [
    { date: '2024-01-01', name: 'Новогодние каникулы' },
    { date: '2024-01-02', name: 'Новогодние каникулы' },
    { date: '2024-01-03', name: 'Новогодние каникулы' },
    { date: '2024-01-04', name: 'Новогодние каникулы' },
    { date: '2024-01-05', name: 'Новогодние каникулы' },
    { date: '2024-01-06', name: 'Новогодние каникулы' },
    { date: '2024-01-07', name: 'Рождество Христово' },
    { date: '2024-01-08', name: 'Новогодние каникулы' },
    { date: '2024-02-23', name: 'День защитника Отечества' },
    { date: '2024-03-08', name: 'Международный женский день' },
    { date: '2024-05-01', name: 'Праздник Весны и Труда' },
    { date: '2024-05-09', name: 'День Победы' },
    { date: '2024-06-12', name: 'День России' },
    { date: '2024-11-04', name: 'День народного единства' },
  ],
  transfers: [
    { from: '2024-01-06', to: '2024-05-10', basis: 'decree No. 1314' },
    { from: '2024-01-07', to: '2024-12-31', basis: 'decree No. 1314' },
    { from: '2024-04-27', to: '2024-04-29', basis: 'decree No. 1314' },
    { from: '2024-11-02', to: '2024-04-30', basis: 'decree No. 1314' },
    { from: '2024-12-28', to: '2024-12-30', basis: 'decree No. 1314' },
  ],
  shortened: ['2024-02-22', '2024-03-07', '2024-05-08', '2024-06-11', '2024-11-02'],
  norm: { workDays: 248, workHours: 1979 },
};

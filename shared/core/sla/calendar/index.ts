import type { FederalYear } from './types.js';
import { ru2024 } from './ru-2024.js';
import { ru2025 } from './ru-2025.js';
import { ru2026 } from './ru-2026.js';
import { ru2027 } from './ru-2027.js';

export type { FederalYear } from './types.js';

/** The shipped federal production calendar, by year. */
export const federalYears: Readonly<Record<number, FederalYear>> = {
  2024: ru2024,
  2025: ru2025,
  2026: ru2026,
  2027: ru2027,
};

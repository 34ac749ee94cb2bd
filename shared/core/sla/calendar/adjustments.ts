import { z } from 'zod';
import { dayNumber } from '../dates.js';
import { intervalSchema, WEEKDAYS } from '../schedule.js';

/**
 * An administration's own changes to the federal calendar, kept in its
 * organisation file: regional holidays (e.g. a republic's own), one-off days
 * off or working days, extra shortened days. Each carries a note saying why.
 */

export const isoDateSchema = z.string().refine(
  (s) => {
    try {
      dayNumber(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a date YYYY-MM-DD' },
);

export const calendarAdjustmentsSchema = z
  .object({
    holidays: z.array(z.object({ date: isoDateSchema, note: z.string().min(1) }).strict()).optional(),
    workingDays: z
      .array(
        z
          .object({
            date: isoDateSchema,
            note: z.string().min(1),
            /** Whose weekday's schedule the day follows; defaults to the day's own, or Monday's for a weekend. */
            as: z.enum(WEEKDAYS).optional(),
            /** Explicit intervals for this day instead of a weekday's. */
            intervals: z.array(intervalSchema).optional(),
          })
          .strict(),
      )
      .optional(),
    shortenedDays: z
      .array(z.object({ date: isoDateSchema, note: z.string().min(1), by: z.number().int().min(1).max(1440).optional() }).strict())
      .optional(),
  })
  .strict();

export type CalendarAdjustments = z.input<typeof calendarAdjustmentsSchema>;

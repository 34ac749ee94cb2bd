import { z } from 'zod';
import { dayNumber } from '../dates.js';
import { intervalSchema, WEEKDAYS } from '../schedule.js';

/**
 * An administration's own changes to the federal calendar, kept in its
 * organisation file: regional holidays (e.g. a republic's own), one-off days
 * off or working days, extra shortened days. Each carries a note saying why.
 * A Government decree on transfers that appears before a release ships it
 * (each autumn, for the next year) is entered the same way, day by day, and
 * named in `decrees`, which stops the "no decree data" warning for that year
 * (docs/ru/calendar.md shows how).
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
    /** Decrees the organisation has entered itself: the year and the act, cited in full. */
    decrees: z
      .array(z.object({ year: z.number().int().min(1970).max(2200), source: z.string().min(10) }).strict())
      .optional(),
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

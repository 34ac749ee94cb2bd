import { z } from 'zod';

/**
 * An organisation's weekly work schedule: for each weekday, its working
 * intervals in local wall-clock time. Several intervals a day make the gaps
 * (a lunch break) non-working. A weekday that is absent or empty is a day off.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];

const HHMM = /^(\d{2}):(\d{2})$/;

function minutesOf(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** Parses "HH:MM-HH:MM" into minutes from local midnight, or null when malformed. */
export function parseInterval(text: string): [number, number] | null {
  const parts = text.split('-');
  if (parts.length !== 2) return null;
  const a = minutesOf(parts[0]!.trim());
  const b = minutesOf(parts[1]!.trim());
  if (a === null || b === null || a >= b) return null;
  return [a, b];
}

export const intervalSchema = z
  .string()
  .refine((s) => parseInterval(s) !== null, { message: 'expected "HH:MM-HH:MM" with start before end, e.g. "09:00-13:00"' });

const dayIntervalsSchema = z
  .array(intervalSchema)
  .refine(
    (list) => {
      const parsed = list.map((s) => parseInterval(s)!);
      return parsed.every((iv, i) => i === 0 || parsed[i - 1]![1] < iv[0]);
    },
    { message: 'intervals must be in order, not overlapping and not touching (merge "09:00-13:00","13:00-18:00" into one)' },
  );

export const scheduleSchema = z
  .object({
    mon: dayIntervalsSchema.optional(),
    tue: dayIntervalsSchema.optional(),
    wed: dayIntervalsSchema.optional(),
    thu: dayIntervalsSchema.optional(),
    fri: dayIntervalsSchema.optional(),
    sat: dayIntervalsSchema.optional(),
    sun: dayIntervalsSchema.optional(),
    /** How much shorter a pre-holiday day is, in minutes (Labour Code art. 95: one hour). */
    shortenedBy: z.number().int().min(0).max(24 * 60).optional(),
  })
  .strict()
  .refine((s) => WEEKDAYS.some((d) => (s[d]?.length ?? 0) > 0), { message: 'a schedule needs at least one working interval' });

export type ScheduleInput = z.input<typeof scheduleSchema>;

/** Monday–Friday 09:00–13:00 and 14:00–18:00: the default when an organisation names none. */
export const DEFAULT_SCHEDULE: ScheduleInput = {
  mon: ['09:00-13:00', '14:00-18:00'],
  tue: ['09:00-13:00', '14:00-18:00'],
  wed: ['09:00-13:00', '14:00-18:00'],
  thu: ['09:00-13:00', '14:00-18:00'],
  fri: ['09:00-13:00', '14:00-18:00'],
};

/** A validated schedule: `days[w]` for ISO weekday w (1 = Monday) holds [start, end) minute pairs. */
export interface Schedule {
  days: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  shortenedBy: number;
}

export function parseSchedule(input: ScheduleInput = DEFAULT_SCHEDULE): Schedule {
  const s = scheduleSchema.parse(input);
  const days: Array<Array<[number, number]>> = [[]];
  for (const key of WEEKDAYS) days.push((s[key] ?? []).map((iv) => parseInterval(iv)!));
  return { days, shortenedBy: s.shortenedBy ?? 60 };
}

/** Cuts `by` minutes off the end of a day's intervals (a shortened day ends earlier). */
export function shorten(intervals: ReadonlyArray<readonly [number, number]>, by: number): Array<[number, number]> {
  const out = intervals.map(([a, b]) => [a, b] as [number, number]);
  let left = by;
  while (left > 0 && out.length > 0) {
    const last = out[out.length - 1]!;
    const len = last[1] - last[0];
    if (len > left) {
      last[1] -= left;
      left = 0;
    } else {
      out.pop();
      left -= len;
    }
  }
  return out;
}

/**
 * shared/core/sla — working time, the production calendar and the regulation
 * profiles. Pure: no I/O, no clock reads; time comes in as arguments
 * (epoch milliseconds or Dates) and goes out as epoch milliseconds.
 *
 * Working time
 * - `new WorkTime({ timezone, schedule?, adjustments?, warn? })` holds an
 *   organisation's zone, weekly schedule (Mon–Fri 09:00–13:00, 14:00–18:00 by
 *   default; several intervals a day, so lunch is a gap) and production
 *   calendar (the shipped federal data plus the organisation's adjustments).
 * - Intervals are half-open: [09:00, 13:00) — 13:00 is lunch.
 * - An instant outside working time starts counting at the next working moment.
 * - Adding N working minutes gives the earliest instant at which N have
 *   elapsed: 09:00 + 4 h = 13:00 (not 14:00); 10:00 + 8 h = 10:00 next working day.
 * - Subtracting gives the latest instant with N still ahead: 18:00 − 4 h = 14:00.
 * - N working days end at the same working clock time N working days later,
 *   counted from the next working moment; on a shorter target day the time is
 *   clamped to its end (17:30 + 1 day before a holiday = 17:00).
 * - A shortened pre-holiday day ends an hour early (the schedule's
 *   `shortenedBy`); a transferred working Saturday works by the schedule of
 *   the weekday it was swapped with.
 * - Calendar durations: days are local calendar days at the same wall-clock
 *   time; minutes are elapsed minutes. `onWorkingDay(t)` moves an instant on
 *   a day without working time to the same time of the next working day
 *   (Civil Code art. 193), or of the previous one with direction -1.
 * - A year without federal data falls back to the Labour Code (art. 112
 *   holidays, art. 95 shortened days) and warns once through `warn`.
 *
 * Deadlines
 * - `deadlines(events, profile, workTime)` returns every running timer of an
 *   incident with its due instant, responsible role, escalation and clause.
 *   It reads the incident's own events (shared/core/incident/events.ts);
 *   `momentOf` names each as a profile's timers do ("detected",
 *   "published:answer"), one exhaustive switch.
 *   A clarification pause (Kislovodsk) shifts the due by the working time
 *   spent waiting for the author; until the author answers the timer is
 *   paused (due null). Escalation targets are Otklik's defaults: the
 *   documents name none.
 * - A calendar-clock timer with `endsOnWorkingDay` never falls due on a day
 *   off: it moves to the next working day, or for a `before` timer ("no
 *   later than 2 days before the answer") to the previous one.
 * - The importance level set at triage ("normal", "high" or any level the
 *   profile names, such as severny-pos-2022's "local-fast") picks the
 *   profile's `importance` overrides.
 *
 * Profiles
 * - `presets` / `presetIds`: one validated profile per regulation, each timer
 *   annotated with its clause; where a document leaves the clock unsaid the
 *   preset counts working time and says so in `clockNote`. Plain «дней»
 *   beside «рабочих дней» in the same document (severny-pos-2022) are
 *   calendar days, ending on a working day; sobolevo-2021's high-importance
 *   draft is read as 2 h before the 4-hour answer — both interpretations are
 *   labelled in the preset.
 * - An organisation file that changes a timer's clock gives its reason in
 *   `clockNote` (resolveProfile refuses it otherwise).
 * - `resolveProfile({ profile: id | Profile, overrides })` lays an
 *   organisation file's overrides over a preset and validates the result.
 */

export { WorkTime, createWorkTime, type WorkTimeOptions, type Instant } from './work-time.js';
export { parseDuration, formatDuration, durationSchema, clockSchema, type Duration, type Clock } from './duration.js';
export { scheduleSchema, intervalSchema, parseSchedule, DEFAULT_SCHEDULE, WEEKDAYS, type Schedule, type ScheduleInput } from './schedule.js';
export { ProductionCalendar, type CalendarDay, type ProductionCalendarOptions } from './calendar/production-calendar.js';
export { calendarAdjustmentsSchema, isoDateSchema, type CalendarAdjustments } from './calendar/adjustments.js';
export { federalYears, type FederalYear } from './calendar/index.js';
export { labourCodeYear, labourCodeHolidays } from './calendar/labour-code.js';
export { yearNorms, type MonthNorm } from './calendar/norms.js';
export {
  profileSchema,
  profileOverridesSchema,
  timerSchema,
  timerOverrideSchema,
  reportSchema,
  processRoleSchema,
  timezoneSchema,
  MOMENTS,
  PROCESS_ROLES,
  type Profile,
  type ProfileInput,
  type ProfileOverrides,
  type Timer,
  type TimerOverride,
  type ProcessRole,
  type Moment,
} from './profile/schema.js';
export { presets, presetIds, isPresetId, type PresetId } from './profile/presets/index.js';
export { ProfileOverrideError, resolveProfile } from './profile/resolve.js';
export { deadlines, effectiveTimers, importanceOf, type Deadline, type DeadlineOptions } from './deadlines.js';
export { momentOf } from './moments.js';
export { reportPeriod, type Report } from './reports.js';

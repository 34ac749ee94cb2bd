/**
 * A report from the database: the period, the facts (refreshed where behind),
 * the measures and the three renderings. Shared by the `report` job, `/report`
 * and `otklik report`.
 */
import { DateTime } from 'luxon';
import type { Org } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import type { Profile } from '../../core/sla/index.js';
import type { WorkTime } from '../../core/sla/work-time.js';
import { aggregate, type Period, type PeriodKind, type ReportData } from '../../core/analytics/measures.js';
import { loadReportInput } from './store.js';

export type ReportDeps = { db: Db; org: Org; profile: Profile; workTime: WorkTime };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local date "YYYY-MM-DD" (or "DD.MM.YYYY", as Russians write it) in the zone, or null. */
export function parseLocalDate(text: string, zone: string): DateTime | null {
  const d = ISO_DATE.test(text) ? DateTime.fromISO(text, { zone }) : DateTime.fromFormat(text, 'dd.MM.yyyy', { zone });
  return d.isValid ? d.startOf('day') : null;
}

/** The calendar period of `kind` containing the local day `day`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, day: DateTime, zone: string): Period {
  const from = day.setZone(zone).startOf(kind);
  const to = from.plus(kind === 'week' ? { weeks: 1 } : kind === 'month' ? { months: 1 } : { quarters: 1 });
  return { kind, from: from.toJSDate(), to: to.toJSDate(), timezone: zone };
}

/** The last whole period of `kind` before `now`: last week, last month, last quarter. */
export function previousPeriod(kind: Exclude<PeriodKind, 'custom'>, now: Date, zone: string): Period {
  const current = periodContaining(kind, DateTime.fromJSDate(now, { zone }), zone);
  return periodContaining(kind, DateTime.fromJSDate(current.from, { zone }).minus({ days: 1 }), zone);
}

/** First and last local day, both included; named as a week, month or quarter when it is exactly one. */
export function periodBetween(first: DateTime, last: DateTime, zone: string): Period | null {
  if (last < first) return null;
  const from = first.setZone(zone).startOf('day');
  const to = last.setZone(zone).startOf('day').plus({ days: 1 });
  for (const kind of ['week', 'month', 'quarter'] as const) {
    const p = periodContaining(kind, from, zone);
    if (p.from.getTime() === from.toMillis() && p.to.getTime() === to.toMillis()) return p;
  }
  return { kind: 'custom', from: from.toJSDate(), to: to.toJSDate(), timezone: zone };
}

/** Display names of departments and staff from the organisation file. */
export function reportNames(org: Org): { departments: Record<string, string>; executors: Record<number, string> } {
  return {
    departments: Object.fromEntries(org.departments.map((d) => [d.id, d.name])),
    executors: Object.fromEntries(org.staff.map((s) => [s.telegramId, s.name])),
  };
}

/** The measures of `period` as of `asOf`, from the reporting tables brought up to date first. */
export async function buildReportData(deps: ReportDeps, period: Period, asOf: Date): Promise<ReportData> {
  const input = await loadReportInput(deps.db, period, asOf, {
    organisation: { id: deps.profile.id, name: deps.org.name },
    names: reportNames(deps.org),
    refresh: { profile: deps.profile, workTime: deps.workTime, now: asOf },
  });
  return aggregate(input);
}

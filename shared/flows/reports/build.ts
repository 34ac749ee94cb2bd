/**
 * A report from the database: the period, the facts (refreshed where behind),
 * the measures and the three renderings. Shared by the `report` job, `/report`
 * and `otklik report`.
 */
import type { Org } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import type { Profile } from '../../core/sla/index.js';
import type { WorkTime } from '../../core/sla/work-time.js';
import { aggregate, type Period, type ReportData } from '../../core/analytics/measures.js';
import { loadReportInput } from './store.js';

export type ReportDeps = { db: Db; org: Org; profile: Profile; workTime: WorkTime };

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
  // Sobolevo п.23: success stories are counted where the profile says so.
  if (deps.profile.successStories) return aggregate({ ...input, successStories: true });
  return aggregate(input);
}

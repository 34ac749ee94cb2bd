import { loadOrg } from '../../platform/config/org.js';
import { ProductionCalendar } from '../../core/sla/calendar/production-calendar.js';
import { yearNorms } from '../../core/sla/calendar/norms.js';
import { failOnConfig } from '../fail.js';

/**
 * `otklik calendar YEAR [--org FILE] [--json]` — the production calendar's
 * monthly norms for the standard 40-hour week (8-hour days, pre-holiday days
 * one hour shorter), from the shipped federal data, or with an organisation
 * file's `calendar:` changes laid over it (how an administration checks a
 * decree it entered itself, docs/ru/calendar.md). Admins compare it with the
 * official calendar; later tools read the JSON.
 */

const usage = `Usage: otklik calendar YEAR [--org FILE] [--json]

  Working days and hours per month of the Russian production calendar
  for a 40-hour five-day week. --org adds the organisation file's
  calendar changes. --json prints one JSON object.`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const json = args.includes('--json');
  const orgAt = args.indexOf('--org');
  const orgFile = orgAt === -1 ? undefined : args[orgAt + 1];
  const rest = args.filter((a, i) => a !== '--json' && (orgAt === -1 || (i !== orgAt && i !== orgAt + 1)));
  const year = Number(rest[0]);
  if (rest.length !== 1 || !Number.isInteger(year) || year < 1970 || year > 2200 || (orgAt !== -1 && !orgFile)) {
    console.error(usage);
    return 2;
  }
  return failOnConfig(async () => {
    const adjustments = orgFile === undefined ? undefined : loadOrg(orgFile).calendar;
    const calendar = new ProductionCalendar({ adjustments, warn: (m) => console.error(`warning: ${m}`) });
    const norms = yearNorms(calendar, year);
    if (json) {
      console.log(JSON.stringify(norms));
      return 0;
    }
    const { data, basis } = calendar.yearData(year);
    const lines = [
      `Production calendar ${year}: 40-hour week, 8-hour days, pre-holiday days one hour shorter`,
      `Source: ${data.source}${basis === 'decree' ? '' : ` [${basis}]`}`,
      ...(orgFile === undefined ? [] : [`With the calendar changes of ${orgFile}`]),
      '',
      `${'Month'.padEnd(10)} ${'Work days'.padStart(9)} ${'Hours'.padStart(6)}`,
      ...norms.months.map((m) => `${MONTHS[m.month - 1]!.padEnd(10)} ${String(m.workDays).padStart(9)} ${String(m.workHours).padStart(6)}`),
      `${'Total'.padEnd(10)} ${String(norms.total.workDays).padStart(9)} ${String(norms.total.workHours).padStart(6)}`,
      '',
      `Holidays:  ${data.holidays.map((h) => h.date.slice(5)).join(' ')}`,
      `Transfers: ${data.transfers.map((t) => `${t.from.slice(5)}→${t.to.slice(5)}`).join(' ') || 'none'}`,
      `Shortened: ${data.shortened.map((d) => d.slice(5)).join(' ') || 'none'}`,
    ];
    console.log(lines.join('\n'));
    return 0;
  });
}

/**
 * `otklik report --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--png FILE.png]`:
 * the report of those days (both included, in the organisation's zone) as a
 * workbook, from DATABASE_URL or the embedded database (the running one when Otklik is up), for the organisation
 * in OTKLIK_ORG (the example organisation when unset). The facts are brought
 * up to date from the audit first, so the workbook is right even after a
 * calendar change (`--rebuild` recomputes every incident's facts).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '../../platform/config/env.js';
import { loadOrg } from '../../platform/config/org.js';
import { orgSettings } from '../../networks/context.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { createLogger } from '../../platform/log.js';
import { buildReportData } from '../../flows/reports/build.js';
import { parseLocalDate, periodBetween } from '../../core/analytics/periods.js';
import { renderReport } from '../../flows/reports/index.js';
import { rebuildFacts } from '../../flows/reports/store.js';
import { withDatabase } from '../database.js';
import { failOnConfig } from '../fail.js';

const usage = `Usage: otklik report --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--png FILE.png] [--rebuild]

  The days are local to the organisation (OTKLIK_ORG) and both included.`;

const EXAMPLE_ORG = fileURLToPath(new URL('../../../examples/org.example.yaml', import.meta.url));

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const fromText = option(args, '--from');
  const toText = option(args, '--to');
  const out = option(args, '--out');
  if (!fromText || !toText || !out) {
    console.error(usage);
    return 2;
  }
  return failOnConfig(async () => {
    const env = loadEnv();
    if (!env.OTKLIK_ORG) console.error(`OTKLIK_ORG is not set: using ${EXAMPLE_ORG}`);
    const org = loadOrg(env.OTKLIK_ORG ?? EXAMPLE_ORG);
    const first = parseLocalDate(fromText, org.timezone);
    const last = parseLocalDate(toText, org.timezone);
    if (!first || !last) {
      console.error(`otklik report: expected dates as YYYY-MM-DD, got ${!first ? `--from ${fromText}` : `--to ${toText}`}`);
      return 2;
    }
    const period = periodBetween(first, last, org.timezone);
    if (!period) {
      console.error(`otklik report: --to ${toText} is before --from ${fromText}`);
      return 2;
    }
    const log = createLogger({ level: env.LOG_LEVEL });
    await withDatabase(env, log, async (database) => {
      await applyMigrations(database);
      const { profile, workTime } = orgSettings(org, log);
      const now = new Date();
      if (args.includes('--rebuild')) console.error(`Facts recomputed for ${await rebuildFacts(database.db, { profile, workTime, now })} incidents.`);
      const data = await buildReportData({ db: database.db, org, profile, workTime }, period, now);
      const report = await renderReport(data);
      await writeFile(out, report.xlsx);
      const png = option(args, '--png');
      if (png) await writeFile(png, report.png);
      console.log(report.caption);
      console.log(`\nWritten: ${out}${png ? `, ${png}` : ''}`);
    });
    return 0;
  });
}

/**
 * `otklik migrate` (npm run migrate): applies the SQL migrations to DATABASE_URL, or to the embedded
 * database. `otklik migrate --check` only says which migrations a new version would apply, and what
 * each changes, without touching the database: run it before an upgrade (docs/ru/upgrade.md).
 */
import { loadEnv } from '../../platform/config/env.js';
import { applyMigrations, pendingMigrations } from '../../platform/db/migrate.js';
import { createLogger } from '../../platform/log.js';
import { withDatabase } from '../database.js';
import { t } from '../../platform/i18n.js';
import { failOnConfig } from '../fail.js';

/** A statement's first line, shortened: enough to see what it changes. */
const headline = (statement: string) => {
  const first = statement.split('\n')[0]!.trim();
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
};

export async function run(args: string[] = []): Promise<number> {
  const check = args.includes('--check');
  return failOnConfig(async () => {
    const env = loadEnv();
    const log = createLogger({ level: env.LOG_LEVEL });
    return withDatabase(env, log, async (database) => {
      if (!check) {
        await applyMigrations(database);
        console.log(t('migrate-applied'));
        return 0;
      }
      const pending = await pendingMigrations(database);
      if (!pending.length) {
        console.log(t('migrate-none'));
        return 0;
      }
      console.log(t('migrate-pending', { count: pending.length }));
      for (const m of pending) {
        console.log(`\n${m.tag}:`);
        for (const statement of m.statements) console.log(`  ${headline(statement)}`);
      }
      return 0;
    });
  });
}

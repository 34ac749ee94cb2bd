/**
 * `otklik restore FILE`: a backup into an empty database, migrated first to this version's schema.
 * Stop the bots and the worker before, start them after: the worker's reconciler rebuilds the
 * deadlines' and cards' jobs in Redis from the restored rows.
 */
import { resolve } from 'node:path';
import { loadEnv } from '../../platform/config/env.js';
import { readManifest, restoreDatabase } from '../../platform/db/backup.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { createLogger } from '../../platform/log.js';
import { withDatabase } from '../database.js';
import { t } from '../../platform/i18n.js';
import { failOnConfig } from '../fail.js';

export async function run(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error(t('restore-usage'));
    return 2;
  }
  return failOnConfig(async () => {
    const env = loadEnv();
    const log = createLogger({ level: env.LOG_LEVEL });
    let manifest;
    try {
      manifest = await readManifest(resolve(file));
    } catch (err) {
      console.error(`otklik restore: ${resolve(file)}: ${(err as Error).message}`);
      return 1;
    }
    try {
      const summary = await withDatabase(env, log, async (database) => {
        await applyMigrations(database);
        return restoreDatabase(database.pool, resolve(file));
      });
      console.log(t('restore-done', { createdAt: manifest.createdAt, tables: summary.tables, rows: summary.rows }));
      return 0;
    } catch (err) {
      console.error(t('restore-nothing', { reason: (err as Error).message }));
      return 1;
    }
  });
}

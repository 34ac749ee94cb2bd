/** `otklik backup --out FILE`: the whole database, from one snapshot, into a file a restore reads (see platform/db/backup.ts). */
import { resolve } from 'node:path';
import { loadEnv } from '../../platform/config/env.js';
import { backupDatabase } from '../../platform/db/backup.js';
import { createLogger } from '../../platform/log.js';
import { withDatabase } from '../database.js';
import { t } from '../../platform/i18n.js';
import { failOnConfig } from '../fail.js';

export async function run(args: string[]): Promise<number> {
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  if (!out || out.startsWith('--')) {
    console.error(t('backup-usage'));
    return 2;
  }
  return failOnConfig(async () => {
    const env = loadEnv();
    const log = createLogger({ level: env.LOG_LEVEL });
    const summary = await withDatabase(env, log, (database) => backupDatabase(database.pool, resolve(out)));
    console.log(t('backup-written', { file: summary.file, tables: summary.tables, rows: summary.rows, migrations: summary.manifest.migrations.length }));
    return 0;
  });
}

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
import { failOnConfig } from '../fail.js';

export async function run(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Использование: otklik restore ФАЙЛ   (в пустую базу: новый OTKLIK_DATA_DIR или новая база в DATABASE_URL)');
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
      console.log(`Восстановлено из копии от ${manifest.createdAt}: таблиц ${summary.tables}, строк ${summary.rows}. Запустите Otklik: сроки и карточки восстановятся при старте worker.`);
      return 0;
    } catch (err) {
      console.error(`otklik restore: ничего не восстановлено: ${(err as Error).message}`);
      return 1;
    }
  });
}

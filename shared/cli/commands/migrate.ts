/** `otklik migrate` (npm run migrate): applies the SQL migrations to DATABASE_URL, or to the embedded database. */
import { join, resolve } from 'node:path';
import { loadEnv } from '../../platform/config/env.js';
import { connectDatabase } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { createLogger } from '../../platform/log.js';
import { startEmbeddedPostgres } from '../../platform/services/index.js';
import { failOnConfig } from '../fail.js';

export async function run(): Promise<number> {
  return failOnConfig(async () => {
    const env = loadEnv();
    const log = createLogger({ level: env.LOG_LEVEL });
    const embedded = env.DATABASE_URL
      ? null
      : await startEmbeddedPostgres({ dataDir: join(resolve(env.OTKLIK_DATA_DIR), 'postgres'), log });
    const database = connectDatabase(env.DATABASE_URL ?? embedded!.url);
    try {
      await applyMigrations(database);
      console.log('Migrations applied.');
    } finally {
      await database.close();
      await embedded?.stop();
    }
    return 0;
  });
}

/**
 * The database a maintenance command works on: DATABASE_URL when set (compose, or a server of the
 * administration's own); otherwise the single-machine install's embedded PostgreSQL — the running
 * one when `otklik start` is up, else started for the command and stopped after it.
 */
import { join, resolve } from 'node:path';
import type { Env } from '../platform/config/env.js';
import { connectDatabase, type Database } from '../platform/db/client.js';
import type { Logger } from '../platform/log.js';
import { runningEmbeddedPostgresUrl } from '../platform/services/embedded-url.js';
import { startEmbeddedPostgres } from '../platform/services/index.js';

export async function withDatabase<T>(env: Env, log: Logger, work: (database: Database) => Promise<T>): Promise<T> {
  const dataDir = join(resolve(env.OTKLIK_DATA_DIR), 'postgres');
  const running = env.DATABASE_URL ? null : await runningEmbeddedPostgresUrl(dataDir);
  const embedded = env.DATABASE_URL || running ? null : await startEmbeddedPostgres({ dataDir, log });
  const database = connectDatabase(env.DATABASE_URL ?? running ?? embedded!.url, { max: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

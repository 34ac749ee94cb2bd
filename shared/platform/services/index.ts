import { join, resolve } from 'node:path';
import type { Logger } from '../log.js';
import { startEmbeddedPostgres, type RunningService } from './postgres.js';
import { startPrivateRedis } from './redis.js';

export { startEmbeddedPostgres, type RunningService } from './postgres.js';
export { startPrivateRedis } from './redis.js';

export type Services = { databaseUrl: string; redisUrl: string; stop(): Promise<void> };

/**
 * PostgreSQL and Redis for one process: the configured ones when
 * DATABASE_URL / REDIS_URL are set, otherwise an embedded PostgreSQL and a
 * private Redis with their data under OTKLIK_DATA_DIR (default ./.otklik),
 * which `stop()` shuts down again. A fresh data folder is a fresh installation.
 * `tuning` is for test runs: a PostgreSQL without fsync, more Redis databases.
 */
export async function ensureServices(opts: {
  env: { DATABASE_URL?: string; REDIS_URL?: string; OTKLIK_DATA_DIR?: string };
  log: Logger;
  tuning?: { ephemeral?: boolean; redisDatabases?: number };
}): Promise<Services> {
  const { env, log, tuning = {} } = opts;
  const root = resolve(env.OTKLIK_DATA_DIR || '.otklik');
  const postgresDir = join(root, 'postgres');
  const redisDir = join(root, 'redis');
  // Both settle before we judge, so a failure of one never leaves the other running.
  const results = await Promise.allSettled([
    env.DATABASE_URL
      ? configured('PostgreSQL', env.DATABASE_URL, log)
      : started('embedded PostgreSQL', postgresDir, log, () =>
          startEmbeddedPostgres({ dataDir: postgresDir, log, ephemeral: tuning.ephemeral })),
    env.REDIS_URL
      ? configured('Redis', env.REDIS_URL, log)
      : started('private Redis', redisDir, log, () =>
          startPrivateRedis({ dataDir: redisDir, log, databases: tuning.redisDatabases })),
  ]);
  const running = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) {
    await Promise.allSettled(running.map((service) => service.stop()));
    throw failure.reason;
  }
  const [postgres, redis] = running as [RunningService, RunningService];
  return {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    stop: async () => {
      await Promise.all([postgres.stop(), redis.stop()]);
    },
  };
}

async function configured(name: string, url: string, log: Logger): Promise<RunningService> {
  log.info(`${name} at ${new URL(url).host} (configured)`); // host:port only: the URL may carry a password
  return { url, stop: async () => undefined };
}

async function started(label: string, dataDir: string, log: Logger, start: () => Promise<RunningService>) {
  const service = await start();
  log.info(`${label} on ${new URL(service.url).host}, data in ${dataDir}`);
  return service;
}

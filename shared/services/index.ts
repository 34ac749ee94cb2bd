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
 */
export async function ensureServices(opts: {
  env: { DATABASE_URL?: string; REDIS_URL?: string; OTKLIK_DATA_DIR?: string };
  log: Logger;
}): Promise<Services> {
  const { env, log } = opts;
  const root = resolve(env.OTKLIK_DATA_DIR || '.otklik');
  const [postgres, redis] = await Promise.allSettled([
    provide('PostgreSQL', env.DATABASE_URL, 'embedded PostgreSQL', join(root, 'postgres'), log, startEmbeddedPostgres),
    provide('Redis', env.REDIS_URL, 'private Redis', join(root, 'redis'), log, startPrivateRedis),
  ]);
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    // One came up, the other did not: leave nothing running behind the error.
    await Promise.allSettled([postgres, redis].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw postgres.status === 'rejected' ? postgres.reason : (redis as PromiseRejectedResult).reason;
  }
  return {
    databaseUrl: postgres.value.url,
    redisUrl: redis.value.url,
    stop: async () => {
      await Promise.all([postgres.value.stop(), redis.value.stop()]);
    },
  };
}

async function provide(
  name: string,
  configured: string | undefined,
  label: string,
  dataDir: string,
  log: Logger,
  start: (opts: { dataDir: string; log: Logger }) => Promise<RunningService>,
): Promise<RunningService> {
  if (configured) {
    const { host } = new URL(configured); // host:port only: the URL may carry a password
    log.info(`${name} at ${host} (configured)`);
    return { url: configured, stop: async () => undefined };
  }
  const service = await start({ dataDir, log });
  log.info(`${label} on ${new URL(service.url).host}, data in ${dataDir}`);
  return service;
}

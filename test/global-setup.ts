import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../shared/platform/log.js';
import { ensureServices } from '../shared/platform/services/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared test server's URL; test files take their own database from `freshDatabase()`. */
    databaseUrl: string;
    /** The shared test Redis; test files take their own logical database from `freshRedis()`. */
    redisUrl: string;
    /** Names this run's bookkeeping keys, so runs sharing a TEST_REDIS_URL count apart. */
    testRunId: string;
  }
}

/**
 * One PostgreSQL and one Redis for the whole run, in a temp folder deleted
 * afterwards, unless TEST_DATABASE_URL / TEST_REDIS_URL name servers to use.
 * Test files reach them through `inject` (see test/support/).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = createLogger({ name: 'test-services', level: process.env.LOG_LEVEL ?? 'warn' });
  const dir = await mkdtemp(join(tmpdir(), 'otklik-test-'));
  await chmod(dir, 0o755); // mkdtemp makes it 0700; as root, postgres (its own user) then keeps the cluster here, not in /var/lib/otklik
  const removeDir = () => rm(dir, { recursive: true, force: true });
  const services = await ensureServices({
    env: { DATABASE_URL: process.env.TEST_DATABASE_URL, REDIS_URL: process.env.TEST_REDIS_URL, OTKLIK_DATA_DIR: dir },
    log,
    // A test run's data may be lost; one logical Redis database per test file that asks for one.
    tuning: { ephemeral: true, redisDatabases: 1024 },
  }).catch(async (err: unknown) => {
    await removeDir();
    throw err;
  });
  project.provide('databaseUrl', services.databaseUrl);
  project.provide('redisUrl', services.redisUrl);
  project.provide('testRunId', basename(dir));
  return async () => {
    await services.stop();
    await removeDir();
  };
}

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../shared/log.js';
import { startEmbeddedPostgres, startPrivateRedis, type RunningService } from '../shared/services/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared test server's admin URL; test files take their own database from `freshDatabase()`. */
    databaseUrl: string;
    /** The shared test Redis; test files take their own logical database from `freshRedis()`. */
    redisUrl: string;
    /** Names this run's bookkeeping keys, so runs sharing a TEST_REDIS_URL count apart. */
    testRunId: string;
  }
}

/** Logical databases on the private test Redis: one per test file that calls freshRedis(). */
const TEST_REDIS_DATABASES = 1024;

/**
 * One PostgreSQL and one Redis for the whole run, in a temp folder deleted
 * afterwards, unless TEST_DATABASE_URL / TEST_REDIS_URL name servers to use.
 * Test files reach them through `inject` (see test/support/).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = createLogger({ name: 'test-services', level: process.env.LOG_LEVEL ?? 'warn' });
  const dir = await mkdtemp(join(tmpdir(), 'otklik-test-'));
  await chmod(dir, 0o755); // mkdtemp makes it 0700; as root, postgres runs as its own user and must enter it
  const started: RunningService[] = [];
  const teardown = async () => {
    await Promise.allSettled(started.map((service) => service.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  const use = async (configured: string | undefined, start: () => Promise<RunningService>) => {
    if (configured) return configured;
    const service = await start();
    started.push(service);
    return service.url;
  };
  // Both settle before we judge, so a failure of one never leaves the other running.
  const [database, redis] = await Promise.allSettled([
    use(process.env.TEST_DATABASE_URL, () => startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), log, ephemeral: true })),
    use(process.env.TEST_REDIS_URL, () =>
      startPrivateRedis({ dataDir: join(dir, 'redis'), log, databases: TEST_REDIS_DATABASES }),
    ),
  ]);
  if (database.status === 'rejected' || redis.status === 'rejected') {
    await teardown();
    throw database.status === 'rejected' ? database.reason : (redis as PromiseRejectedResult).reason;
  }
  project.provide('databaseUrl', database.value);
  project.provide('redisUrl', redis.value);
  project.provide('testRunId', basename(dir));
  return teardown;
}

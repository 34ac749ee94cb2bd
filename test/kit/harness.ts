import { startHarness, type Harness } from '../../shared/sandbox/demo/harness.js';
import { silentLogger, type Logger } from '../../shared/platform/log.js';
import { freshDatabase } from './db.js';
import { freshRedis } from './redis.js';

export type TestHarness = Harness & {
  /** Empties this file's Redis database: "Redis lost its data". */
  flushRedis(): Promise<void>;
  /** Stops the system and drops this file's database. */
  dispose(): Promise<void>;
};

/** The real system on this test file's own database and Redis, wired to the fake Telegram and VK. */
export async function testHarness(
  opts: Omit<Parameters<typeof startHarness>[0], 'databaseUrl' | 'redisUrl' | 'queuePrefix' | 'log'> & { log?: Logger } = {},
): Promise<TestHarness> {
  const db = await freshDatabase();
  const redis = await freshRedis();
  const h = await startHarness({ databaseUrl: db.url, redisUrl: redis.url, queuePrefix: redis.prefix, log: silentLogger, ...opts });
  return Object.assign(h, {
    flushRedis: redis.flush,
    async dispose() {
      await h.stop();
      await db.drop();
    },
  });
}

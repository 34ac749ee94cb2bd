import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/**
 * A Redis of its own for one test file: a logical database nobody else in
 * the run uses, so code under test sees an empty Redis whatever keys it
 * writes, and `flush()` may empty it whole. Logical databases rather than key
 * prefixes because isolation then holds without every Redis user in the code
 * threading a prefix through; `prefix` is still unique, for BullMQ's `prefix`
 * option where a test wants its queues' keys recognisable.
 * Database 0 holds the run's hand-out counter and is never handed out.
 */
export async function freshRedis(): Promise<{ url: string; prefix: string; flush(): Promise<void> }> {
  const server = inject('redisUrl');
  const admin = new Redis(server, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await admin.connect();
    const counter = `otklik-test:${inject('testRunId')}:databases`;
    const [taken] = (await admin.multi().incr(counter).expire(counter, 86_400).exec()) ?? [];
    const db = Number(taken?.[1]);
    const available = await databaseCount(admin);
    if (!(db < available)) {
      throw new Error(
        `the test Redis at ${new URL(server).host} has ${available} logical databases and this run needs more; ` +
          'start it with --databases 1024, or unset TEST_REDIS_URL to use the private one',
      );
    }
    const url = new URL(server);
    url.pathname = `/${db}`;
    return {
      url: url.toString(),
      prefix: `test-${randomBytes(4).toString('hex')}`,
      flush: async () => {
        const client = new Redis(url.toString(), { maxRetriesPerRequest: 1 });
        try {
          await client.flushdb();
        } finally {
          client.disconnect();
        }
      },
    };
  } finally {
    admin.disconnect();
  }
}

async function databaseCount(admin: Redis): Promise<number> {
  try {
    const [, value] = (await admin.config('GET', 'databases')) as [string, string];
    return Number(value);
  } catch {
    return 16; // CONFIG is disabled on some hosted servers; 16 is Redis's default
  }
}

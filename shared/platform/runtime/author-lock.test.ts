/** The author lock on a real Redis: holders take turns, only the holder releases, a lock left by a dead holder expires. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshRedis } from '../../../test/kit/redis.js';
import { AuthorLockTimeout, withAuthorLock } from './author-lock.js';

let redis: Redis;
beforeAll(async () => {
  redis = new Redis((await freshRedis()).url);
});
afterAll(() => redis?.disconnect());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('runs one holder at a time, in turn, and leaves the key free', async () => {
  const trace: string[] = [];
  const work = (name: string) => async () => {
    trace.push(`${name} in`);
    await pause(30);
    trace.push(`${name} out`);
    return name;
  };
  const results = await Promise.all(['a', 'b', 'c'].map((n) => withAuthorLock(redis, 'lock:author-1', work(n))));
  expect(results).toEqual(['a', 'b', 'c']);
  // Never two inside at once: every "in" is followed by its own "out".
  for (let i = 0; i < trace.length; i += 2) expect(trace[i + 1]).toBe(trace[i]!.replace(' in', ' out'));
  expect(await redis.exists('lock:author-1')).toBe(0);
});

it('does not make other authors wait', async () => {
  let other = false;
  await withAuthorLock(redis, 'lock:author-2', async () => {
    await withAuthorLock(redis, 'lock:author-3', async () => {
      other = true;
    });
  });
  expect(other).toBe(true);
});

it('releases after a failure, and never releases a lock someone else holds now', async () => {
  await expect(withAuthorLock(redis, 'lock:author-4', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await redis.exists('lock:author-4')).toBe(0);
  // A holder whose lock expired under it (ttl 50 ms) must not delete the next holder's.
  const first = withAuthorLock(redis, 'lock:author-5', () => pause(120), { ttlMs: 50 });
  await pause(70);
  await redis.set('lock:author-5', 'next-holder', 'PX', 10_000, 'NX');
  await first;
  expect(await redis.get('lock:author-5')).toBe('next-holder');
});

it('gives up after waitMs with AuthorLockTimeout, leaving the holder alone', async () => {
  await redis.set('lock:author-6', 'dead-holder', 'PX', 10_000);
  await expect(withAuthorLock(redis, 'lock:author-6', async () => 'never', { waitMs: 100 })).rejects.toBeInstanceOf(AuthorLockTimeout);
  expect(await redis.get('lock:author-6')).toBe('dead-holder');
});

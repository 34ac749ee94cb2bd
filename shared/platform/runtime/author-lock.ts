/**
 * One message of an author at a time through the decisions that depend on
 * their earlier ones: joining a burst, answering a clarification, reacting
 * to an answer. Ingested side by side — a batch's four lanes, two batch jobs,
 * a second worker —, the first messages of a burst would each find no
 * incident to join and open one each: a citizen who typed "Здравствуйте",
 * then the problem, then the address got three cards. The lock lives in
 * Redis (SET NX PX with a token, released only by its holder) so that it
 * holds across processes without keeping a PostgreSQL connection checked
 * out while waiting; it expires on its own when a holder dies.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/** Longer than one message's ingest, author lookup at VK's pace included; a dead holder's lock goes after this. */
export const AUTHOR_LOCK_TTL_MS = 60_000;
const POLL_MS = 20;

export class AuthorLockTimeout extends Error {}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export const authorLockKey = (prefix: string, network: string, authorId: string): string => `${prefix}:ingest-author:${network}:${authorId}`;

/**
 * Runs `work` holding the author's lock. Waits for it by polling (every
 * 20 ms, as another message of the same author takes milliseconds to
 * ingest), at most `waitMs`; past that it throws AuthorLockTimeout, and the
 * job's retry takes the message again later.
 */
export async function withAuthorLock<T>(
  redis: Pick<Redis, 'set' | 'eval'>,
  key: string,
  work: () => Promise<T>,
  opts: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const ttlMs = opts.ttlMs ?? AUTHOR_LOCK_TTL_MS;
  const deadline = Date.now() + (opts.waitMs ?? ttlMs);
  const token = randomUUID();
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() >= deadline) throw new AuthorLockTimeout(`${key} still held after ${opts.waitMs ?? ttlMs} ms`);
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}

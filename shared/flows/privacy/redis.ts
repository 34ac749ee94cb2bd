/**
 * The citizen's traces in the installation's Redis (every key under the
 * queue prefix): BullMQ jobs carry ids only, but a job's return value, a
 * failure's reason or an event-stream entry could still quote one, and the
 * ingest's author lock is named by the author's id. A sweep finds them by the
 * same traces as the database and removes them: a plain key is deleted, a
 * hash field (a job's returnvalue, failedReason…) redacted in place, a stream
 * entry deleted. Members of lists, sets and sorted sets are job ids: reported,
 * not touched, so no job is ever dropped.
 */
import type { Redis } from 'ioredis';
import type { Redactor } from './redact.js';

export type RedisTrace = { key: string; type: string; field?: string };

async function keysOf(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return [...new Set(keys)];
}

/** Every key, hash field, stream entry or member under the prefix that holds a trace. */
export async function findInRedis(redis: Redis, prefix: string, r: Redactor): Promise<RedisTrace[]> {
  const found: RedisTrace[] = [];
  for (const key of await keysOf(redis, prefix)) {
    const type = await redis.type(key);
    // A plain key named by the author (the ingest's author lock) goes. A job's key holds an id of ours, which may
    // look like theirs by chance (inbound event 7300451): only its contents are looked at.
    if (type === 'string' && r.found(key)) {
      found.push({ key, type: 'key' });
      continue;
    }
    if (type === 'string') {
      if (r.found((await redis.get(key)) ?? '')) found.push({ key, type });
    } else if (type === 'hash') {
      for (const [field, value] of Object.entries(await redis.hgetall(key))) if (r.found(value)) found.push({ key, type, field });
    } else if (type === 'stream') {
      for (const [id, fields] of await redis.xrange(key, '-', '+')) if (fields.some((f) => r.found(f))) found.push({ key, type, field: id });
    } else if (type === 'list') {
      for (const m of await redis.lrange(key, 0, -1)) if (r.found(m)) found.push({ key, type, field: m });
    } else if (type === 'set') {
      for (const m of await redis.smembers(key)) if (r.found(m)) found.push({ key, type, field: m });
    } else if (type === 'zset') {
      for (const m of await redis.zrange(key, '0', '-1')) if (r.found(m)) found.push({ key, type, field: m });
    }
  }
  return found;
}

/** Removes what `findInRedis` finds; returns how many traces were removed and how many were left (job ids in lists). */
export async function sweepRedis(redis: Redis, prefix: string, r: Redactor): Promise<{ removed: number; left: number }> {
  let removed = 0;
  let left = 0;
  for (const trace of await findInRedis(redis, prefix, r)) {
    if (trace.type === 'key' || trace.type === 'string') {
      await redis.del(trace.key);
      removed++;
    } else if (trace.type === 'hash' && trace.field !== undefined) {
      const value = await redis.hget(trace.key, trace.field);
      if (value === null) continue;
      await redis.hset(trace.key, trace.field, redactedValue(trace.field, value, r));
      removed++;
    } else if (trace.type === 'stream' && trace.field !== undefined) {
      await redis.xdel(trace.key, trace.field);
      removed++;
    } else {
      left++;
    }
  }
  return { removed, left };
}

/** A job's `data` and `opts` are JSON its handler parses: redacted inside their strings, never cut. */
function redactedValue(field: string, value: string, r: Redactor): string {
  if (field !== 'data' && field !== 'opts') return r.text(value);
  try {
    return JSON.stringify(r.json(JSON.parse(value) as unknown));
  } catch {
    return r.text(value);
  }
}

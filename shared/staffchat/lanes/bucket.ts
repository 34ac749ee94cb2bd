/**
 * Token buckets in Redis. A bucket is a hash {t: tokens, ts: when counted};
 * a missing one is full, so an idle chat costs nothing and a Redis that lost
 * its data merely forgets some spent tokens (a 429 then pauses the chat).
 * Time comes in as an argument, never from the server: tests move it, and
 * every replica reads the same app clock.
 */
import type { Redis } from 'ioredis';
import type { BucketSpec } from './limits.js';
import { lua, runScript } from './script.js';

/** Lua functions shared by every script that spends tokens. */
export const BUCKET_LUA = `
local function bucket_level(key, cap, rate, now)
  local s = redis.call('HMGET', key, 't', 'ts')
  local tokens, ts = tonumber(s[1]), tonumber(s[2])
  if tokens == nil or ts == nil then return cap, now end
  -- A clock that went back (another replica a little behind) refills nothing and moves nothing back.
  if now > ts then
    tokens = math.min(cap, tokens + (now - ts) * rate)
    ts = now
  end
  return tokens, ts
end
local function bucket_wait(tokens, rate)
  if tokens >= 1 then return 0 end
  return math.ceil((1 - tokens) / rate)
end
local function bucket_spend(key, tokens, ts, cap, rate)
  redis.call('HSET', key, 't', tostring(tokens - 1), 'ts', tostring(ts))
  redis.call('PEXPIRE', key, math.ceil(cap / rate) + 60000)
end
`;

/** Takes one token from every bucket, or none when any is empty; returns 0 or the ms until all have one. */
const TAKE = lua(`${BUCKET_LUA}
local now = tonumber(ARGV[1])
local levels, wait = {}, 0
for i, key in ipairs(KEYS) do
  local cap, rate = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local tokens, ts = bucket_level(key, cap, rate, now)
  levels[i] = { tokens, ts, cap, rate }
  wait = math.max(wait, bucket_wait(tokens, rate))
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local l = levels[i]
  bucket_spend(key, l[1], l[2], l[3], l[4])
end
return 0
`);

/**
 * Spends one token from every bucket even when it is empty (down to one
 * capacity of debt): a request made outside the lane, such as a card redrawn
 * at once for the curator who pressed its button, still counts.
 */
const CHARGE = lua(`${BUCKET_LUA}
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local cap, rate = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local tokens, ts = bucket_level(key, cap, rate, now)
  bucket_spend(key, math.max(tokens, 1 - cap), ts, cap, rate)
end
return 0
`);

export type BucketEntry = { key: string; spec: BucketSpec };

export type Buckets = {
  /** One token from each bucket, atomically: 0 when taken, else how many ms until it could be. */
  take(entries: BucketEntry[]): Promise<number>;
  /** One token from each bucket whether or not there is one (a request already made elsewhere). */
  charge(entries: BucketEntry[]): Promise<void>;
};

export function createBuckets(redis: Redis, clock: { now(): number }): Buckets {
  return {
    async take(entries) {
      const args = entries.flatMap((e) => [e.spec.capacity, e.spec.perMs]);
      return Number(await runScript(redis, TAKE, entries.map((e) => e.key), [clock.now(), ...args]));
    },
    async charge(entries) {
      const args = entries.flatMap((e) => [e.spec.capacity, e.spec.perMs]);
      await runScript(redis, CHARGE, entries.map((e) => e.key), [clock.now(), ...args]);
    },
  };
}

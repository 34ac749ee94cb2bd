/**
 * The token bucket against a real Redis, with a clock the test moves: what it
 * admits fits Telegram's windows as the fake server models them, it takes
 * from several buckets all or nothing, and concurrent callers never share a
 * token.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter, REAL_LIMITS } from '../../sandbox/fakes/telegram-limits.js';
import { freshRedis } from '../../../test/kit/redis.js';
import { createBuckets, type Buckets } from './bucket.js';
import { TELEGRAM_LANE_LIMITS as L } from './limits.js';

let redis: Redis;
let now = 1_700_000_000_000;
let buckets: Buckets;
const clock = { now: () => now };
let n = 0;
/** A bucket key nobody else in this file uses. */
const fresh = (name: string) => `bucket-test:${name}:${(n += 1)}`;

beforeAll(async () => {
  const r = await freshRedis();
  redis = new Redis(r.url);
  buckets = createBuckets(redis, clock);
});

afterAll(() => redis?.disconnect());

describe('token bucket', () => {
  it('gives its capacity at once, then one token per 1/rate, and says how long to wait', async () => {
    const key = fresh('group-send');
    const bucket = [{ key, spec: L.groupSend }];
    for (let i = 0; i < L.groupSend.capacity; i += 1) expect(await buckets.take(bucket)).toBe(0);
    const interval = Math.ceil(1 / L.groupSend.perMs); // 16 a minute: 3750 ms
    expect(await buckets.take(bucket)).toBe(interval);
    now += interval - 1;
    expect(await buckets.take(bucket)).toBe(1);
    now += 1;
    expect(await buckets.take(bucket)).toBe(0);
    expect(await buckets.take(bucket)).toBe(interval);
  });

  it('takes from every bucket or from none', async () => {
    const chat = { key: fresh('chat'), spec: L.groupSend };
    const bot = { key: fresh('bot'), spec: { capacity: 1, perMs: 1 / 10_000 } };
    expect(await buckets.take([chat, bot])).toBe(0);
    // The bot bucket is empty: the chat bucket must keep its two remaining tokens.
    expect(await buckets.take([chat, bot])).toBe(10_000);
    expect(await buckets.take([chat])).toBe(0);
    expect(await buckets.take([chat])).toBe(0);
    expect(await buckets.take([chat])).toBeGreaterThan(0);
  });

  it('never hands one token to two concurrent callers', async () => {
    const bucket = [{ key: fresh('race'), spec: L.groupSend }];
    const waits = await Promise.all(Array.from({ length: 50 }, () => buckets.take(bucket)));
    expect(waits.filter((w) => w === 0)).toHaveLength(L.groupSend.capacity);
  });

  it('refills nothing when the clock goes back, and never above capacity', async () => {
    const bucket = [{ key: fresh('skew'), spec: L.private }];
    for (let i = 0; i < L.private.capacity; i += 1) expect(await buckets.take(bucket)).toBe(0);
    now -= 60_000; // a replica whose clock is a minute behind
    expect(await buckets.take(bucket)).toBeGreaterThan(0);
    now += 60_000 + 3_600_000; // an hour idle
    for (let i = 0; i < L.private.capacity; i += 1) expect(await buckets.take(bucket)).toBe(0);
    expect(await buckets.take(bucket)).toBeGreaterThan(0);
  });

  it('charges a request made outside the lane even from an empty bucket, so the lane waits longer', async () => {
    const bucket = [{ key: fresh('charged'), spec: L.groupEdit }];
    const interval = Math.ceil(1 / L.groupEdit.perMs);
    for (let i = 0; i < 5; i += 1) await buckets.charge(bucket); // 3 tokens, then 2 of debt
    expect(await buckets.take(bucket)).toBe(3 * interval);
    for (let i = 0; i < 10; i += 1) await buckets.charge(bucket);
    expect(await buckets.take(bucket)).toBe(4 * interval); // the debt stops at one capacity
  });

  it('admits, taken as fast as it allows, nothing the fake Telegram would refuse with 429', async () => {
    // Three lanes at full speed for ten simulated minutes, each request checked against the fake's
    // sliding windows (real limits) on the same clock, plus the bot-wide bucket over all of them.
    const limiter = new RateLimiter({ ...REAL_LIMITS }, () => now);
    const token = 'bot';
    const global = { key: fresh('global'), spec: L.global };
    const lanes = [
      { chatId: -100_1, kind: 'send' as const, entry: { key: fresh('g-send'), spec: L.groupSend } },
      { chatId: -100_1, kind: 'edit' as const, entry: { key: fresh('g-edit'), spec: L.groupEdit } },
      { chatId: 4242, kind: 'send' as const, entry: { key: fresh('private'), spec: L.private } },
    ];
    const admitted = new Map(lanes.map((l) => [l, 0]));
    const end = now + 10 * 60_000;
    while (now < end) {
      let soonest = Infinity;
      for (const lane of lanes) {
        const wait = await buckets.take([lane.entry, global]);
        if (wait === 0) {
          expect(limiter.take(token, lane.chatId, lane.kind), `${lane.kind} into ${lane.chatId} refused`).toBeUndefined();
          admitted.set(lane, admitted.get(lane)! + 1);
          soonest = 0;
        } else soonest = Math.min(soonest, wait);
      }
      now += soonest;
    }
    // And it is not timid: a group gets its burst and 16 a minute, a private chat 0.9 a second
    // (the last token may fall just past the ten minutes).
    for (const group of [lanes[0]!, lanes[1]!]) expect(admitted.get(group)).toBeGreaterThanOrEqual(3 + 16 * 10 - 1);
    expect(admitted.get(lanes[2]!)).toBeGreaterThanOrEqual(3 + 0.9 * 600 - 1);
  });
});

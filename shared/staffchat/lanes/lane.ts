/**
 * One staff chat's lane in Redis: two queues (sends and edits, which Telegram
 * counts apart in groups), the version each item wants shown, a pause set by
 * a 429, the item in flight, and the digest switch. Every change is one Lua
 * script, so replicas racing on the same chat see a consistent lane.
 *
 * An item names what to show, not how it looks (`c42` is incident 42's card,
 * `d7` digest 7, `m9` lane message 9): the pump renders it from PostgreSQL
 * when its turn comes, so any number of refreshes queued meanwhile cost one
 * request.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BUCKET_LUA } from './bucket.js';
import { laneKeys, type LaneKeys } from './keys.js';
import { chatBucket, type LaneLimits } from './limits.js';
import { lua, runScript } from './script.js';
import type { LaneClock } from './time.js';

export type LaneKind = 'send' | 'edit';

export type Offer = {
  item: string;
  /** The version the item must at least show; the newest asked for wins. */
  version: number;
  kind: LaneKind;
  /** A new card may be collapsed into the chat's digest instead; anything else is always queued. */
  mayDigest?: boolean;
  /** Jump the queue (a digest: one message standing for many). */
  front?: boolean;
};

export type OfferResult =
  /** `run` is the pump run due to drain the chat: started by this offer when `kicked`. */
  | { status: 'queued'; run: string; kicked: boolean; closedDigest: string | null }
  | { status: 'digest'; nonce: string };

export type Step =
  | { type: 'go'; kind: LaneKind; item: string; want: number }
  /** Nothing may go before `ms` (app clock) have passed. */
  | { type: 'wait'; ms: number }
  /** Another request of this chat is in flight for `realMs` more at most. */
  | { type: 'busy'; realMs: number }
  | { type: 'idle' };

export type Settle =
  /** Delivered as of `shown`; a newer version asked for meanwhile becomes an edit. */
  | { op: 'done'; shown: number }
  /** Nothing left to show (the incident or message is gone). */
  | { op: 'drop' }
  /** Telegram said 429: the chat waits `ms`, the item stays first in line. */
  | { op: 'pause'; ms: number }
  /** A failure worth retrying: the item goes back with exponential backoff. */
  | { op: 'later' }
  /** The item needs the other kind of request (an edit whose message was deleted becomes a send). */
  | { op: 'move'; to: LaneKind };

const OFFER = lua(`${BUCKET_LUA}
local item, version, kind, now = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local closed = ''
local queuedForSend = redis.call('ZSCORE', KEYS[1], item)
if ARGV[6] == '1' and not queuedForSend then
  local d = redis.call('HMGET', KEYS[5], 'nonce', 'last')
  local backlog = redis.call('ZCARD', KEYS[1])
  if d[1] then
    if backlog == 0 and now - tonumber(d[2]) >= tonumber(ARGV[8]) then
      redis.call('DEL', KEYS[5])
      closed = d[1]
    else
      redis.call('HSET', KEYS[5], 'last', now)
      return { 'digest', d[1] }
    end
  else
    -- How long the chat needs for what is queued plus this card: pause left, then the send bucket's pace.
    local cap, rate = tonumber(ARGV[9]), tonumber(ARGV[10])
    local tokens = bucket_level(KEYS[6], cap, rate, now)
    local paused = math.max(0, (tonumber(redis.call('GET', KEYS[7])) or 0) - now)
    if paused + math.max(0, backlog + 1 - tokens) / rate > tonumber(ARGV[7]) then
      redis.call('HSET', KEYS[5], 'nonce', ARGV[11], 'last', now)
      return { 'digest', ARGV[11] }
    end
  end
end
local queue = KEYS[2]
if kind == 'send' or queuedForSend then queue = KEYS[1] end
redis.call('ZADD', queue, 'NX', ARGV[5], item)
-- A new card promises to be reachable within the horizon; a pause that breaks the promise sends it to the digest.
if ARGV[6] == '1' and not queuedForSend then redis.call('ZADD', KEYS[8], 'NX', now + tonumber(ARGV[7]), item) end
local wanted = tonumber(redis.call('HGET', KEYS[3], item))
if wanted == nil or version > wanted then redis.call('HSET', KEYS[3], item, version) end
-- The pump marker names the run due to drain the chat; the caller (re-)adds that job, which BullMQ dedupes by id.
local kicked = redis.call('SET', KEYS[4], ARGV[13], 'NX', 'PX', ARGV[12]) and '1' or '0'
return { 'queued', kicked, redis.call('GET', KEYS[4]), closed }
`);

const NEXT = lua(`${BUCKET_LUA}
local now = tonumber(ARGV[1])
local heads = {}
local queues = { { KEYS[1], KEYS[7], ARGV[4], ARGV[5], 'send' }, { KEYS[2], KEYS[8], ARGV[6], ARGV[7], 'edit' } }
for _, q in ipairs(queues) do
  local h = redis.call('ZRANGE', q[1], 0, 0, 'WITHSCORES')
  if h[1] then
    heads[#heads + 1] = { item = h[1], score = tonumber(h[2]), bucket = q[2], cap = tonumber(q[3]), rate = tonumber(q[4]), kind = q[5] }
  end
end
local holder = redis.call('GET', KEYS[4])
if #heads == 0 then
  -- Atomic with offers' SET NX: an item offered after this sees no marker and starts a new run.
  if holder == ARGV[10] then redis.call('DEL', KEYS[4]) end
  return { 'idle' }
end
if not holder then
  redis.call('SET', KEYS[4], ARGV[10], 'PX', ARGV[3])
elseif holder == ARGV[10] then
  redis.call('PEXPIRE', KEYS[4], ARGV[3])
end
local busy = redis.call('PTTL', KEYS[6])
if busy > 0 then return { 'busy', busy } end
local paused = (tonumber(redis.call('GET', KEYS[5])) or 0) - now
if paused > 0 then return { 'wait', math.ceil(paused) } end
if #heads == 2 and heads[2].score < heads[1].score then heads[1], heads[2] = heads[2], heads[1] end
local gcap, grate = tonumber(ARGV[8]), tonumber(ARGV[9])
local gtokens, gts = bucket_level(KEYS[9], gcap, grate, now)
local gwait = bucket_wait(gtokens, grate)
local wait = nil
for _, h in ipairs(heads) do
  local w
  if h.score > now then
    w = h.score - now
  else
    local tokens, ts = bucket_level(h.bucket, h.cap, h.rate, now)
    w = math.max(bucket_wait(tokens, h.rate), gwait)
    if w == 0 then
      bucket_spend(h.bucket, tokens, ts, h.cap, h.rate)
      bucket_spend(KEYS[9], gtokens, gts, gcap, grate)
      redis.call('SET', KEYS[6], h.item, 'PX', ARGV[2])
      return { 'go', h.kind, h.item, redis.call('HGET', KEYS[3], h.item) or '0' }
    end
  end
  if wait == nil or w < wait then wait = w end
end
return { 'wait', math.ceil(wait) }
`);

/**
 * The new cards in the send line that would now reach the chat later than
 * promised, counting the pause and the bucket's pace from the
 * front. Opens the digest if none is; returns its nonce and those items.
 */
const OVERDUE = lua(`${BUCKET_LUA}
if redis.call('ZCARD', KEYS[2]) == 0 then return {} end
local now, cap, rate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local start = math.max(now, tonumber(redis.call('GET', KEYS[5])) or 0)
local tokens = bucket_level(KEYS[4], cap, rate, start)
local busy = redis.call('GET', KEYS[6])
local kept, late = 0, {}
for _, item in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local deadline = tonumber(redis.call('ZSCORE', KEYS[2], item))
  if deadline and item ~= busy and start + math.max(0, kept + 1 - tokens) / rate > deadline then
    late[#late + 1] = item
  else
    kept = kept + 1
  end
end
if #late == 0 then return {} end
local nonce = redis.call('HGET', KEYS[3], 'nonce')
if not nonce then nonce = ARGV[4] end
redis.call('HSET', KEYS[3], 'nonce', nonce, 'last', now)
table.insert(late, 1, nonce)
return late
`);

/** Takes items out of the send line once the digest lists them (unless one is in flight right now). */
const WITHDRAW = lua(`
local busy = redis.call('GET', KEYS[5])
local n = 0
for _, item in ipairs(ARGV) do
  if item ~= busy and redis.call('ZREM', KEYS[1], item) == 1 then
    redis.call('HDEL', KEYS[2], item)
    redis.call('HDEL', KEYS[3], item)
    redis.call('ZREM', KEYS[4], item)
    n = n + 1
  end
end
return n
`);

const SETTLE = lua(`
local op, kind, item, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local from, other = KEYS[2], KEYS[1]
if kind == 'send' then from, other = KEYS[1], KEYS[2] end
redis.call('DEL', KEYS[4])
if op == 'done' or op == 'drop' or op == 'move' then redis.call('ZREM', KEYS[7], item) end
if op == 'done' then
  redis.call('HDEL', KEYS[6], item)
  redis.call('ZREM', from, item)
  local wanted = tonumber(redis.call('HGET', KEYS[3], item)) or 0
  if tonumber(ARGV[5]) >= wanted then
    redis.call('ZREM', other, item)
    redis.call('HDEL', KEYS[3], item)
    return 'done'
  end
  -- Asked for again while in flight: the message now exists, so the rest is an edit.
  redis.call('ZADD', KEYS[2], 'NX', now, item)
  return 'again'
elseif op == 'drop' then
  redis.call('ZREM', KEYS[1], item)
  redis.call('ZREM', KEYS[2], item)
  redis.call('HDEL', KEYS[3], item)
  redis.call('HDEL', KEYS[6], item)
  return 'dropped'
elseif op == 'move' then
  local to = KEYS[2]
  if ARGV[5] == 'send' then to = KEYS[1] end
  local score = redis.call('ZSCORE', from, item) or now
  redis.call('ZREM', from, item)
  redis.call('ZADD', to, 'NX', score, item)
  return 'moved'
elseif op == 'pause' then
  local untilMs = now + tonumber(ARGV[5])
  if untilMs > (tonumber(redis.call('GET', KEYS[5])) or 0) then
    redis.call('SET', KEYS[5], untilMs, 'PX', ARGV[8])
  end
  return 'paused'
elseif op == 'later' then
  local n = redis.call('HINCRBY', KEYS[6], item, 1)
  local delay = math.min(tonumber(ARGV[7]), tonumber(ARGV[6]) * 2 ^ (n - 1))
  redis.call('ZADD', from, 'XX', now + delay, item)
  return 'later'
end
return redis.error_reply('unknown settle op ' .. op)
`);

/** How long one request may stay in flight before another pump may retry its item (real ms). */
const BUSY_TTL_MS = 60_000;
/** How long a pump may stay silent before another offer starts a new one (real ms). */
export const PUMP_TTL_MS = 60_000;
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 5 * 60_000;

/** Short, unique, and fit for a BullMQ job id (no ':'). */
export const newId = () => randomBytes(6).toString('hex');

export type Lane = ReturnType<typeof createLane>;

export function createLane(deps: { redis: Redis; prefix: string; clock: LaneClock; limits: LaneLimits }) {
  const { redis, prefix, clock, limits } = deps;
  const keysOf = (chatId: number): LaneKeys => laneKeys(prefix, chatId);

  return {
    keys: keysOf,

    async offer(chatId: number, o: Offer): Promise<OfferResult> {
      const k = keysOf(chatId);
      const now = clock.now();
      const send = chatBucket(limits, chatId, 'send');
      const reply = (await runScript(
        redis,
        OFFER,
        [k.send, k.edit, k.want, k.pump, k.digest, k.sendBucket, k.pause, k.fresh],
        [
          o.item,
          o.version,
          o.kind,
          now,
          o.front ? 0 : now,
          o.mayDigest ? 1 : 0,
          limits.backlogHorizonMs,
          limits.digestQuietMs,
          send.capacity,
          send.perMs,
          newId(),
          PUMP_TTL_MS,
          newId(),
        ],
      )) as string[];
      if (reply[0] === 'digest') return { status: 'digest', nonce: reply[1]! };
      return { status: 'queued', kicked: reply[1] === '1', run: reply[2]!, closedDigest: reply[3] || null };
    },

    /** The next request the chat may make now, taken from its buckets; `run` is the pump asking. */
    async next(chatId: number, run: string): Promise<Step> {
      const k = keysOf(chatId);
      const send = chatBucket(limits, chatId, 'send');
      const edit = chatBucket(limits, chatId, 'edit');
      const reply = (await runScript(
        redis,
        NEXT,
        [k.send, k.edit, k.want, k.pump, k.pause, k.busy, k.sendBucket, k.editBucket, k.global],
        [
          clock.now(),
          BUSY_TTL_MS,
          PUMP_TTL_MS,
          send.capacity,
          send.perMs,
          edit.capacity,
          edit.perMs,
          limits.global.capacity,
          limits.global.perMs,
          run,
        ],
      )) as Array<string | number>;
      switch (reply[0]) {
        case 'go':
          return { type: 'go', kind: reply[1] as LaneKind, item: String(reply[2]), want: Number(reply[3]) };
        case 'wait':
          return { type: 'wait', ms: Number(reply[1]) };
        case 'busy':
          return { type: 'busy', realMs: Number(reply[1]) };
        default:
          return { type: 'idle' };
      }
    },

    async settle(chatId: number, step: { kind: LaneKind; item: string }, s: Settle): Promise<string> {
      const k = keysOf(chatId);
      const arg = s.op === 'done' ? s.shown : s.op === 'pause' ? s.ms : s.op === 'move' ? s.to : '';
      const pauseTtl = s.op === 'pause' ? clock.realMs(s.ms) + 60_000 : 0;
      return String(
        await runScript(
          redis,
          SETTLE,
          [k.send, k.edit, k.want, k.busy, k.pause, k.tries, k.fresh],
          [s.op, step.kind, step.item, clock.now(), arg, RETRY_BASE_MS, RETRY_CAP_MS, pauseTtl],
        ),
      );
    },

    /** New cards a pause made late: the digest's nonce (opened if need be) and their items. */
    async overdue(chatId: number): Promise<{ nonce: string; items: string[] } | null> {
      const k = keysOf(chatId);
      const send = chatBucket(limits, chatId, 'send');
      const reply = (await runScript(
        redis,
        OVERDUE,
        [k.send, k.fresh, k.digest, k.sendBucket, k.pause, k.busy],
        [clock.now(), send.capacity, send.perMs, newId()],
      )) as string[];
      return reply.length ? { nonce: reply[0]!, items: reply.slice(1) } : null;
    },

    /** Removes items the digest now lists from the send line; returns how many were still there. */
    async withdraw(chatId: number, items: string[]): Promise<number> {
      if (!items.length) return 0;
      const k = keysOf(chatId);
      return Number(await runScript(redis, WITHDRAW, [k.send, k.want, k.tries, k.fresh, k.busy], items));
    },

    /** Hands the chat to the pump run that continues after `realMs`; the marker outlives the delay. */
    async handOver(chatId: number, run: string, realMs: number): Promise<void> {
      await redis.set(keysOf(chatId).pump, run, 'PX', realMs + PUMP_TTL_MS);
    },

    /** How many items wait, by kind: for tests and metrics. */
    async depth(chatId: number): Promise<{ send: number; edit: number }> {
      const k = keysOf(chatId);
      const [send, edit] = await Promise.all([redis.zcard(k.send), redis.zcard(k.edit)]);
      return { send, edit };
    },
  };
}

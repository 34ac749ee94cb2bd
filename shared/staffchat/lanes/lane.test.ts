/**
 * A chat's lane in Redis, step by step with a clock the test moves: refreshes
 * coalesce, a 429 pauses one chat only, sends and edits of a group draw from
 * their own buckets, one request per chat is in flight, and a flood switches
 * new cards to the digest and back once it is over.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshRedis } from '../../../test/kit/redis.js';
import { createLane, type Lane, type Step } from './lane.js';
import { TELEGRAM_LANE_LIMITS as L } from './limits.js';

let redis: Redis;
let lane: Lane;
let now = 1_700_000_000_000;
let chat = -100_500;
/** A chat nobody else in this file uses. */
const freshChat = (group = true) => (group ? (chat -= 1) : 900_000 - (chat -= 1));

beforeAll(async () => {
  const r = await freshRedis();
  redis = new Redis(r.url);
  lane = createLane({ redis, prefix: r.prefix, clock: { now: () => now, realMs: (ms) => ms }, limits: L });
});

afterAll(() => redis?.disconnect());

// The bot-wide bucket (5 at once, 24 a second) is shared by every chat here: let it refill between tests.
beforeEach(() => {
  now += 1_000;
});

const go = (step: Step) => {
  expect(step.type).toBe('go');
  return step as Extract<Step, { type: 'go' }>;
};

describe('lane', () => {
  it('folds ten refreshes of one card into one request showing the newest version', async () => {
    const c = freshChat();
    for (let v = 1; v <= 10; v += 1) await lane.offer(c, { item: 'c1', version: v, kind: 'edit' });
    expect(await lane.depth(c)).toEqual({ send: 0, edit: 1 });
    const step = go(await lane.next(c, 'run'));
    expect(step).toMatchObject({ kind: 'edit', item: 'c1', want: 10 });
    expect(await lane.settle(c, step, { op: 'done', shown: 10 })).toBe('done');
    expect(await lane.next(c, 'run')).toEqual({ type: 'idle' });
  });

  it('turns a refresh asked for while the first send is in flight into one edit afterwards', async () => {
    const c = freshChat();
    await lane.offer(c, { item: 'c2', version: 1, kind: 'send' });
    const send = go(await lane.next(c, 'run'));
    expect(send.kind).toBe('send');
    // The card job saw no message yet, so it offers a send; the lane keeps one entry and remembers v2.
    await lane.offer(c, { item: 'c2', version: 2, kind: 'send' });
    expect(await lane.settle(c, send, { op: 'done', shown: 1 })).toBe('again');
    expect(await lane.depth(c)).toEqual({ send: 0, edit: 1 });
    expect(go(await lane.next(c, 'run'))).toMatchObject({ kind: 'edit', item: 'c2', want: 2 });
  });

  it('keeps one request per chat in flight, whichever pump asks', async () => {
    const c = freshChat();
    await lane.offer(c, { item: 'm1', version: 1, kind: 'send' });
    await lane.offer(c, { item: 'm2', version: 1, kind: 'send' });
    const first = go(await lane.next(c, 'a'));
    expect(await lane.next(c, 'b')).toMatchObject({ type: 'busy' });
    await lane.settle(c, first, { op: 'done', shown: 1 });
    expect(go(await lane.next(c, 'b')).item).toBe('m2');
  });

  it('pauses only the chat that got a 429, and retries the same item first when the pause is over', async () => {
    const flooded = freshChat();
    const other = freshChat();
    await lane.offer(flooded, { item: 'c3', version: 1, kind: 'send' });
    await lane.offer(flooded, { item: 'c4', version: 1, kind: 'send' });
    await lane.offer(other, { item: 'c5', version: 1, kind: 'send' });
    const refused = go(await lane.next(flooded, 'run'));
    await lane.settle(flooded, refused, { op: 'pause', ms: 7_000 });
    expect(await lane.next(flooded, 'run')).toEqual({ type: 'wait', ms: 7_000 });
    expect(go(await lane.next(other, 'run')).item).toBe('c5');
    now += 7_000;
    expect(go(await lane.next(flooded, 'run')).item).toBe('c3');
  });

  it('counts a group\'s sends and edits apart, and paces each', async () => {
    const c = freshChat();
    for (let i = 0; i < 4; i += 1) await lane.offer(c, { item: `s${i}`, version: 1, kind: 'send' });
    for (let i = 0; i < 4; i += 1) await lane.offer(c, { item: `e${i}`, version: 1, kind: 'edit' });
    const kinds: string[] = [];
    for (;;) {
      const step = await lane.next(c, 'run');
      if (step.type !== 'go') {
        expect(step.type).toBe('wait');
        break;
      }
      kinds.push(step.kind);
      await lane.settle(c, step, { op: 'done', shown: 1 });
      now += 50; // enough for the bot-wide bucket, far too little for a group's
    }
    expect(kinds.filter((k) => k === 'send')).toHaveLength(L.groupSend.capacity);
    expect(kinds.filter((k) => k === 'edit')).toHaveLength(L.groupEdit.capacity);
  });

  it('retries a failed item later, with growing backoff, behind the others', async () => {
    const c = freshChat(false);
    await lane.offer(c, { item: 'm7', version: 1, kind: 'send' });
    await lane.offer(c, { item: 'm8', version: 1, kind: 'send' });
    const failed = go(await lane.next(c, 'run'));
    expect(failed.item).toBe('m7');
    await lane.settle(c, failed, { op: 'later' });
    expect(go(await lane.next(c, 'run')).item).toBe('m8');
  });

  it('starts one pump run per idle chat and lets the next offer start another once it went idle', async () => {
    const c = freshChat();
    const first = await lane.offer(c, { item: 'c9', version: 1, kind: 'send' });
    const second = await lane.offer(c, { item: 'c10', version: 1, kind: 'send' });
    expect(first).toMatchObject({ status: 'queued', kicked: true });
    expect(second).toMatchObject({ status: 'queued', kicked: false });
    if (first.status !== 'queued' || second.status !== 'queued') throw new Error('unreachable');
    expect(second.run).toBe(first.run);
    for (const _ of [1, 2]) await lane.settle(c, go(await lane.next(c, first.run)), { op: 'done', shown: 1 });
    expect(await lane.next(c, first.run)).toEqual({ type: 'idle' });
    expect(await lane.offer(c, { item: 'c11', version: 1, kind: 'send' })).toMatchObject({ kicked: true });
  });

  it('collapses new cards into one digest once the send line exceeds two minutes, and reopens the line after the flood', async () => {
    const c = freshChat();
    // 3 tokens now plus 16 a minute: two minutes hold 35 sends; the 36th new card would wait longer.
    const results = [];
    for (let i = 1; i <= 40; i += 1) results.push(await lane.offer(c, { item: `c${i}`, version: 1, kind: 'send', mayDigest: true }));
    expect(results.filter((r) => r.status === 'queued')).toHaveLength(35);
    const digested = results.filter((r) => r.status === 'digest');
    expect(digested).toHaveLength(5);
    expect(new Set(digested.map((r) => (r.status === 'digest' ? r.nonce : '')))).toHaveProperty('size', 1);
    // A refresh of a queued card and anything that may not be digested still queue.
    expect(await lane.offer(c, { item: 'c1', version: 2, kind: 'send', mayDigest: true })).toMatchObject({ status: 'queued' });
    expect(await lane.offer(c, { item: 'd1', version: 1, kind: 'send', front: true })).toMatchObject({ status: 'queued' });
    expect(go(await lane.next(c, 'run')).item).toBe('d1'); // the digest goes first
    await redis.del(lane.keys(c).busy);

    // The line drains; while cards keep coming within the quiet window they still join the digest.
    await redis.del(lane.keys(c).send);
    expect(await lane.offer(c, { item: 'c41', version: 1, kind: 'send', mayDigest: true })).toMatchObject({ status: 'digest' });
    now += L.digestQuietMs;
    const after = await lane.offer(c, { item: 'c42', version: 1, kind: 'send', mayDigest: true });
    expect(after).toMatchObject({ status: 'queued', closedDigest: digested[0]!.status === 'digest' ? digested[0]!.nonce : '' });
  });

  it('after a pause, moves to the digest exactly the new cards that would now miss their two minutes', async () => {
    const c = freshChat();
    for (let i = 1; i <= 10; i += 1) {
      await lane.offer(c, { item: `c${i}`, version: 1, kind: 'send', mayDigest: true });
      now += 1;
    }
    await lane.offer(c, { item: 'm1', version: 1, kind: 'send' }); // not a card: it promised nothing, it waits
    const refused = go(await lane.next(c, 'run'));
    expect(refused.item).toBe('c1');
    await lane.settle(c, refused, { op: 'pause', ms: 100_000 });
    // From the pause's end, a full bucket sends 3 at once, then one each 3.75 s: the 9th in line would
    // go 122.5 s after it was offered, past its 120.
    const late = await lane.overdue(c);
    expect(late?.items).toEqual(['c9', 'c10']);
    expect(await lane.offer(c, { item: 'c11', version: 1, kind: 'send', mayDigest: true })).toEqual({ status: 'digest', nonce: late!.nonce });
    expect(await lane.withdraw(c, late!.items)).toBe(2);
    expect(await lane.depth(c)).toEqual({ send: 9, edit: 0 });
    expect(await lane.overdue(c)).toBeNull();
  });

  it('sends a digest at once to a chat paused for longer than two minutes', async () => {
    const c = freshChat();
    await lane.offer(c, { item: 'c1', version: 1, kind: 'send' });
    await lane.settle(c, go(await lane.next(c, 'run')), { op: 'pause', ms: 150_000 });
    expect(await lane.offer(c, { item: 'c2', version: 1, kind: 'send', mayDigest: true })).toMatchObject({ status: 'digest' });
  });
});

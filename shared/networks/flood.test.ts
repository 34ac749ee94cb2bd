/**
 * Floods, without I/O: when the bots raise the hold, and how long the worker
 * waits it out — never past `floodWaitSeconds` after the batch was stored,
 * whatever the hold or the clocks say.
 */
import { describe, expect, it } from 'vitest';
import { FLOOD_PER_S, floodMeter, floodWaitMs, HOLD_MS, waitOutFlood } from './flood.js';

describe('floodMeter', () => {
  it('raises the hold once a second holds FLOOD_PER_S events, not before', () => {
    const meter = floodMeter();
    const t = 5_000_000;
    expect(meter.stored(FLOOD_PER_S - 1, t)).toBe(false);
    expect(meter.stored(1, t + 10)).toBe(true);
  });

  it('raises it again each quarter of its length while the flood goes on, not on every batch', () => {
    const meter = floodMeter();
    const t = 7_000_000;
    const raised = Array.from({ length: 40 }, (_, i) => meter.stored(FLOOD_PER_S, t + i * 25)).filter(Boolean).length;
    // 40 batches over one second: raised at 0, 250, 500 and 750 ms.
    expect(raised).toBe(1000 / (HOLD_MS / 4));
  });

  it('counts each second afresh: a steady trickle never makes a flood', () => {
    const meter = floodMeter();
    const raised = Array.from({ length: 600 }, (_, i) => meter.stored(1, 1_000_000 + i * 100)).some(Boolean);
    expect(raised).toBe(false);
  });
});

describe('waitOutFlood', () => {
  // A clock that moves only when the hold is asked about: each question is one poll of 100 ms later.
  const steppingClock = (start: number, held: (at: number) => boolean) => {
    let at = start;
    let asked = 0;
    return {
      now: () => at,
      held: async () => {
        asked++;
        const answer = held(at);
        at += 100;
        return answer;
      },
      asked: () => asked,
    };
  };

  it('does not wait when no hold is up', async () => {
    const c = steppingClock(1_000, () => false);
    expect(await waitOutFlood(c.held, 1_000, 10_000, { now: c.now, pollMs: 1 })).toBe(100);
    expect(c.asked()).toBe(1);
  });

  it('waits while the hold is up and goes on as soon as it is down', async () => {
    const c = steppingClock(1_000, (at) => at < 1_500);
    expect(await waitOutFlood(c.held, 1_000, 10_000, { now: c.now, pollMs: 1 })).toBe(600);
    expect(c.asked()).toBe(6);
  });

  it('never waits past the wait after the batch was stored, though the hold stays up', async () => {
    const c = steppingClock(1_000, () => true);
    await waitOutFlood(c.held, 400, 2_000, { now: c.now, pollMs: 1 });
    // Stored at 400: free at 2,400.
    expect(c.now()).toBe(2_400);
  });

  it('does not wait at all for a batch stored longer ago than the wait', async () => {
    const c = steppingClock(50_000, () => true);
    expect(await waitOutFlood(c.held, 1_000, 10_000, { now: c.now, pollMs: 1 })).toBe(0);
    expect(c.asked()).toBe(0);
  });

  it('stops waiting at once when the worker shuts down', async () => {
    const c = steppingClock(1_000, () => true);
    const closing = new AbortController();
    setTimeout(() => closing.abort(), 10);
    // Polling once a minute: only the abort can end this wait within the test's time.
    expect(await waitOutFlood(c.held, 1_000, 120_000, { now: c.now, pollMs: 60_000, signal: closing.signal })).toBe(100);
    expect(c.asked()).toBe(1);
  });

  it('waits no longer than the wait from now when the bots\' clock is ahead of the worker\'s', async () => {
    const c = steppingClock(1_000, () => true);
    await waitOutFlood(c.held, 60_000, 2_000, { now: c.now, pollMs: 1 });
    expect(c.now()).toBe(3_000);
  });
});

it('floodWaitMs: ten seconds unless the organisation says otherwise, 0 turning the wait off', () => {
  expect(floodWaitMs({})).toBe(10_000);
  expect(floodWaitMs({ ingest: { floodWaitSeconds: 3 } })).toBe(3_000);
  expect(floodWaitMs({ ingest: { floodWaitSeconds: 0 } })).toBe(0);
});

/**
 * The lanes' time. Buckets, pauses and backlogs are reckoned by the app's
 * Clock; BullMQ delays are real milliseconds. A clock that runs `speed` times
 * faster than the wall (tests of two-minute behaviour that must not take two
 * minutes) divides every real delay by its speed, so virtual and real time
 * stay in step. Every other clock has speed 1.
 */
import type { Clock } from '../../platform/runtime/clock.js';

export type LaneClock = {
  /** Virtual milliseconds since the epoch. */
  now(): number;
  /** The real delay that spans `virtualMs` on this clock. */
  realMs(virtualMs: number): number;
};

/** A Clock that runs `speed` times faster than real time, from `start` on. */
export type ScaledClock = Clock & { readonly speed: number; /** The wall-clock instant where both agree. */ readonly start: number };

export function scaledClock(speed: number, start = Date.now()): ScaledClock {
  if (!(speed >= 1)) throw new Error(`scaledClock: speed must be at least 1, got ${speed}`);
  return { speed, start, now: () => new Date(start + (Date.now() - start) * speed) };
}

export function laneClock(clock: Clock): LaneClock {
  // Read on every call: the training sandbox changes its clock's speed while it runs.
  const speedOf = () => (clock as Partial<ScaledClock>).speed ?? 1;
  return { now: () => clock.now().getTime(), realMs: (ms) => Math.max(0, Math.ceil(ms / speedOf())) };
}

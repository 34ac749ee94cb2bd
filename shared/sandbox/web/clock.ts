/**
 * The sandbox's clock: virtual time that runs `speed` times faster than the
 * wall and can jump ahead, so that a trainee sees a reminder, a miss and the
 * weekly report in minutes. The lanes divide real delays by `speed` (read on
 * every call, see staffchat/lanes/time.ts); after a change the sandbox
 * re-plans the delayed jobs (retime.ts), since BullMQ delays are real
 * milliseconds fixed when a job was added.
 */
import type { Clock } from '../../platform/runtime/clock.js';

export type SandboxClock = Clock & {
  readonly speed: number;
  /** From now on, `speed` virtual milliseconds pass per real one (1–3600). */
  setSpeed(speed: number): void;
  /** Moves virtual time forward to `at`; never back (events already stored would be in the future). */
  jumpTo(at: number): void;
};

export const MAX_SPEED = 3600;

export function sandboxClock(start = Date.now()): SandboxClock {
  let anchorVirtual = start;
  let anchorReal = Date.now();
  let speed = 1;
  const virtualNow = () => anchorVirtual + (Date.now() - anchorReal) * speed;
  const reanchor = (virtual: number) => {
    anchorVirtual = virtual;
    anchorReal = Date.now();
  };
  return {
    now: () => new Date(virtualNow()),
    get speed() {
      return speed;
    },
    setSpeed(next) {
      if (!Number.isFinite(next) || next < 1 || next > MAX_SPEED) throw new RangeError(`speed must be 1–${MAX_SPEED}, got ${next}`);
      reanchor(virtualNow());
      speed = next;
    },
    jumpTo(at) {
      const now = virtualNow();
      if (!Number.isFinite(at) || at < now) throw new RangeError('the sandbox clock only moves forward');
      reanchor(at);
    },
  };
}

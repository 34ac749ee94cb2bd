/**
 * Floods: callbacks arriving faster than the worker turns them into incidents.
 * A network re-sends, and in the end disables, a callback server that answers
 * slowly, while an incident's clock starts at the event's received_at however
 * late the worker gets to it. So while a flood lasts the webhooks' answers come
 * first: the bots raise a hold in Redis, and the worker leaves a batch that
 * arrived during the flood until the flood is over or the batch has waited
 * `floodWaitSeconds` (so a flood that never ends still gets ingested).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Org } from '../platform/config/org-schema.js';

/** Events stored within one second that make a flood: far above what a municipality's accounts receive (a few a minute). */
export const FLOOD_PER_S = 100;
/** How long one raise of the hold lasts; raised again while the flood goes on. */
export const HOLD_MS = 1000;
export const DEFAULT_FLOOD_WAIT_S = 10;

export const floodWaitMs = (org: Pick<Org, 'ingest'>): number => (org.ingest?.floodWaitSeconds ?? DEFAULT_FLOOD_WAIT_S) * 1000;

/** The Redis key of an installation's hold (the queues' prefix keeps installations sharing one Redis apart). */
export const floodHoldKey = (prefix: string): string => `${prefix}:ingest-flood-hold`;

/**
 * Counts stored events per second and says when the hold must be raised:
 * once the count within the current second reaches FLOOD_PER_S, and then
 * again each quarter of HOLD_MS while it stays there. Pure: the caller gives
 * the time.
 */
export function floodMeter(perS = FLOOD_PER_S) {
  let second = -1;
  let count = 0;
  let raisedAt = -Infinity;
  return {
    /** `n` events stored at `nowMs`; true when the hold is to be raised now. */
    stored(n: number, nowMs: number): boolean {
      const s = Math.floor(nowMs / 1000);
      if (s !== second) [second, count] = [s, 0];
      count += n;
      if (count < perS || nowMs - raisedAt < HOLD_MS / 4) return false;
      raisedAt = nowMs;
      return true;
    },
  };
}

/**
 * Waits while the hold is up, at most until `waitMs` after the batch was
 * stored (`storedAt`, this machine's clock) and never longer than `waitMs`
 * from now (a clock that disagrees with the bots' cannot make it wait longer),
 * and not past `signal` (the worker shutting down). Returns how long it waited.
 */
export async function waitOutFlood(
  held: () => Promise<boolean>,
  storedAt: number,
  waitMs: number,
  opts: { pollMs?: number; now?: () => number; signal?: AbortSignal } = {},
): Promise<number> {
  const now = opts.now ?? Date.now;
  const pollMs = opts.pollMs ?? 100;
  const start = now();
  const until = Math.min(storedAt + waitMs, start + waitMs);
  // Ends early when the signal aborts (Node rejects then; the loop's condition sees why).
  const pause = (ms: number) => sleep(ms, undefined, opts.signal ? { signal: opts.signal } : {}).catch(() => undefined);
  while (now() < until && !opts.signal?.aborted && (await held())) await pause(Math.min(pollMs, Math.max(1, until - now())));
  return now() - start;
}

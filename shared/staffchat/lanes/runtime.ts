/**
 * The lanes of one process, built once per AppContext: their own Bot API
 * client of the staff messenger (Telegram's, or MAX's behind the same methods), the Redis lane, the clock, and how a chat's pump job is started or
 * continued. The client deliberately lacks the auto-retry plugin the rest of
 * the app uses: a 429 must pause one chat in Redis, not put a worker slot to
 * sleep.
 */
import type { Api } from 'grammy';
import type { AppContext } from '../../networks/context.js';
import { createLane, newId, type Lane } from './lane.js';
import { laneLimitsOf, type LaneLimits } from './limits.js';
import { laneClock, type LaneClock } from './time.js';

export type LaneRuntime = {
  ctx: AppContext;
  api: Api;
  lane: Lane;
  clock: LaneClock;
  limits: LaneLimits;
  /** Makes sure the pump run `run` of the chat is queued (BullMQ ignores a second add of the same id). */
  start(chatId: number, run: string): Promise<void>;
  /** Continues the chat's pump in a new run after `realMs`. */
  continueAfter(chatId: number, realMs: number): Promise<void>;
};

/** Seconds a Bot API request may take; a request in flight holds its chat for at most twice this. */
const REQUEST_TIMEOUT_S = 30;

const runtimes = new WeakMap<AppContext, LaneRuntime>();

/** The lanes of this context, or null when no staff messenger is configured. */
export function lanesOf(ctx: AppContext): LaneRuntime | null {
  const messenger = ctx.staffMessenger;
  if (!messenger) return null;
  let rt = runtimes.get(ctx);
  if (!rt) {
    const clock = laneClock(ctx.clock);
    const limits = laneLimitsOf(messenger.kind);
    const lane = createLane({ redis: ctx.redis, prefix: ctx.queuePrefix, clock, limits });
    const enqueue = (chatId: number, run: string, delay: number) =>
      // A pump that fails (only when Redis does) frees its id at once, so the next offer can re-add it.
      ctx.queues.enqueue('lane', { chatId, run }, { delay, removeOnComplete: true, removeOnFail: true });
    rt = {
      ctx,
      api: messenger.api({ timeoutSeconds: REQUEST_TIMEOUT_S }),
      lane,
      clock,
      limits,
      start: (chatId, run) => enqueue(chatId, run, 0),
      async continueAfter(chatId, realMs) {
        const run = newId();
        await lane.handOver(chatId, run, realMs);
        await enqueue(chatId, run, realMs);
      },
    };
    runtimes.set(ctx, rt);
  }
  return rt;
}

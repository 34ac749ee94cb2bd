/**
 * The lanes of one process, built once per AppContext: their own Bot API
 * client, the Redis lane, the clock, and how a chat's pump job is started or
 * continued. The client deliberately lacks the auto-retry plugin the rest of
 * the app uses: a 429 must pause one chat in Redis, not put a worker slot to
 * sleep.
 */
import { Api } from 'grammy';
import type { AppContext } from '../../networks/context.js';
import { telegramClientOptions } from '../../networks/telegram/client.js';
import { createLane, newId, type Lane } from './lane.js';
import { TELEGRAM_LANE_LIMITS, type LaneLimits } from './limits.js';
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

/** The lanes of this context, or null when no Telegram bot is configured. */
export function lanesOf(ctx: AppContext): LaneRuntime | null {
  const token = ctx.env.TELEGRAM_BOT_TOKEN;
  if (!token) return null;
  let rt = runtimes.get(ctx);
  if (!rt) {
    const clock = laneClock(ctx.clock);
    const limits = TELEGRAM_LANE_LIMITS;
    const lane = createLane({ redis: ctx.redis, prefix: ctx.queuePrefix, clock, limits });
    const enqueue = (chatId: number, run: string, delay: number) =>
      // A pump that fails (only when Redis does) frees its id at once, so the next offer can re-add it.
      ctx.queues.enqueue('lane', { chatId, run }, { delay, removeOnComplete: true, removeOnFail: true });
    rt = {
      ctx,
      api: new Api(token, { ...telegramClientOptions(ctx.env, ctx.outbound), timeoutSeconds: REQUEST_TIMEOUT_S }),
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

/**
 * The bots' error boundary: a failing handler is logged and the bot goes on
 * (one bad button never stops it), with one exception.
 *
 * A citizen's message that could not be stored must not be acknowledged:
 * Telegram forgets an update once the bot has taken it. The bots' error
 * boundaries swallow a failing handler (one bad button never stops the bot),
 * so storage failures travel as `UpdateNotStored` and are let through:
 * - on a webhook the request then answers 500 and Telegram delivers it again;
 * - on long polling grammY hands it to `bot.catch`, which keeps retrying the
 *   store before the next update is taken (grammY handles updates in order),
 *   so the offset moves past it only once it is stored.
 */
import type { Bot, BotError, Composer, Context } from 'grammy';
import type { AppContext } from '../../shared/networks/context.js';

export class UpdateNotStored extends Error {
  constructor(
    readonly updateId: number,
    /** Stores the update again; idempotent (the event key dedupes). */
    readonly retry: () => Promise<void>,
    cause: unknown,
  ) {
    super(`update ${updateId} not stored`, { cause });
  }
}

/** For `bot.errorBoundary`: logs a failing handler, but lets an unstored update through. */
function boundaryHandler(ctx: AppContext, label: string) {
  return (err: BotError) => {
    if (err.error instanceof UpdateNotStored) throw err.error;
    ctx.log.error({ err: err.error, updateId: err.ctx.update.update_id }, label);
  };
}

const MAX_PAUSE_MS = 30_000;

/** For `bot.catch` (long polling): retries an unstored update until it is stored or the bot stops. */
function catchHandler(ctx: AppContext, bot: { isRunning(): boolean }, label: string) {
  return async (err: BotError) => {
    const failure = err.error;
    if (!(failure instanceof UpdateNotStored)) {
      ctx.log.error({ err: failure, updateId: err.ctx.update.update_id }, label);
      return;
    }
    ctx.log.error({ err: failure.cause, updateId: failure.updateId }, 'update not stored; retrying before taking the next one');
    for (let pause = 500; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
      await new Promise((r) => setTimeout(r, pause));
      try {
        await failure.retry();
        ctx.log.info({ updateId: failure.updateId }, 'update stored after retrying');
        return;
      } catch (again) {
        if (!bot.isRunning()) {
          // Stopping confirms the offset: this update is gone from Telegram. Say so by id.
          ctx.log.error({ err: again, updateId: failure.updateId }, 'bot stopped before the update could be stored; it is lost');
          return;
        }
      }
    }
  };
}

/**
 * Wires both halves on a bot: `bot.catch` for what escapes, and the boundary
 * returned here, on which the bot's features are mounted.
 */
export function errorBoundary<C extends Context>(bot: Bot<C>, ctx: AppContext, name: string): Composer<C> {
  bot.catch(catchHandler(ctx, bot, `${name} error`));
  return bot.errorBoundary(boundaryHandler(ctx, `${name} handler failed`));
}

/**
 * The whole system in one process: migrations, bots and worker on one
 * context. `npm start`, the demo and the end-to-end tests all run exactly
 * this; production may instead run `otklik bots` and `otklik worker` apart.
 */
import { startBots, type RunningBots } from '../../bots/main.js';
import { startWorker, type RunningWorker } from '../../worker/main.js';
import type { Env } from '../platform/config/env.js';
import type { Org } from '../platform/config/org.js';
import { applyMigrations } from '../platform/db/migrate.js';
import type { Logger } from '../platform/log.js';
import type { Clock } from '../platform/runtime/clock.js';
import { onHangup } from '../platform/runtime/signals.js';
import { reloadOrg } from '../flows/reconcile/reload.js';
import { createContext, type AppContext } from '../networks/context.js';

/** `worker` is null when the caller runs the worker elsewhere (the ingest benchmark's separate process). */
export type RunningSystem = { ctx: AppContext; bots: RunningBots; worker: RunningWorker | null; stop(): Promise<void> };

export async function startSystem(opts: {
  env: Env;
  org: Org;
  log: Logger;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix?: string;
  clock?: Clock;
  httpPort?: number;
  /** false: bots only; the worker runs in another process. */
  worker?: boolean;
  /** The organisation file `org` was read from: given, it is re-read on SIGHUP (see reloadOrg). */
  orgPath?: string;
}): Promise<RunningSystem> {
  const ctx = createContext(opts);
  let worker: RunningWorker | null = null;
  let bots: RunningBots;
  // From the first moment: a SIGHUP nobody listens for ends the process.
  const { orgPath } = opts;
  const stopListening = orgPath ? onHangup(opts.log, () => reloadOrg(ctx, orgPath, { replan: worker !== null })) : () => undefined;
  try {
    await applyMigrations(ctx.database);
    if (opts.worker !== false) worker = await startWorker(ctx);
    bots = await startBots(ctx, opts.httpPort === undefined ? {} : { port: opts.httpPort });
  } catch (err) {
    // Half a system must not keep running (a busy port, an unreachable Telegram): close what started.
    stopListening();
    await worker?.close().catch(() => undefined);
    await ctx.close().catch(() => undefined);
    throw err;
  }
  return {
    ctx,
    bots,
    worker,
    async stop() {
      stopListening();
      await bots.close();
      await worker?.close();
      await ctx.close();
    },
  };
}

/**
 * Intake in batches: the webhooks hand stored events over one group commit
 * at a time (shared/networks/inbox.ts), and each event of a batch goes
 * through `ingestEvent` as it would alone. During a flood the webhooks raise
 * a hold, and a batch waits for it to go, within bounds (shared/networks/flood.ts).
 */
import type { AppContext } from '../../networks/context.js';
import { floodHoldKey, floodWaitMs, waitOutFlood } from '../../networks/flood.js';
import { ingestEvent } from './intake.js';

/** Events of one batch ingested at a time; with the job's concurrency, as many as `ingest` runs at once. */
const IN_FLIGHT = 4;

/** One batch: waits out a flood it arrived in (not past `closing`, the worker shutting down), then ingests each event. */
export async function ingestBatch(
  ctx: AppContext,
  { inboundEventIds, storedAt }: { inboundEventIds: readonly number[]; storedAt?: number | undefined },
  closing?: AbortSignal,
): Promise<string> {
  const waitMs = floodWaitMs(ctx.org);
  const holdKey = floodHoldKey(ctx.queuePrefix);
  // A worker shutting down stops waiting and ingests the batch: its close() waits for active jobs.
  const held = async () => (await ctx.redis.exists(holdKey)) === 1;
  const waited = storedAt && waitMs ? await waitOutFlood(held, storedAt, waitMs, { ...(closing ? { signal: closing } : {}) }) : 0;
  const outcome = await ingestEach(ctx, inboundEventIds);
  return waited >= 100 ? `${outcome} after waiting ${Math.round(waited)} ms for a flood` : outcome;
}

/**
 * Ingests each event of a batch as the `ingest` job does. One event that
 * fails must not hold back its neighbours, nor make them run again: it goes
 * on as its own `ingest` job, with that job's retries and backoff. Only when
 * that hand-over fails does the batch fail (and its retry skips the events
 * already processed).
 */
export async function ingestEach(
  ctx: AppContext,
  inboundEventIds: readonly number[],
  one: (inboundEventId: number) => Promise<string> = (inboundEventId) => ingestEvent(ctx, inboundEventId),
): Promise<string> {
  const failed: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < inboundEventIds.length) {
      const inboundEventId = inboundEventIds[next++]!;
      try {
        await one(inboundEventId);
      } catch (err) {
        ctx.log.warn({ inboundEventId, err: err instanceof Error ? err.message : String(err) }, 'ingest failed; retried as its own job');
        failed.push(inboundEventId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, inboundEventIds.length) }, lane));
  if (failed.length) await ctx.queues.enqueueBulk('ingest', failed.map((inboundEventId) => ({ inboundEventId })));
  const done = inboundEventIds.length - failed.length;
  return failed.length ? `${done} ingested, ${failed.length} handed to their own jobs` : `${done} ingested`;
}

/**
 * The events still waiting in (or running as, or retrying in) a batch job. The
 * reconciler leaves them alone: a backlog longer than its grace is not a
 * lost enqueue, and starting them again beside their batch would only race
 * it. A batch that failed for good is not counted: its events are re-enqueued.
 */
export async function queuedInBatches(ctx: AppContext): Promise<Set<number>> {
  const jobs = await ctx.queues.queue('ingestBatch').getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
  return new Set(jobs.flatMap((job) => (job?.data as { inboundEventIds?: number[] } | undefined)?.inboundEventIds ?? []));
}

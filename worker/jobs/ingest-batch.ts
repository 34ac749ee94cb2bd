import type { AppContext } from '../../shared/networks/context.js';
import { floodHoldKey, floodWaitMs, waitOutFlood } from '../../shared/networks/flood.js';
import type { JobHandler } from '../job.js';
import { ingest } from './ingest.js';

/** Events of one batch ingested at a time; with the job's concurrency, as many as `ingest` runs at once. */
const IN_FLIGHT = 4;

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
  one: (inboundEventId: number) => Promise<string> = (inboundEventId) => ingest.handle({ inboundEventId }, ctx),
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

/** The events the webhooks stored (see the catalogue); during a flood, after it (shared/flows/intake/flood.ts). */
export const ingestBatch: JobHandler<'ingestBatch'> = {
  name: 'ingestBatch',
  concurrency: 2,
  async handle({ inboundEventIds, storedAt }, ctx, closing) {
    const waitMs = floodWaitMs(ctx.org);
    const holdKey = floodHoldKey(ctx.queuePrefix);
    // A worker shutting down stops waiting and ingests the batch: its close() waits for active jobs.
    const held = async () => (await ctx.redis.exists(holdKey)) === 1;
    const waited = storedAt && waitMs ? await waitOutFlood(held, storedAt, waitMs, { signal: closing }) : 0;
    const outcome = await ingestEach(ctx, inboundEventIds);
    return waited >= 100 ? `${outcome} after waiting ${Math.round(waited)} ms for a flood` : outcome;
  },
};

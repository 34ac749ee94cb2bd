/**
 * Reconcile: PostgreSQL is the truth. Anything it says should have happened
 * but has no trace of being done is enqueued again, top to bottom: inbound
 * events, cards, heads' alerts, spikes, lanes, publications, timers. Job ids
 * are deterministic, so a job that is in fact still queued is not duplicated.
 */
import { reportChats } from '../../platform/config/org.js';
import type { AppContext } from '../../networks/context.js';
import { staleInboundEvents } from '../../networks/inbox.js';
import { reofferPending } from '../../staffchat/lanes/index.js';
import { unalertedSignificant } from '../alerts/significant.js';
import { evaluateSpikes } from '../alerts/spikes.js';
import { scheduleAllOpen } from '../deadlines/schedule.js';
import { queuedInBatches } from '../intake/batch.js';
import { pendingPublications } from '../../platform/db/outbox.js';
import { missingCards } from './cards.js';
import { pendingAcknowledgements } from '../acknowledge/acknowledge.js';
import { refreshList } from '../lists/refresh.js';

/** How long an event may sit unprocessed before we assume its job was lost. */
const GRACE_MS = 30_000;

/** One pass; returns what it enqueued again, as a short outcome for the logs. */
export async function reconcile(ctx: AppContext): Promise<string> {
  const { db } = ctx.database;
  const before = new Date(ctx.clock.now().getTime() - GRACE_MS);
  const queued = await queuedInBatches(ctx).catch((err: unknown) => {
    // Not knowing costs nothing but repeated work: ingesting an event twice changes nothing.
    ctx.log.warn({ err }, 'queued ingest batches not read; stale events re-enqueued regardless');
    return new Set<number>();
  });
  const events = (await staleInboundEvents(db, before)).filter((id) => !queued.has(id));
  for (const inboundEventId of events) await ctx.queues.enqueue('ingest', { inboundEventId });

  let cardsQueued = 0;
  if (ctx.staffApi) {
    // Every chat a card should be in (the curators', departments', heads'), not only the curators'.
    for (const job of await missingCards(ctx)) {
      await ctx.queues.enqueue('card', job);
      cardsQueued++;
    }
  }
  // Flagged incidents whose heads' alert never reached the lane (the job was lost with Redis, or before its enqueue).
  let alerts = 0;
  if (ctx.staffApi) {
    const week = new Date(ctx.clock.now().getTime() - 7 * 24 * 3600_000);
    for (const a of await unalertedSignificant(db, reportChats(ctx.org, 'immediate')[0]!, week)) {
      await ctx.queues.enqueue('alert', a);
      alerts++;
    }
  }
  // Spikes end with time, not with an event; and an alert left behind by a crash is posted.
  const spikes = ctx.staffApi ? await evaluateSpikes(ctx) : 'spikes: no telegram';
  // Digests and staff messages whose lane lost its Redis state are offered again from PostgreSQL.
  const lanes = await reofferPending(ctx);
  // A pending reply whose job used up its attempts (a network down for minutes) gets another round.
  const pending = await pendingPublications(db);
  for (const publicationId of pending) await ctx.queues.enqueueAgain('publish', { publicationId });
  // A citizen's receipt still waiting, likewise.
  const receipts = await pendingAcknowledgements(ctx);
  for (const incidentId of receipts) await ctx.queues.enqueueAgain('acknowledge', { incidentId });
  // Every open incident's timers from its events: a lost job (flushed Redis, a crash after a commit) comes back.
  const timers = await scheduleAllOpen(ctx);
  // The staff lists' rows follow the streams (missing, behind, or computed under a reloaded profile).
  const listed = await refreshList(ctx);
  return `${listed ? `${listed} list rows recomputed; ` : ''}re-enqueued ${events.length} events, ${cardsQueued} cards, ${pending.length} publications, ${receipts.length} receipts, ${alerts} alerts, ${lanes.restarted} lanes; ${spikes}; ${timers} timer jobs`;
}

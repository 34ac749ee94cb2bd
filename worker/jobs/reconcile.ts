import { staleInboundEvents } from '../../shared/ingest/inbound.js';
import { staleCards } from '../../shared/cards/store.js';
import { curatorChats } from '../../shared/cards/chats.js';
import { pendingPublications } from '../../shared/publish/outbox.js';
import { reofferPending } from '../../shared/lanes/index.js';
import { scheduleAllOpen } from '../../shared/timers/schedule.js';
import type { JobHandler } from '../job.js';

/** How long an event may sit unprocessed before we assume its job was lost. */
const GRACE_MS = 30_000;

/**
 * PostgreSQL is the truth: anything it says should have happened but has no
 * trace of being done is enqueued again. Job ids are deterministic, so a job
 * that is in fact still queued is not duplicated.
 */
export const reconcile: JobHandler<'reconcile'> = {
  name: 'reconcile',
  concurrency: 1,
  async handle(_payload, ctx) {
    const { db } = ctx.database;
    const before = new Date(ctx.clock.now().getTime() - GRACE_MS);
    const events = await staleInboundEvents(db, before);
    for (const inboundEventId of events) await ctx.queues.enqueue('ingest', { inboundEventId });
    let cardsQueued = 0;
    if (ctx.telegram) {
      for (const chatId of curatorChats(ctx.org)) {
        for (const c of await staleCards(db, chatId)) {
          await ctx.queues.enqueue('card', { incidentId: c.incidentId, chatId, version: c.version });
          cardsQueued++;
        }
      }
    }
    // Digests and staff messages whose lane lost its Redis state are offered again from PostgreSQL.
    const lanes = await reofferPending(ctx);
    const pending = await pendingPublications(db);
    for (const publicationId of pending) await ctx.queues.enqueue('publish', { publicationId });
    // Every open incident's timers from its events: a lost job (flushed Redis, a crash after a commit) comes back.
    const timers = await scheduleAllOpen(ctx);
    return `re-enqueued ${events.length} events, ${cardsQueued} cards, ${pending.length} publications, ${lanes.restarted} lanes; ${timers} timer jobs`;
  },
};

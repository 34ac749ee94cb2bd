import { eq } from 'drizzle-orm';
import { inboundEvents } from '../../shared/db/schema.js';
import { markInboundProcessed } from '../../shared/ingest/inbound.js';
import { registerIncident } from '../../shared/ingest/incidents.js';
import { parseInboundEvent } from '../../shared/networks/parse.js';
import { curatorChats } from '../../shared/cards/chats.js';
import type { JobHandler } from '../job.js';

/** A stored inbound event becomes an incident and its card goes to the curators. */
export const ingest: JobHandler<'ingest'> = {
  name: 'ingest',
  concurrency: 8,
  async handle({ inboundEventId }, ctx) {
    const { db } = ctx.database;
    const [event] = await db.select().from(inboundEvents).where(eq(inboundEvents.id, inboundEventId));
    if (!event) return 'no such event';
    if (event.processedAt) return 'already processed';

    const parsed = parseInboundEvent(event.network, event.payload);
    if (parsed.outcome !== 'message') {
      // Logged by id and kind only: payloads carry personal data.
      ctx.log.info({ inboundEventId, network: event.network, type: event.type, outcome: parsed.outcome }, parsed.reason);
      await markInboundProcessed(db, inboundEventId, `${parsed.outcome}: ${parsed.reason}`);
      return parsed.outcome;
    }

    const message = parsed.message;
    if (message.network === 'vk' && !message.author.name && ctx.vk) {
      const name = await ctx.vk.authors.name(message.author.id);
      if (name) message.author.name = name;
    }
    const { incidentId, created } = await registerIncident(db, {
      message,
      inboundEventId,
      detectedAt: event.receivedAt,
      profile: ctx.profile.id,
    });
    ctx.log.info({ incidentId, inboundEventId, network: message.network, kind: message.kind, created }, 'incident detected');
    if (created) {
      for (const chatId of curatorChats(ctx.org)) await ctx.queues.enqueue('card', { incidentId, chatId, version: 1 });
    }
    return created ? `incident ${incidentId}` : `duplicate of ${incidentId}`;
  },
};

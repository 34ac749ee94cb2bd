import { eq } from 'drizzle-orm';
import { inboundEvents } from '../../shared/db/schema.js';
import { markInboundProcessed } from '../../shared/ingest/inbound.js';
import { registerIncident } from '../../shared/ingest/incidents.js';
import { parseInboundEvent } from '../../shared/networks/parse.js';
import { curatorChats } from '../../shared/cards/chats.js';
import { incidentAwaitingClarification } from '../../shared/ingest/clarification.js';
import { runCommand } from '../../shared/workflow/run.js';
import { loadState } from '../../shared/workflow/store.js';
import { rescheduleTimers } from '../../shared/timers/schedule.js';
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
    // The author answering our clarification request: it resumes that incident's clock, no new incident.
    const waiting = await incidentAwaitingClarification(db, message);
    if (waiting) {
      const state = await loadState(db, waiting);
      const outcome = await runCommand(ctx, waiting, { role: 'citizen' }, {
        type: 'author_replied',
        expectedVersion: state!.version,
        ...(message.text.trim() ? { text: message.text.trim() } : {}),
        messageId: message.sourceKey,
      });
      await markInboundProcessed(db, inboundEventId, `clarification for incident ${waiting}: ${outcome.ok ? 'accepted' : outcome.reason}`);
      if (outcome.ok) return `clarification for ${waiting}`;
      // Refused (the incident moved on meanwhile): the message is a new one after all.
    }
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
      await rescheduleTimers(ctx, incidentId);
    }
    return created ? `incident ${incidentId}` : `duplicate of ${incidentId}`;
  },
};

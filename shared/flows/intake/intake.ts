/**
 * Intake: how a citizen's message becomes an incident, top to bottom.
 *
 * The path of, say, a VK comment: the webhook (bots/) stores the raw event
 * and hands it to a batch job (shared/networks/inbox.ts); the batch
 * (batch.ts) calls `ingestEvent` for each stored event; the network's parser
 * says what the event is (shared/networks/vk/parse.ts: which VK events become
 * messages); and from there this file decides: an edit, a deletion, a like,
 * a clarification, a burst's next message, a redelivery, or a new incident,
 * whose card then goes to the curators. Whatever differs between networks
 * is asked of the network's adapter (shared/networks/types.ts), never of its
 * name.
 */
import { eq, sql } from 'drizzle-orm';
import { inboundEvents } from '../../platform/db/schema.js';
import { authorLockKey, withAuthorLock } from '../../platform/runtime/author-lock.js';
import type { AppContext } from '../../networks/context.js';
import { markInboundProcessed } from '../../networks/inbox.js';
import { networks, parseInboundEvent } from '../../networks/registry.js';
import { textForProcessing, type InboundMessage, type NetworkId } from '../../networks/types.js';
import { okTopicsOf } from '../../networks/ok/topics.js';
import { curatorChats } from '../../staffchat/cards/chats.js';
import { runCommand } from '../command/run.js';
import { loadState } from '../../platform/db/events.js';
import { rescheduleTimers } from '../deadlines/schedule.js';
import { recordFacts } from '../reports/store.js';
import { authorFloodIncident, authorFloodLimit } from './author-flood.js';
import { incidentAwaitingClarification } from './clarification.js';
import { applyDeletion, applyEdit, burstIncident, burstMinutes, incidentOfSource, joinBurst } from './conversation.js';
import { registerIncident } from './incidents.js';
import { projectorOf } from '../lists/projection.js';
import { recordLike, recordReplies } from './reactions.js';
import { recordRating } from './ratings.js';

/** One stored inbound event, processed once: returns a short outcome for the logs (ids and kinds only). */
export async function ingestEvent(ctx: AppContext, inboundEventId: number): Promise<string> {
  const { db } = ctx.database;
  const [event] = await db
    .select()
    .from(inboundEvents)
    .where(eq(inboundEvents.id, sql.placeholder('id')))
    .prepare('otklik_inbound_event')
    .execute({ id: inboundEventId });
  if (!event) return 'no such event';
  if (event.processedAt) return 'already processed';
  // Closed by default: an event of a network this installation does not use (stored before it was switched off,
  // or forged) becomes nothing — no card, no timers, no report counts.
  if (!networkConfigured(ctx, event.network)) {
    ctx.log.warn({ inboundEventId, network: event.network, type: event.type }, 'event of a network that is not configured ignored');
    await markInboundProcessed(db, inboundEventId, 'ignored: network not configured');
    return 'network not configured';
  }

  const parsed = parseInboundEvent(event.network, event.payload);
  // The author changed a registered message: shown on its card, never a new incident.
  if (parsed.outcome === 'edit' || parsed.outcome === 'deleted') {
    const outcome =
      parsed.outcome === 'edit'
        ? await applyEdit(ctx, parsed.message)
        : await applyDeletion(ctx, parsed.network, parsed.sourceKey, parsed.deletedBy);
    ctx.log.info({ inboundEventId, network: event.network, type: event.type }, outcome);
    await markInboundProcessed(db, inboundEventId, outcome);
    return outcome;
  }
  // Which channel post a discussion thread copies: only this update tells, so the network keeps it.
  if (parsed.outcome === 'thread_map') {
    await networks[parsed.network].keepThreadMap?.(ctx, parsed.map);
    await markInboundProcessed(db, inboundEventId, `thread_map: ${parsed.reason}`);
    return 'thread_map';
  }
  // A like tells the reports how the thread was received; a like of anything we do not track is dropped.
  if (parsed.outcome === 'like') {
    const outcome = await recordLike(ctx, parsed);
    ctx.log.info({ inboundEventId, network: event.network, type: event.type }, outcome);
    await markInboundProcessed(db, inboundEventId, outcome);
    return outcome;
  }
  if (parsed.outcome !== 'message') {
    // Logged by id and kind only: payloads carry personal data.
    ctx.log.info({ inboundEventId, network: event.network, type: event.type, outcome: parsed.outcome }, parsed.reason);
    await markInboundProcessed(db, inboundEventId, `${parsed.outcome}: ${parsed.reason}`);
    return parsed.outcome;
  }

  // The author's messages one at a time from here: each decision below depends on their earlier messages.
  return withAuthorLock(ctx.redis, authorLockKey(ctx.queuePrefix, parsed.message.network, parsed.message.author.id), () =>
    ingestMessage(ctx, inboundEventId, parsed.message, event.receivedAt),
  );
}

/** Whether this installation takes citizens' messages from the network at all. */
export function networkConfigured(ctx: AppContext, network: string): boolean {
  const configured: Record<NetworkId, () => boolean> = {
    vk: () => ctx.vk !== null,
    ok: () => ctx.ok !== null || Boolean(okTopicsOf(ctx).config),
    telegram: () => ctx.telegramReplies !== null,
    max: () => ctx.max !== null,
    // Entered by staff in Otklik itself.
    manual: () => true,
  };
  return Object.hasOwn(configured, network) && configured[network as NetworkId]();
}

/** A citizen's message: a clarification answer, a burst's next message, a redelivery, or a new incident. */
async function ingestMessage(ctx: AppContext, inboundEventId: number, parsedMessage: InboundMessage, receivedAt: Date): Promise<string> {
  const { db } = ctx.database;
  const network = networks[parsedMessage.network];
  const message = (await network.locate?.(ctx, parsedMessage)) ?? parsedMessage;
  // The author writing again after our answer, or someone replying to a citizen: noted for the reports; the message goes on as usual.
  const reactions = await recordReplies(ctx, message);
  if (reactions.length) ctx.log.info({ inboundEventId, network: message.network }, reactions.join('; '));
  // The author rating our answer (where the profile offers ratings): recorded on that incident, no new one.
  const rated = await recordRating(ctx, message);
  if (rated !== null) {
    await markInboundProcessed(db, inboundEventId, rated);
    return rated;
  }

  // The author answering our clarification request: it resumes that incident's clock, no new incident.
  const waiting = await incidentAwaitingClarification(db, message);
  if (waiting) {
    const state = await loadState(db, waiting);
    const outcome = await runCommand(ctx, waiting, { role: 'citizen' }, {
      type: 'author_replied',
      expectedVersion: state!.version,
      // The audit's copy, as processed: up to the network's limit (the stored message keeps every character).
      ...(message.text.trim() ? { text: textForProcessing(message).trim() } : {}),
      messageId: message.sourceKey,
    });
    await markInboundProcessed(db, inboundEventId, `clarification for incident ${waiting}: ${outcome.ok ? 'accepted' : outcome.reason}`);
    if (outcome.ok) return `clarification for ${waiting}`;
    // Refused (the incident moved on meanwhile): the message is a new one after all.
  }

  // A redelivery of a message already registered (under a new event id) changes nothing.
  const known = await incidentOfSource(db, message.network, message.sourceKey);
  // One author writing again within minutes in the same thread: the same incident, one card.
  const burst = known ? null : await burstIncident(db, message, burstMinutes(ctx.org));
  // One author over their limit of new incidents: the message is stored and joined to their newest open one.
  const flood = known || burst !== null ? null : await authorFloodIncident(db, message, authorFloodLimit(ctx.org), receivedAt);
  const joins = burst ?? flood ?? (known && !known.first ? known.incidentId : null);
  if (joins !== null) {
    const outcome = await joinBurst(ctx, joins, message, inboundEventId);
    await markInboundProcessed(db, inboundEventId, flood !== null ? `${outcome} (author over the flood limit)` : outcome);
    ctx.log.info({ inboundEventId, incidentId: joins, network: message.network }, flood !== null ? 'author over the flood limit: joined' : 'burst');
    return outcome;
  }

  // Asked only now: a new incident's card shows the name; a burst or a redelivery needs none.
  if (!message.author.name) {
    const name = await network.authorName?.(ctx, message.author.id);
    if (name) message.author.name = name;
  }
  const { incidentId, created } = await registerIncident(db, {
    message,
    inboundEventId,
    detectedAt: receivedAt,
    profile: ctx.profile.id,
    projector: projectorOf(ctx.settings),
  });
  ctx.log.info({ incidentId, inboundEventId, network: message.network, kind: message.kind, created }, 'incident detected');
  if (!created) return `duplicate of ${incidentId}`;

  // A new incident: counted for the reports, its card to the curators, the heads' spike check, its deadlines.
  await recordFacts(ctx, incidentId);
  for (const chatId of curatorChats(ctx.org)) await ctx.queues.enqueue('card', { incidentId, chatId, version: 1 });
  await ctx.queues.enqueue('alert', { incidentId, version: 1 });
  await rescheduleTimers(ctx, incidentId);
  return `incident ${incidentId}`;
}

/**
 * Publish: how an approved reply reaches the citizen, top to bottom. The
 * approval queues a `publish` job for the reply's outbox row (outbox.ts);
 * this file checks the incident still waits for that draft, asks the
 * incident's network what a reply there can be (shared/networks/connect.ts),
 * sends it through the network's own publisher (VK:
 * shared/networks/vk/publish.ts), records the outcome, and marks the
 * incident published.
 *
 * Once: the outbox row's id is the network's idempotency key. A permanent
 * refusal (messages forbidden, comment deleted…) is recorded and shown on
 * the card in plain Russian; the incident waits for a person. Where the
 * network has no idempotency key (Telegram, OK), a reply that may have gone
 * out — the connection broke after the request, or the last attempt was cut
 * off by a crash — is not sent again unasked: the card asks staff to check
 * and choose.
 */
import { eq } from 'drizzle-orm';
import { incidents, publications } from '../../platform/db/schema.js';
import { currentDraft, textToPublish } from '../../core/incident/index.js';
import type { AppContext } from '../../networks/context.js';
import { carries, filesLeftOut, photoLeftOut } from '../../networks/capabilities.js';
import { connectNetwork } from '../../networks/connect.js';
import { refreshCards } from '../../staffchat/cards/refresh.js';
import { runCommand } from '../command/run.js';
import { loadState } from '../../platform/db/events.js';
import { draftMedia } from './media.js';
import { ratingButtons } from './rating.js';
import { attemptFailed, FORWARD_NOTICE, recordPublication, startAttempt, type Publication } from '../../platform/db/outbox.js';
import { t } from '../../platform/i18n.js';
import type { IncidentState } from '../../core/incident/index.js';

/** A temporary network error: thrown so the job is retried with backoff, under the same idempotency key. */
class TemporaryPublishError extends Error {}

/** Publishes one outbox row; returns a short outcome for the logs, or throws TemporaryPublishError to be retried. */
export async function publishReply(ctx: AppContext, publicationId: number): Promise<string> {
  const { db } = ctx.database;
  const [pub] = await db.select().from(publications).where(eq(publications.id, publicationId));
  if (!pub || pub.status !== 'pending') return 'nothing to publish';
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, pub.incidentId));
  const state = await loadState(db, pub.incidentId);
  if (pub.kind === FORWARD_NOTICE) return incident && state ? publishForwardNotice(ctx, pub, incident, state) : 'moved on';
  if (!incident || !state || state.status !== 'approved' || currentDraft(state)?.number !== pub.draftNumber) return 'moved on';

  const connection = connectNetwork(ctx, incident.network);
  const caps = connection.capabilities(incident.kind as never);
  const settle = async (status: 'manual' | 'failed' | 'unconfirmed', reasonKey: string) => {
    await recordPublication(db, pub.id, { status, reasonKey });
    await refreshCards(ctx, state, { redraw: true });
    return status;
  };
  if (caps.needsManualPublication) return settle('manual', caps.needsManualPublication);
  if (pub.sendingSince && caps.unconfirmedKey) {
    ctx.log.warn({ incidentId: pub.incidentId, publicationId, since: pub.sendingSince }, 'publish cut off mid-call: left to staff');
    return settle('unconfirmed', caps.unconfirmedKey);
  }

  // Where the network takes no photo with this reply (a VK comment without VK_USER_TOKEN), the text goes
  // alone and the card says the photo was left out, rather than the citizen getting nothing.
  const attachments = currentDraft(state)!.attachments;
  const photosOut = photoLeftOut(caps, attachments);
  // Videos and documents go where the network takes them (VK: video.save by the user token); the rest is left out, and said.
  const leftOut = photosOut ?? filesLeftOut(caps, attachments);
  const kinds = new Set((['photo', 'video', 'document'] as const).filter((k) => carries(caps, k) && !(k === 'photo' && photosOut)));
  const media = await draftMedia(ctx, attachments, kinds);
  await startAttempt(db, pub.id);
  const result = await connection.publish({
    outboxId: pub.id,
    to: { kind: incident.kind as never, thread: incident.thread },
    text: textToPublish(state)!,
    ...(media.length ? { media } : {}),
    // Where the profile offers ratings, a final answer carries 1–5 buttons where the network has buttons (Telegram).
    ...(ctx.rules.ratings && currentDraft(state)!.kind === 'answer' ? { buttons: ratingButtons(pub.incidentId) } : {}),
  });
  if (!result.ok) {
    const { error } = result;
    ctx.log.warn({ incidentId: pub.incidentId, publicationId, code: error.code, kind: error.kind }, 'publish refused');
    if (error.kind === 'permanent') return settle('failed', error.reasonKey);
    if (error.kind === 'uncertain' && caps.unconfirmedKey) return settle('unconfirmed', caps.unconfirmedKey);
    // Not sent, or safe to repeat under the same key: retried with backoff, and the card says why it takes long.
    if (await attemptFailed(db, pub.id, error.reasonKey)) await refreshCards(ctx, state, { redraw: true });
    throw new TemporaryPublishError(`${error.kind}: ${error.code}`);
  }

  await recordPublication(db, pub.id, {
    status: 'sent',
    networkMessageId: result.messageId,
    permalink: result.permalink ?? null,
    ...(leftOut ? { noteKey: leftOut } : {}),
  });
  const marked = await runCommand(ctx, pub.incidentId, { role: 'system' }, {
    type: 'mark_published',
    expectedVersion: state.version,
    messageId: result.messageId,
    ...(result.permalink ? { link: result.permalink } : {}),
  });
  return marked.ok ? `published ${result.messageId}` : `published; mark refused: ${marked.reason}`;
}

/**
 * The citizen told where their message went (a profile with `forwarding.replyToCitizen`): a fixed Russian
 * text naming the body, sent once under the outbox row's key like any reply. The incident is finished
 * with, so nothing is marked on it; a refusal is recorded on the row and logged.
 */
async function publishForwardNotice(ctx: AppContext, pub: Publication, incident: typeof incidents.$inferSelect, state: IncidentState): Promise<string> {
  const { db } = ctx.database;
  if (state.status !== 'forwarded' || !state.forwarding) return 'moved on';
  const connection = connectNetwork(ctx, incident.network);
  const caps = connection.capabilities(incident.kind as never);
  if (caps.needsManualPublication) {
    await recordPublication(db, pub.id, { status: 'manual', reasonKey: caps.needsManualPublication });
    return 'forward notice: manual';
  }
  if (pub.sendingSince && caps.unconfirmedKey) {
    await recordPublication(db, pub.id, { status: 'unconfirmed', reasonKey: caps.unconfirmedKey });
    return 'forward notice: unconfirmed';
  }
  await startAttempt(db, pub.id);
  const result = await connection.publish({
    outboxId: pub.id,
    to: { kind: incident.kind as never, thread: incident.thread },
    text: t('forward-citizen-reply', { body: state.forwarding.body.name }),
  });
  if (!result.ok) {
    const { error } = result;
    ctx.log.warn({ incidentId: pub.incidentId, publicationId: pub.id, code: error.code, kind: error.kind }, 'forward notice refused');
    if (error.kind === 'permanent') {
      await recordPublication(db, pub.id, { status: 'failed', reasonKey: error.reasonKey });
      return 'forward notice: failed';
    }
    if (error.kind === 'uncertain' && caps.unconfirmedKey) {
      await recordPublication(db, pub.id, { status: 'unconfirmed', reasonKey: caps.unconfirmedKey });
      return 'forward notice: unconfirmed';
    }
    await attemptFailed(db, pub.id, error.reasonKey);
    throw new TemporaryPublishError(`${error.kind}: ${error.code}`);
  }
  await recordPublication(db, pub.id, { status: 'sent', networkMessageId: result.messageId, permalink: result.permalink ?? null });
  return `forward notice ${result.messageId}`;
}

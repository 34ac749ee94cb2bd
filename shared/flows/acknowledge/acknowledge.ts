/**
 * The citizens' acknowledgement, top to bottom: once the curator has routed
 * a message, its author gets a short receipt in the same thread — the
 * incident's number and when to expect the answer — if the organisation has
 * it on (org file `acknowledgement.enabled`) and its approver has approved the
 * text (/receipt). Never free text: the approved template, filled.
 *
 * Why after routing and not at registration: the regulations make the
 * curator decide first whether a message is processed at all («не подлежит
 * обработке» is neither processed nor answered) and set its importance, which
 * may shorten the answer's term (Sobolevo п.10); in Kislovodsk the term only
 * starts at the curator's dispatch. Only after routing are both the decision
 * and the term known.
 *
 * Once: the outbox row is unique per incident and written with its text
 * before the network is called; its key `ack-<incident>` is VK's idempotency
 * key. Where the network has none (Telegram, OK), a receipt that may have gone
 * out is never sent again: a duplicate receipt is worse than a missing one.
 *
 * It sends through the same network connections as flows/publish, but lives
 * in a folder of its own: the command flow queues it, and flows/publish
 * already depends on the command flow.
 */
import { eq, and } from 'drizzle-orm';
import type { IncidentEvent, IncidentState } from '../../core/incident/index.js';
import { acknowledgementRequired, acknowledgementVariables, checkTemplate, fillTemplate } from '../../core/templates/index.js';
import { acknowledgements, incidents } from '../../platform/db/schema.js';
import { checkText } from '../../platform/wordlists/moderation.js';
import { connectNetwork } from '../../networks/connect.js';
import type { AppContext } from '../../networks/context.js';
import { loadState } from '../../platform/db/events.js';
import { approvedAcknowledgement } from '../templates/store.js';
import { incidentTemplateValues } from '../templates/facts.js';
import { sql } from 'drizzle-orm';

/** A temporary network error: thrown so the job is retried with backoff, under the same key. */
class TemporaryAcknowledgementError extends Error {}

/** The network's idempotency key of an incident's receipt; never a publication's (those are numbers). */
export const acknowledgementKey = (incidentId: number) => `ack-${incidentId}`;

/** Whether the incident was ever rejected or its answer already went out: then a receipt says nothing true. */
function pastReceipt(state: IncidentState): boolean {
  return state.rejection !== null || state.status === 'rejected' || state.drafts.some((d) => d.publication !== null);
}

/**
 * After a transition: when it routed the incident, writes the receipt's outbox row (once per incident)
 * and queues its job. Returns why nothing was queued, for the log and the tests.
 */
export async function queueAcknowledgement(ctx: AppContext, state: IncidentState, events: readonly IncidentEvent[]): Promise<string> {
  if (!events.some((e) => e.type === 'routed')) return 'not routed';
  if (!ctx.org.acknowledgement?.enabled) return 'off';
  const { db } = ctx.database;
  const template = await approvedAcknowledgement(db);
  if (!template) return 'no approved text';
  if (pastReceipt(state)) return 'moved on';
  const [incident] = await db.select({ text: incidents.text }).from(incidents).where(eq(incidents.id, state.incidentId));
  // Routed all the same, but an abusive text gets no automatic words from the administration.
  if (!incident || checkText(incident.text).verdict !== 'clean') return 'abusive';
  // Approved under today's rules; a text that no longer passes them (or a term that does not run) is not sent.
  if (checkTemplate(template.body, { allowed: acknowledgementVariables, required: acknowledgementRequired })) return 'text no longer valid';
  const values = await incidentTemplateValues(ctx, state.incidentId);
  if (!values?.срок) return 'no answer term';
  const filled = fillTemplate(template.body, values);
  if (filled.missing.length) return 'not filled';
  const inserted = await db
    .insert(acknowledgements)
    .values({ incidentId: state.incidentId, templateId: template.id, text: filled.text })
    .onConflictDoNothing()
    .returning({ incidentId: acknowledgements.incidentId });
  if (!inserted.length) return 'already';
  await ctx.queues.enqueue('acknowledge', { incidentId: state.incidentId });
  return 'queued';
}

type Settled = 'sent' | 'failed' | 'skipped' | 'unconfirmed';

/** Sends one incident's receipt; returns a short outcome for the logs, or throws to be retried. */
export async function sendAcknowledgement(ctx: AppContext, incidentId: number): Promise<string> {
  const { db } = ctx.database;
  const [row] = await db.select().from(acknowledgements).where(eq(acknowledgements.incidentId, incidentId));
  if (!row || row.status !== 'pending') return 'nothing to send';
  const settle = async (status: Settled, extra: { reasonKey?: string; networkMessageId?: string } = {}) => {
    await db
      .update(acknowledgements)
      .set({ status, sendingSince: null, reasonKey: extra.reasonKey ?? null, ...(extra.networkMessageId ? { networkMessageId: extra.networkMessageId, sentAt: sql`now()` } : {}) })
      .where(and(eq(acknowledgements.incidentId, incidentId), eq(acknowledgements.status, 'pending')));
    return status;
  };
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  const state = await loadState(db, incidentId);
  if (!incident || !state || pastReceipt(state) || incident.anonymisedAt) return settle('skipped');

  const connection = connectNetwork(ctx, incident.network);
  const caps = connection.capabilities(incident.kind as never);
  // Where replies go by hand, so would the receipt: not worth a person's time.
  if (caps.needsManualPublication) return settle('skipped', { reasonKey: caps.needsManualPublication });
  if (row.sendingSince && caps.unconfirmedKey) {
    ctx.log.warn({ incidentId }, 'acknowledgement cut off mid-call: not sent again');
    return settle('unconfirmed', { reasonKey: caps.unconfirmedKey });
  }
  await db.update(acknowledgements).set({ attempts: sql`${acknowledgements.attempts} + 1`, sendingSince: sql`now()` }).where(eq(acknowledgements.incidentId, incidentId));
  const result = await connection.publish({
    outboxId: acknowledgementKey(incidentId),
    to: { kind: incident.kind as never, thread: incident.thread },
    text: row.text,
  });
  if (result.ok) return settle('sent', { networkMessageId: result.messageId });
  const { error } = result;
  ctx.log.warn({ incidentId, code: error.code, kind: error.kind }, 'acknowledgement refused');
  if (error.kind === 'permanent') return settle('failed', { reasonKey: error.reasonKey });
  if (error.kind === 'uncertain' && caps.unconfirmedKey) return settle('unconfirmed', { reasonKey: caps.unconfirmedKey });
  await db.update(acknowledgements).set({ sendingSince: null, reasonKey: error.reasonKey }).where(eq(acknowledgements.incidentId, incidentId));
  throw new TemporaryAcknowledgementError(`${error.kind}: ${error.code}`);
}

/** Receipts still waiting (a job lost with Redis, or one that used up its attempts): the reconciler runs them again. */
export async function pendingAcknowledgements(ctx: AppContext): Promise<number[]> {
  const rows = await ctx.database.db.select({ incidentId: acknowledgements.incidentId }).from(acknowledgements).where(eq(acknowledgements.status, 'pending'));
  return rows.map((r) => r.incidentId);
}

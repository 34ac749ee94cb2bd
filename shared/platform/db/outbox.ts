import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { incidents, publications } from './schema.js';
import { currentDraft, type IncidentState } from '../../core/incident/index.js';
import type { Queues } from '../jobs/queues.js';

export type Publication = typeof publications.$inferSelect;

/** The outbox row of the reply telling a citizen where their message was forwarded (issue 19): no draft behind it. */
export const FORWARD_NOTICE = 'forward_notice';
export const FORWARD_NOTICE_DRAFT = 0;

/**
 * An approved draft gets its outbox row and a publish job. Both are
 * idempotent: the row is unique per draft, the job id per row.
 */
export async function queuePublication(db: Db, queues: Queues, state: IncidentState): Promise<number | null> {
  const draft = currentDraft(state);
  // A forwarded message whose profile asks for it: the citizen is told where it went (no draft: number 0).
  const notice = state.status === 'forwarded' && state.forwarding?.replyToCitizen === true;
  if (!notice && (state.status !== 'approved' || !draft)) return null;
  const draftNumber = notice ? FORWARD_NOTICE_DRAFT : draft!.number;
  await db
    .insert(publications)
    .values({ incidentId: state.incidentId, draftNumber, kind: notice ? FORWARD_NOTICE : draft!.kind })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(publications)
    .where(and(eq(publications.incidentId, state.incidentId), eq(publications.draftNumber, draftNumber)));
  if (row?.status === 'pending') await queues.enqueue('publish', { publicationId: row.id });
  return row?.id ?? null;
}

export async function latestPublication(db: Db, incidentId: number): Promise<Publication | null> {
  const [row] = await db
    .select()
    .from(publications)
    .where(eq(publications.incidentId, incidentId))
    .orderBy(desc(publications.draftNumber))
    .limit(1);
  return row ?? null;
}

export async function recordPublication(
  db: Db,
  id: number,
  result:
    | { status: 'sent'; networkMessageId: string; permalink: string | null; noteKey?: string }
    | { status: 'failed' | 'manual' | 'unconfirmed'; reasonKey: string },
): Promise<void> {
  if (result.status === 'sent') {
    // On a sent row the reason column carries a note for the card (what was left out), or nothing.
    const { noteKey, ...sent } = result;
    await db.update(publications).set({ ...sent, sentAt: sql`now()`, reasonKey: noteKey ?? null, sendingSince: null }).where(eq(publications.id, id));
    return;
  }
  await db.update(publications).set({ ...result, sendingSince: null }).where(eq(publications.id, id));
}

/** An attempt is going out now: counted, and marked until its outcome is known (a crash leaves the mark). */
export async function startAttempt(db: Db, id: number): Promise<void> {
  await db.update(publications).set({ attempts: sql`${publications.attempts} + 1`, sendingSince: sql`now()` }).where(eq(publications.id, id));
}

/** The attempt surely did not go out and will be retried; `reasonKey` tells the card why it takes long. True when that reason is new. */
export async function attemptFailed(db: Db, id: number, reasonKey: string): Promise<boolean> {
  const [before] = await db.select({ reasonKey: publications.reasonKey }).from(publications).where(eq(publications.id, id));
  await db.update(publications).set({ sendingSince: null, reasonKey }).where(eq(publications.id, id));
  return before?.reasonKey !== reasonKey;
}

/**
 * Staff ask for a reply that failed or may not have gone out to be sent again: back to pending, once,
 * whoever presses first. False when it is no longer waiting for that (sent, pending already, or marked).
 */
export async function publishAgain(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(publications)
    .set({ status: 'pending', reasonKey: null, sendingSince: null })
    .where(and(eq(publications.id, id), inArray(publications.status, ['failed', 'unconfirmed'])))
    .returning({ id: publications.id });
  return rows.length === 1;
}

/**
 * Pending rows whose job may have been lost or given up: the reconciler runs them again. Only while the
 * incident still waits for its reply: one marked published by hand meanwhile leaves a row nobody will send.
 */
export async function pendingPublications(db: Db): Promise<number[]> {
  const rows = await db
    .select({ id: publications.id })
    .from(publications)
    .innerJoin(incidents, eq(incidents.id, publications.incidentId))
    .where(and(eq(publications.status, 'pending'), eq(incidents.status, 'approved')));
  return rows.map((r) => r.id);
}

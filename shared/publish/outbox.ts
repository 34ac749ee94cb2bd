import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { publications } from '../db/schema.js';
import { currentDraft, type IncidentState } from '../domain/index.js';
import type { Queues } from '../jobs/queues.js';

export type Publication = typeof publications.$inferSelect;

/**
 * An approved draft gets its outbox row and a publish job. Both are
 * idempotent: the row is unique per draft, the job id per row.
 */
export async function queuePublication(db: Db, queues: Queues, state: IncidentState): Promise<number | null> {
  const draft = currentDraft(state);
  if (state.status !== 'approved' || !draft) return null;
  await db
    .insert(publications)
    .values({ incidentId: state.incidentId, draftNumber: draft.number, kind: draft.kind })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(publications)
    .where(and(eq(publications.incidentId, state.incidentId), eq(publications.draftNumber, draft.number)));
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
    | { status: 'failed' | 'manual'; reasonKey: string },
): Promise<void> {
  if (result.status === 'sent') {
    // On a sent row the reason column carries a note for the card (what was left out), or nothing.
    const { noteKey, ...sent } = result;
    await db.update(publications).set({ ...sent, sentAt: sql`now()`, reasonKey: noteKey ?? null }).where(eq(publications.id, id));
    return;
  }
  await db.update(publications).set(result).where(eq(publications.id, id));
}

/** Pending rows whose job may have been lost: the reconciler re-enqueues them. */
export async function pendingPublications(db: Db): Promise<number[]> {
  const rows = await db.select({ id: publications.id }).from(publications).where(eq(publications.status, 'pending'));
  return rows.map((r) => r.id);
}

/**
 * `/away`: who is away now and who stands in for them (the staff_away table).
 * An absence takes effect once the substitute accepts it (or at once when a
 * curator sets it), so no one can hand their work to a colleague unasked.
 */
import { and, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { staffAway } from '../../platform/db/schema.js';
import type { AwayMap } from './recipients.js';

export async function awayMap(db: Db, now: Date): Promise<AwayMap> {
  const rows = await db
    .select({ userId: staffAway.userId, substituteId: staffAway.substituteId })
    .from(staffAway)
    .where(and(lte(staffAway.from, now), gt(staffAway.until, now), isNotNull(staffAway.acceptedAt)));
  return new Map(rows.map((r) => [r.userId, r.substituteId]));
}

/** `acceptedAt`: null for a request the substitute has still to accept. */
export async function setAway(db: Db, a: { userId: number; from: Date; until: Date; substituteId: number; acceptedAt: Date | null }): Promise<void> {
  await db
    .insert(staffAway)
    .values(a)
    .onConflictDoUpdate({ target: staffAway.userId, set: { from: a.from, until: a.until, substituteId: a.substituteId, acceptedAt: a.acceptedAt } });
}

/** The substitute accepts the pending requests naming them (one person's, or all); returns whose. */
export async function acceptAway(db: Db, substituteId: number, now: Date, userId?: number): Promise<number[]> {
  const rows = await db
    .update(staffAway)
    .set({ acceptedAt: now })
    .where(and(eq(staffAway.substituteId, substituteId), isNull(staffAway.acceptedAt), gt(staffAway.until, now), ...(userId !== undefined ? [eq(staffAway.userId, userId)] : [])))
    .returning({ userId: staffAway.userId });
  return rows.map((r) => r.userId);
}

export async function clearAway(db: Db, userId: number): Promise<boolean> {
  const rows = await db.delete(staffAway).where(eq(staffAway.userId, userId)).returning({ userId: staffAway.userId });
  return rows.length > 0;
}

export async function awayOf(db: Db, userId: number) {
  const [row] = await db.select().from(staffAway).where(eq(staffAway.userId, userId));
  return row ?? null;
}

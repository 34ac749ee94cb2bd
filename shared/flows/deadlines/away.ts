/** `/away`: who is away now and who stands in for them (the staff_away table). */
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { staffAway } from '../../platform/db/schema.js';
import type { AwayMap } from './recipients.js';

export async function awayMap(db: Db, now: Date): Promise<AwayMap> {
  const rows = await db
    .select({ userId: staffAway.userId, substituteId: staffAway.substituteId })
    .from(staffAway)
    .where(and(lte(staffAway.from, now), gt(staffAway.until, now)));
  return new Map(rows.map((r) => [r.userId, r.substituteId]));
}

export async function setAway(db: Db, a: { userId: number; from: Date; until: Date; substituteId: number }): Promise<void> {
  await db
    .insert(staffAway)
    .values(a)
    .onConflictDoUpdate({ target: staffAway.userId, set: { from: a.from, until: a.until, substituteId: a.substituteId } });
}

export async function clearAway(db: Db, userId: number): Promise<boolean> {
  const rows = await db.delete(staffAway).where(eq(staffAway.userId, userId)).returning({ userId: staffAway.userId });
  return rows.length > 0;
}

export async function awayOf(db: Db, userId: number) {
  const [row] = await db.select().from(staffAway).where(eq(staffAway.userId, userId));
  return row ?? null;
}

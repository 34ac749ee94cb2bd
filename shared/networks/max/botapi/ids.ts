/**
 * MAX message ids (`mid.…` strings) as the numbers the staff side keeps (cards, inputs, media). One row per mid
 * in PostgreSQL, so a number means the same message in every process and after a restart; a small cache in
 * front, since a card is edited many times.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.js';
import { maxMessageIds } from '../../../platform/db/schema.js';

export type MaxIds = {
  /** The number for a MAX message, given on first sight. */
  numberOf(mid: string): Promise<number>;
  /** The MAX message behind a number, or null for a number never given. */
  midOf(id: number): Promise<string | null>;
};

const CACHE = 5_000;

export function maxIds(db: Db): MaxIds {
  const byMid = new Map<string, number>();
  const byId = new Map<number, string>();
  const remember = (mid: string, id: number) => {
    if (byMid.size >= CACHE) {
      byMid.clear();
      byId.clear();
    }
    byMid.set(mid, id);
    byId.set(id, mid);
    return id;
  };
  return {
    async numberOf(mid) {
      const known = byMid.get(mid);
      if (known !== undefined) return known;
      // The no-op update makes RETURNING give the row on a conflict too.
      const [row] = await db
        .insert(maxMessageIds)
        .values({ mid })
        .onConflictDoUpdate({ target: maxMessageIds.mid, set: { mid: sql`excluded.mid` } })
        .returning({ id: maxMessageIds.id });
      return remember(mid, row!.id);
    },
    async midOf(id) {
      const known = byId.get(id);
      if (known !== undefined) return known;
      const [row] = await db.select({ mid: maxMessageIds.mid }).from(maxMessageIds).where(eq(maxMessageIds.id, id));
      if (!row) return null;
      remember(row.mid, id);
      return row.mid;
    },
  };
}

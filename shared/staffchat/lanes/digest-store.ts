/**
 * The digests in PostgreSQL: which incidents a flooded chat's digest lists,
 * the page it shows and whether its message is behind. Redis only decides
 * when a chat floods (atomically, across card jobs); what the digest holds
 * survives a Redis that lost its data.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { laneDigestItems, laneDigests } from '../../platform/db/schema.js';
import { markCardInDigest } from './items/card.js';

export type Digest = typeof laneDigests.$inferSelect;

/** Lists the incident in the chat's digest named by `nonce` (opened by the lane), creating it on first use. */
export async function addToDigest(db: Db, input: { chatId: number; nonce: string; incidentId: number; version: number }): Promise<Digest> {
  const { chatId, nonce, incidentId, version } = input;
  return db.transaction(async (tx) => {
    let [digest] = await tx.select().from(laneDigests).where(eq(laneDigests.nonce, nonce));
    if (!digest) {
      // A new flood: an older digest of the chat (left open when Redis lost the switch) is over.
      await tx
        .update(laneDigests)
        .set({ closedAt: sql`now()` })
        .where(and(eq(laneDigests.chatId, chatId), isNull(laneDigests.closedAt), ne(laneDigests.nonce, nonce)));
      await tx.insert(laneDigests).values({ chatId, nonce }).onConflictDoNothing();
      [digest] = await tx.select().from(laneDigests).where(eq(laneDigests.nonce, nonce));
    }
    const added = await tx
      .insert(laneDigestItems)
      .values({ digestId: digest!.id, chatId, incidentId })
      .onConflictDoNothing()
      .returning({ incidentId: laneDigestItems.incidentId });
    await markCardInDigest(tx, incidentId, chatId, version);
    if (!added.length) return digest!;
    const [bumped] = await tx
      .update(laneDigests)
      .set({ version: sql`${laneDigests.version} + 1` })
      .where(eq(laneDigests.id, digest!.id))
      .returning();
    return bumped!;
  });
}

export async function closeDigest(db: Db, nonce: string): Promise<void> {
  await db.update(laneDigests).set({ closedAt: sql`now()` }).where(and(eq(laneDigests.nonce, nonce), isNull(laneDigests.closedAt)));
}

/** The digest that lists this incident in this chat, if any. */
export async function digestListing(db: Db, chatId: number, incidentId: number): Promise<number | null> {
  const [row] = await db
    .select({ digestId: laneDigestItems.digestId })
    .from(laneDigestItems)
    .where(and(eq(laneDigestItems.chatId, chatId), eq(laneDigestItems.incidentId, incidentId)));
  return row?.digestId ?? null;
}

/** Turns the digest to a page (clamped when shown); null when there is no such digest. */
export async function turnDigest(db: Db, digestId: number, page: number): Promise<Digest | null> {
  const [digest] = await db
    .update(laneDigests)
    .set({ page: Math.max(1, Math.floor(page)), version: sql`${laneDigests.version} + 1` })
    .where(eq(laneDigests.id, digestId))
    .returning();
  return digest ?? null;
}

export async function loadDigest(db: Db, digestId: number): Promise<Digest | null> {
  const [digest] = await db.select().from(laneDigests).where(eq(laneDigests.id, digestId));
  return digest ?? null;
}

/** Digests whose message is missing or behind: what a lost Redis may have forgotten to deliver. */
export async function digestsBehind(db: Db): Promise<Digest[]> {
  return db
    .select()
    .from(laneDigests)
    .where(sql`${laneDigests.shownVersion} is null or ${laneDigests.shownVersion} < ${laneDigests.version}`);
}

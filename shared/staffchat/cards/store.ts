import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { cards, incidents } from '../../platform/db/schema.js';

export async function loadCard(db: Db, incidentId: number, chatId: number) {
  const [card] = await db
    .select()
    .from(cards)
    .where(and(eq(cards.incidentId, incidentId), eq(cards.chatId, chatId)));
  return card ?? null;
}

/**
 * Records the message that shows the card. A selection is stored only where
 * none is yet (the first rendering's suggestion): one already stored is the
 * curator's, saved by a tap, perhaps while this rendering was on its way, and
 * must not be overwritten by it. Returns the selection stored now.
 */
export async function saveCard(
  db: Db,
  c: { incidentId: number; chatId: number; messageId: number; shownVersion: number; selection?: Record<string, unknown> | null },
): Promise<unknown> {
  const selection = c.selection === undefined ? {} : { selection: sql`coalesce(${cards.selection}, excluded.selection)` };
  const [row] = await db
    .insert(cards)
    .values({ incidentId: c.incidentId, chatId: c.chatId, messageId: c.messageId, shownVersion: c.shownVersion, ...(c.selection === undefined ? {} : { selection: c.selection }) })
    .onConflictDoUpdate({
      target: [cards.incidentId, cards.chatId],
      set: { messageId: c.messageId, shownVersion: c.shownVersion, updatedAt: sql`now()`, ...selection },
    })
    .returning({ selection: cards.selection });
  return row?.selection ?? null;
}

/** Every chat that holds a card of the incident: they all refresh when it moves. */
export async function chatsWithCards(db: Db, incidentId: number): Promise<number[]> {
  const rows = await db.select({ chatId: cards.chatId }).from(cards).where(eq(cards.incidentId, incidentId));
  return rows.map((r) => r.chatId);
}

/** Incidents whose card in this chat is missing or behind their version: the reconciler re-enqueues these. */
export async function staleCards(db: Db, chatId: number, limit = 500) {
  return db
    .select({ incidentId: incidents.id, version: incidents.version })
    .from(incidents)
    .leftJoin(cards, and(eq(cards.incidentId, incidents.id), eq(cards.chatId, chatId)))
    .where(sql`${cards.id} is null or ${cards.shownVersion} is null or ${cards.shownVersion} < ${incidents.version}`)
    .orderBy(incidents.id)
    .limit(limit);
}

import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cards, incidents } from '../db/schema.js';

export async function loadCard(db: Db, incidentId: number, chatId: number) {
  const [card] = await db
    .select()
    .from(cards)
    .where(and(eq(cards.incidentId, incidentId), eq(cards.chatId, chatId)));
  return card ?? null;
}

export async function saveCard(
  db: Db,
  c: { incidentId: number; chatId: number; messageId: number; shownVersion: number; selection?: Record<string, unknown> | null },
) {
  const selection = c.selection === undefined ? {} : { selection: c.selection };
  await db
    .insert(cards)
    .values({ incidentId: c.incidentId, chatId: c.chatId, messageId: c.messageId, shownVersion: c.shownVersion, ...selection })
    .onConflictDoUpdate({
      target: [cards.incidentId, cards.chatId],
      set: { messageId: c.messageId, shownVersion: c.shownVersion, updatedAt: sql`now()`, ...selection },
    });
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

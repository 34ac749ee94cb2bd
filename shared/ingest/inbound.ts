import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inboundEvents } from '../db/schema.js';
import type { NetworkId } from '../networks/types.js';

/**
 * Stores an inbound event under the network's own id. Returns its row id and
 * whether it is new: a redelivered event (VK retries until it hears "ok")
 * stores nothing and must not be processed again.
 */
export async function storeInboundEvent(
  db: Db,
  e: { network: NetworkId; eventKey: string; type: string; payload: unknown },
): Promise<{ id: number; fresh: boolean }> {
  // The webhook's hot path: one named (prepared) statement instead of building the query each time.
  // A redelivery hits the conflict, returns nothing, and the existing row is looked up.
  const client = db.$client;
  const inserted = await client.query<{ id: string }>({
    name: 'otklik_store_inbound',
    text: `insert into inbound_events (network, event_key, type, payload) values ($1, $2, $3, $4)
           on conflict (network, event_key) do nothing returning id`,
    values: [e.network, e.eventKey, e.type, JSON.stringify(e.payload)],
  });
  if (inserted.rows[0]) return { id: Number(inserted.rows[0].id), fresh: true };
  const [existing] = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.network, e.network), eq(inboundEvents.eventKey, e.eventKey)));
  return { id: existing!.id, fresh: false };
}

/** Events stored but not processed for a while: the enqueue was lost (crash, Redis down). */
export async function staleInboundEvents(db: Db, olderThan: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(isNull(inboundEvents.processedAt), lt(inboundEvents.receivedAt, olderThan)))
    .orderBy(inboundEvents.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function markInboundProcessed(db: Db, id: number, outcome: string): Promise<void> {
  await db
    .update(inboundEvents)
    .set({ processedAt: sql`now()`, outcome })
    .where(eq(inboundEvents.id, id));
}

import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { incidents } from '../db/schema.js';
import type { InboundMessage } from '../networks/types.js';

/**
 * The incident that waits for this author's clarification in this
 * conversation, if any: then the message answers it rather than opening a
 * new incident. "This conversation" is the same dialog for a private
 * message, the same post for a comment.
 */
export async function incidentAwaitingClarification(db: Db, m: InboundMessage): Promise<number | null> {
  const sameConversation =
    m.kind === 'direct'
      ? sql`${incidents.thread}->>'peerId' = ${String(m.thread.peerId ?? '')}`
      : sql`${incidents.thread}->>'postId' = ${String(m.thread.postId ?? '')} and ${incidents.thread}->>'ownerId' = ${String(m.thread.ownerId ?? '')}`;
  const [row] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.network, m.network), eq(incidents.authorId, m.author.id), eq(incidents.status, 'awaiting_clarification'), sameConversation))
    .orderBy(desc(incidents.id))
    .limit(1);
  return row?.id ?? null;
}

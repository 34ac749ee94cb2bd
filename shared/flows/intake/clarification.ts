import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { incidents } from '../../platform/db/schema.js';
import type { InboundMessage } from '../../networks/types.js';

/**
 * The incident that waits for this author's clarification in this
 * conversation, if any: then the message answers it rather than opening a
 * new incident. "This conversation" is the same dialog for a private
 * message, the same post for a comment.
 */
export async function incidentAwaitingClarification(db: Db, m: InboundMessage): Promise<number | null> {
  const direct = m.kind === 'direct';
  const sameConversation = direct
    ? sql`${incidents.thread}->>'peerId' = ${sql.placeholder('peerId')}`
    : sql`${incidents.thread}->>'postId' = ${sql.placeholder('postId')} and ${incidents.thread}->>'ownerId' = ${sql.placeholder('ownerId')}`;
  // Named (one statement per shape): asked for every message ingested, so planned once per connection.
  const [row] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.network, sql.placeholder('network')), eq(incidents.authorId, sql.placeholder('authorId')), eq(incidents.status, 'awaiting_clarification'), sameConversation))
    .orderBy(desc(incidents.id))
    .limit(1)
    .prepare(direct ? 'otklik_awaiting_clarification_direct' : 'otklik_awaiting_clarification_thread')
    .execute({
      network: m.network,
      authorId: m.author.id,
      peerId: String(m.thread.peerId ?? ''),
      postId: String(m.thread.postId ?? ''),
      ownerId: String(m.thread.ownerId ?? ''),
    });
  return row?.id ?? null;
}

/**
 * One author's flood: many messages in a short time, each in another thread
 * (comments under every post of the wall), so that bursts (conversation.ts)
 * do not join them. Each would be a card, a moderation and suggestion run,
 * deadline timers and report counts — the curators' chat buried by one
 * person. So an author may open at most `authorFloodIncidents` incidents
 * within `authorFloodMinutes`; their further messages are stored as ever
 * and joined to their newest incident still open — shown on its card as the
 * author's further messages, never dropped. The total traffic's hold
 * (shared/networks/flood.ts) protects the webhooks' answers; this protects
 * the processing and the staff's attention from one author.
 *
 * Counted in PostgreSQL from the incidents themselves (one indexed query,
 * incidents_author_detected), under the author's lock that ingest already
 * holds, so concurrent deliveries of one author cannot both slip under it and
 * nothing is kept in Redis that a restart could lose.
 */
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { Org } from '../../platform/config/org-schema.js';
import { incidents } from '../../platform/db/schema.js';
import { networks } from '../../networks/registry.js';
import type { InboundMessage } from '../../networks/types.js';
import { joinable } from './conversation.js';

/** Far above what a citizen writes (a few a day) and below what buries a chat. */
export const DEFAULT_AUTHOR_FLOOD = { incidents: 10, minutes: 10 } as const;

export type AuthorFloodLimit = { incidents: number; minutes: number };

export const authorFloodLimit = (org: Pick<Org, 'ingest'>): AuthorFloodLimit => ({
  incidents: org.ingest?.authorFloodIncidents ?? DEFAULT_AUTHOR_FLOOD.incidents,
  minutes: org.ingest?.authorFloodMinutes ?? DEFAULT_AUTHOR_FLOOD.minutes,
});

/**
 * The incident a message joins because its author is over the limit: their
 * newest open incident, when they opened `limit.incidents` or more within
 * `limit.minutes` before this message arrived (`receivedAt`). Null while
 * they are within it (incidents detected since then, whichever order a batch
 * was ingested in), or when none of theirs is still open (a new incident
 * then, as the answered ones cannot take more messages).
 */
export async function authorFloodIncident(db: Db, m: InboundMessage, limit: AuthorFloodLimit, receivedAt: Date): Promise<number | null> {
  // Hand-registered incidents are staff's own work, never a citizen's flood.
  if (limit.incidents <= 0 || !networks[m.network].joinsConversations) return null;
  const since = new Date(receivedAt.getTime() - limit.minutes * 60_000);
  const recent = await db
    .select({ id: incidents.id, status: incidents.status })
    .from(incidents)
    // No upper bound: a batch's events are ingested side by side, not in arrival order, and a later one's
    // incident counts against an earlier one too — so the limit holds however they interleave.
    .where(and(eq(incidents.network, m.network), eq(incidents.authorId, m.author.id), gte(incidents.detectedAt, since)))
    .orderBy(desc(incidents.id))
    .limit(limit.incidents);
  if (recent.length < limit.incidents) return null;
  return recent.find((r) => joinable.includes(r.status))?.id ?? null;
}

/**
 * The citizen's side of an incident after it was registered: more messages
 * of a burst (one author writing again within minutes in the same thread),
 * and the author's edits and deletions. Each is an `author_message` command,
 * so it lands on the audit stream (with the text it replaced) and every card
 * of the incident is refreshed; `incident_messages` holds the burst's
 * messages under the network's own ids, so a redelivery adds nothing and an
 * edit or deletion finds its incident.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { incidentEvents, incidentMessages, incidents } from '../../platform/db/schema.js';
import type { Org } from '../../platform/config/org-schema.js';
import { textForProcessing, type InboundMessage, type NetworkId } from '../../networks/types.js';
import type { AppContext } from '../../networks/context.js';
import { runCommand } from '../command/run.js';
import { loadState } from '../../platform/db/events.js';
import { networks } from '../../networks/registry.js';

export const DEFAULT_BURST_MINUTES = 5;
export const burstMinutes = (org: Pick<Org, 'ingest'>): number => org.ingest?.burstMinutes ?? DEFAULT_BURST_MINUTES;

/** Before the answer is out: a message more still belongs to the question being answered. */
export const joinable = ['detected', 'triaged', 'returned', 'routed', 'awaiting_parts', 'in_work', 'drafting', 'on_approval', 'rework'];

/** The thread ids that name a conversation (a dialog, a post, a photo, a topic, a discussion thread), not one message. */
const conversationFields = ['groupId', 'peerId', 'ownerId', 'postId', 'photoId', 'videoId', 'topicId', 'chatId', 'threadId'];

/** One string per conversation of a network; null where messages never join (hand-registered ones). */
export function conversationKey(m: Pick<InboundMessage, 'network' | 'kind' | 'thread'>): string | null {
  if (!networks[m.network].joinsConversations) return null;
  const parts = conversationFields.filter((f) => m.thread[f] !== undefined).map((f) => `${f}=${String(m.thread[f])}`);
  // A private dialog and a comment thread never share a conversation, even with overlapping ids.
  return parts.length ? `${m.network}:${m.kind === 'direct' ? 'direct' : 'public'}:${parts.join(',')}` : null;
}

/** The incident a network message belongs to: the one it opened, or the one its burst joined. One round trip: every ingested message asks. */
export async function incidentOfSource(db: Db, network: NetworkId, sourceKey: string): Promise<{ incidentId: number; first: boolean } | null> {
  const { rows } = await db.execute<{ id: string; first: boolean }>(sql`
    select id, true as first from ${incidents} where ${incidents.network} = ${network} and ${incidents.sourceKey} = ${sourceKey}
    union all
    select ${incidentMessages.incidentId}, false from ${incidentMessages}
    where ${incidentMessages.network} = ${network} and ${incidentMessages.sourceKey} = ${sourceKey}
    order by first desc
    limit 1`);
  const row = rows[0];
  return row ? { incidentId: Number(row.id), first: row.first } : null;
}

/**
 * The open incident this message continues: same network, author and
 * conversation, its messages within `minutes` of this one on either side (by
 * the network's own timestamps), and no answer out yet.
 */
export async function burstIncident(db: Db, m: InboundMessage, minutes: number): Promise<number | null> {
  const key = conversationKey(m);
  if (minutes <= 0 || key === null) return null;
  const since = new Date(m.postedAt.getTime() - minutes * 60_000);
  // Either side of the incident's messages: ingested side by side, a burst's later message may open the incident first.
  const until = new Date(m.postedAt.getTime() + minutes * 60_000);
  const last = sql<Date>`greatest(${incidents.postedAt}, coalesce(max(${incidentMessages.postedAt}), ${incidents.postedAt}))`;
  const rows = await db
    .select({ id: incidents.id, kind: incidents.kind, thread: incidents.thread, last })
    .from(incidents)
    .leftJoin(incidentMessages, eq(incidentMessages.incidentId, incidents.id))
    .where(and(eq(incidents.network, m.network), eq(incidents.authorId, m.author.id), inArray(incidents.status, joinable)))
    .groupBy(incidents.id)
    .having(sql`${last} >= ${since.toISOString()}::timestamptz and ${incidents.postedAt} <= ${until.toISOString()}::timestamptz`)
    .orderBy(desc(incidents.id))
    .limit(20);
  const match = rows.find((r) => conversationKey({ network: m.network, kind: r.kind as InboundMessage['kind'], thread: r.thread }) === key);
  return match?.id ?? null;
}

/** Runs the author's command on the incident's current version; a staff action in between only means one more try. */
async function recordAuthorChange(
  ctx: AppContext,
  incidentId: number,
  change: { change: 'added' | 'edited' | 'deleted'; sourceKey: string; text?: string; previousText?: string; deletedBy?: 'author' | 'other' },
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const state = await loadState(ctx.database.db, incidentId);
    if (!state) return 'no such incident';
    const outcome = await runCommand(ctx, incidentId, { role: 'citizen' }, { type: 'author_message', expectedVersion: state.version, ...change });
    if (outcome.ok) return 'recorded';
    if (outcome.reason !== 'stale_version') return outcome.reason;
    // Other messages of the same burst are being recorded at this moment. A citizen's message is never
    // dropped: after many turns, fail the ingest job so BullMQ retries it later (recording is idempotent).
    if (attempt >= 20) throw new Error(`incident ${incidentId}: still changing under ${change.change} of ${change.sourceKey}`);
  }
}

async function alreadyRecorded(db: Db, incidentId: number, sourceKey: string, change: string): Promise<boolean> {
  const [row] = await db
    .select({ id: incidentEvents.id })
    .from(incidentEvents)
    .where(
      and(
        eq(incidentEvents.incidentId, incidentId),
        eq(incidentEvents.type, 'author_message_changed'),
        sql`${incidentEvents.data}->>'sourceKey' = ${sourceKey} and ${incidentEvents.data}->>'change' = ${change}`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Joins a message of a burst to its incident. The row is claimed first under
 * the network's id, by this delivery: a re-send (another delivery, maybe at
 * the same moment) finds the row claimed and records nothing; a retry of the
 * claiming delivery after a crash records the audit event only if it is
 * missing. So nothing is doubled.
 */
export async function joinBurst(ctx: AppContext, incidentId: number, m: InboundMessage, inboundEventId: number): Promise<string> {
  const { db } = ctx.database;
  await db
    .insert(incidentMessages)
    .values({ incidentId, network: m.network, sourceKey: m.sourceKey, text: m.text, attachments: m.attachments, postedAt: m.postedAt, inboundEventId })
    .onConflictDoNothing();
  const [claim] = await db
    .select({ incidentId: incidentMessages.incidentId, inboundEventId: incidentMessages.inboundEventId })
    .from(incidentMessages)
    .where(and(eq(incidentMessages.network, m.network), eq(incidentMessages.sourceKey, m.sourceKey)));
  if (!claim || claim.inboundEventId !== inboundEventId) return `duplicate in incident ${claim?.incidentId ?? incidentId}`;
  if (await alreadyRecorded(db, incidentId, m.sourceKey, 'added')) return `duplicate in incident ${incidentId}`;
  // The audit's copy, as processed: up to the network's limit (the row above keeps every character).
  const result = await recordAuthorChange(ctx, incidentId, { change: 'added', sourceKey: m.sourceKey, text: textForProcessing(m) });
  return `joined incident ${incidentId}: ${result}`;
}

/** The text of the author's latest recorded edit of a message, if any. */
async function lastEditedText(db: Db, incidentId: number, sourceKey: string): Promise<string | null> {
  const [row] = await db
    .select({ text: sql<string | null>`${incidentEvents.data}->>'text'` })
    .from(incidentEvents)
    .where(
      and(
        eq(incidentEvents.incidentId, incidentId),
        eq(incidentEvents.type, 'author_message_changed'),
        sql`${incidentEvents.data}->>'sourceKey' = ${sourceKey} and ${incidentEvents.data}->>'change' = 'edited'`,
      ),
    )
    .orderBy(desc(incidentEvents.version))
    .limit(1);
  return row?.text ?? null;
}

/**
 * The author edited a registered message: the card shows the new text (taken
 * from the audit event, so it changes with the incident's version), the
 * audit keeps the one it replaced, and the stored text follows for search,
 * repeats and moderation. A retry after a crash records nothing twice.
 */
export async function applyEdit(ctx: AppContext, m: InboundMessage): Promise<string> {
  const { db } = ctx.database;
  const owner = await incidentOfSource(db, m.network, m.sourceKey);
  if (!owner) return 'edit of a message that is no incident';
  const where = owner.first
    ? eq(incidents.id, owner.incidentId)
    : and(eq(incidentMessages.network, m.network), eq(incidentMessages.sourceKey, m.sourceKey));
  const stored = owner.first
    ? (await db.select({ text: incidents.text }).from(incidents).where(where))[0]?.text
    : (await db.select({ text: incidentMessages.text }).from(incidentMessages).where(where))[0]?.text;
  // The audit and the card compare and keep texts as processed, up to the network's limit; the rows below keep them whole.
  const latest = (await lastEditedText(db, owner.incidentId, m.sourceKey)) ?? stored;
  const shown = latest === undefined ? undefined : textForProcessing({ ...m, text: latest });
  const text = textForProcessing(m);
  let result = 'no change';
  if (shown !== text) {
    result = await recordAuthorChange(ctx, owner.incidentId, { change: 'edited', sourceKey: m.sourceKey, text, ...(shown !== undefined ? { previousText: shown } : {}) });
    if (result !== 'recorded') return `edit in incident ${owner.incidentId}: ${result}`;
  }
  if (stored !== m.text) {
    if (owner.first) await db.update(incidents).set({ text: m.text, attachments: m.attachments, updatedAt: sql`now()` }).where(eq(incidents.id, owner.incidentId));
    else await db.update(incidentMessages).set({ text: m.text, attachments: m.attachments }).where(where);
  }
  return `edit in incident ${owner.incidentId}: ${result}`;
}

/** A registered message was deleted: the card says so (and by whom); the text stays for staff. */
export async function applyDeletion(ctx: AppContext, network: NetworkId, sourceKey: string, deletedBy: string | undefined): Promise<string> {
  const { db } = ctx.database;
  const owner = await incidentOfSource(db, network, sourceKey);
  if (!owner) return 'deletion of a message that is no incident';
  if (await alreadyRecorded(db, owner.incidentId, sourceKey, 'deleted')) return `deletion already shown in incident ${owner.incidentId}`;
  const [incident] = await db.select({ authorId: incidents.authorId }).from(incidents).where(eq(incidents.id, owner.incidentId));
  const by = deletedBy === undefined || deletedBy === incident?.authorId ? 'author' : 'other';
  const result = await recordAuthorChange(ctx, owner.incidentId, { change: 'deleted', sourceKey, deletedBy: by });
  return `deletion in incident ${owner.incidentId}: ${result}`;
}

/**
 * One citizen's data on request (152-ФЗ art. 14: what is held; art. 21: its
 * destruction): `exportAuthor` gathers everything held about one author of
 * one network, `eraseAuthor` anonymises it now — their incidents (as the
 * retention does), the raw payloads of their inbound events, their traces in
 * Redis — and redraws the cards and alerts already in staff chats. Both leave
 * an audit row that says what was done, never whose data it was.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { inboundEvents, incidentEvents, incidentMessages, incidents } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';
import { parseInboundEvent } from '../../networks/registry.js';
import { isNetworkId, type NetworkId } from '../../networks/types.js';
import { evaluateSpikes } from '../alerts/spikes.js';
import { afterAnonymised, anonymiseIncident, incidentTraces } from './anonymise.js';
import { mergeTraces, redactor, tracesOf, type Traces } from './redact.js';
import { sweepRedis } from './redis.js';
import { recordPrivacyAction, type PrivacyActor } from './audit.js';

export type AuthorRef = { network: NetworkId; authorId: string };

/** What stands in a stored payload after its event was anonymised: the event stays, as a row with no content. */
export const ANONYMISED_PAYLOAD = { anonymised: true } as const;

function containsScalar(value: unknown, wanted: string): boolean {
  if (typeof value === 'string' || typeof value === 'number') return String(value) === wanted;
  if (Array.isArray(value)) return value.some((v) => containsScalar(v, wanted));
  if (value && typeof value === 'object') return Object.values(value).some((v) => containsScalar(v, wanted));
  return false;
}

/**
 * The author's stored inbound events: those the network's adapter reads as
 * theirs (their message, edit or like; the deletion of a message of theirs),
 * and any already processed event that carries their id as a value (our
 * reply in their dialogue names them as its peer). The id is looked for in
 * the payload's text first, so only candidates are parsed. Not by name: an
 * export must hold nothing of another citizen who happens to share a first
 * name, and another citizen's message that mentions this one is theirs.
 */
async function authorEvents(db: Db, author: AuthorRef, sourceKeys: ReadonlySet<string>): Promise<Array<{ id: number; type: string; receivedAt: Date; payload: unknown }>> {
  const candidates = await db
    .select({ id: inboundEvents.id, type: inboundEvents.type, receivedAt: inboundEvents.receivedAt, payload: inboundEvents.payload, processedAt: inboundEvents.processedAt })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.network, author.network), sql`strpos(${inboundEvents.payload}::text, ${author.authorId}) > 0`))
    .orderBy(asc(inboundEvents.id));
  return candidates.filter((e) => {
    const parsed = parseInboundEvent(author.network, e.payload);
    if ((parsed.outcome === 'message' || parsed.outcome === 'edit') && parsed.message.author.id === author.authorId) return true;
    if (parsed.outcome === 'like' && parsed.likerId === author.authorId) return true;
    if (parsed.outcome === 'deleted' && sourceKeys.has(parsed.sourceKey)) return true;
    return e.processedAt !== null && containsScalar(e.payload, author.authorId);
  });
}

async function authorIncidents(db: Db, author: AuthorRef) {
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.network, author.network), eq(incidents.authorId, author.authorId)))
    .orderBy(asc(incidents.id));
}

/** Everything that identifies the author: ids, names (their payloads' too), links and texts. */
async function authorTraces(db: Db, author: AuthorRef, incidentIds: readonly number[], payloads: readonly unknown[]): Promise<Traces> {
  const own: Traces[] = [];
  for (const id of incidentIds) {
    const found = await incidentTraces(db, id);
    if (found) own.push(found);
  }
  const said = payloads.flatMap((p) => {
    const parsed = parseInboundEvent(author.network, p);
    return parsed.outcome === 'message' || parsed.outcome === 'edit' ? [parsed.message] : [];
  });
  const fromPayloads = tracesOf({ ids: [author.authorId], names: said.map((m) => m.author.name), links: said.map((m) => m.author.link), texts: said.map((m) => m.text) });
  return mergeTraces(fromPayloads, ...own);
}

export type AuthorExport = {
  network: string;
  authorId: string;
  exportedAt: string;
  incidents: Array<{
    id: number;
    kind: string;
    status: string;
    postedAt: string;
    detectedAt: string;
    authorName: string | null;
    authorLink: string | null;
    text: string;
    attachments: unknown[];
    permalink: string | null;
    messages: Array<{ text: string; attachments: unknown[]; postedAt: string }>;
    /** What the citizen wrote later (edits, clarification answers) as the audit recorded it. */
    changes: Array<{ type: string; at: string; data: Record<string, unknown> }>;
    /** The administration's published replies to them. */
    replies: Array<{ draft: number; kind: string; text: string; publishedAt: string; link: string | null }>;
  }>;
  inboundEvents: Array<{ id: number; type: string; receivedAt: string; payload: unknown }>;
};

/** Everything held about one author, as JSON for the citizen (art. 14). Audited. */
export async function exportAuthor(ctx: AppContext, author: AuthorRef, by: PrivacyActor): Promise<AuthorExport> {
  const { db } = ctx.database;
  const rows = await authorIncidents(db, author);
  const ids = rows.map((r) => r.id);
  const events = await authorEvents(db, author, new Set(rows.map((r) => r.sourceKey)));
  const messages = ids.length ? await db.select().from(incidentMessages).where(inArray(incidentMessages.incidentId, ids)).orderBy(asc(incidentMessages.postedAt)) : [];
  const audit = ids.length
    ? await db.select().from(incidentEvents).where(inArray(incidentEvents.incidentId, ids)).orderBy(asc(incidentEvents.incidentId), asc(incidentEvents.version))
    : [];
  const out: AuthorExport = {
    network: author.network,
    authorId: author.authorId,
    exportedAt: ctx.clock.now().toISOString(),
    incidents: rows.map((i) => {
      const mine = audit.filter((e) => e.incidentId === i.id);
      const drafts = new Map(mine.filter((e) => e.type === 'draft_submitted').map((e) => [Number(e.data.draft), e]));
      const edited = new Map(mine.filter((e) => e.type === 'draft_approved' && typeof e.data.editedText === 'string').map((e) => [Number(e.data.draft), String(e.data.editedText)]));
      return {
        id: i.id,
        kind: i.kind,
        status: i.status,
        postedAt: i.postedAt.toISOString(),
        detectedAt: i.detectedAt.toISOString(),
        authorName: i.authorName,
        authorLink: i.authorLink,
        text: i.text,
        attachments: i.attachments,
        permalink: i.permalink,
        messages: messages.filter((m) => m.incidentId === i.id).map((m) => ({ text: m.text, attachments: m.attachments, postedAt: m.postedAt.toISOString() })),
        changes: mine
          .filter((e) => e.type === 'author_message_changed' || e.type === 'clarification_answered')
          .map((e) => ({ type: e.type, at: e.at.toISOString(), data: Object.fromEntries(Object.entries(e.data).filter(([k]) => k !== 'actor')) })),
        replies: mine
          .filter((e) => e.type === 'reply_published')
          .map((e) => {
            const n = Number(e.data.draft);
            return {
              draft: n,
              kind: String(e.data.kind),
              text: edited.get(n) ?? String(drafts.get(n)?.data.text ?? ''),
              publishedAt: e.at.toISOString(),
              link: typeof e.data.link === 'string' ? e.data.link : null,
            };
          }),
      };
    }),
    inboundEvents: events.map((e) => ({ id: e.id, type: e.type, receivedAt: e.receivedAt.toISOString(), payload: e.payload })),
  };
  await recordPrivacyAction(db, { action: 'export', at: ctx.clock.now(), by, network: author.network, incidents: rows.length, inboundEvents: events.length });
  return out;
}

/** What an erasure would cover, without doing it: the numbers of the author's incidents and how many stored events. */
export async function authorHoldings(ctx: AppContext, author: AuthorRef): Promise<{ incidentIds: number[]; inboundEvents: number }> {
  const { db } = ctx.database;
  const rows = await authorIncidents(db, author);
  const events = await authorEvents(db, author, new Set(rows.map((r) => r.sourceKey)));
  return { incidentIds: rows.map((r) => r.id), inboundEvents: events.length };
}

export type ErasureResult = { incidents: number; inboundEvents: number; redisRemoved: number; redisLeft: number };

/** Anonymises everything held about one author now (art. 21), cards and alerts in staff chats included. Audited. */
export async function eraseAuthor(ctx: AppContext, author: AuthorRef, by: PrivacyActor): Promise<ErasureResult> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const rows = await authorIncidents(db, author);
  const ids = rows.map((r) => r.id);
  const events = await authorEvents(db, author, new Set(rows.map((r) => r.sourceKey)));
  const traces = await authorTraces(db, author, ids, events.map((e) => e.payload));
  const r = redactor(traces);

  await db.transaction(async (tx) => {
    for (const id of ids) await anonymiseIncident(tx, id, now, traces);
    if (events.length) {
      await tx
        .update(inboundEvents)
        .set({ payload: ANONYMISED_PAYLOAD })
        .where(inArray(inboundEvents.id, events.map((e) => e.id)));
    }
  });
  for (const id of ids) await afterAnonymised(ctx, id);
  if (ids.length && ctx.staffApi) await evaluateSpikes(ctx);
  const redis = await sweepRedis(ctx.redis, ctx.queuePrefix, r);
  await recordPrivacyAction(db, { action: 'erase', at: now, by, network: author.network, incidents: ids.length, inboundEvents: events.length });
  ctx.log.info({ incidents: ids.length, inboundEvents: events.length, redisRemoved: redis.removed, redisLeft: redis.left }, 'personal data erased on request');
  return { incidents: ids.length, inboundEvents: events.length, redisRemoved: redis.removed, redisLeft: redis.left };
}

export function parseAuthorRef(network: string | undefined, authorId: string | undefined): AuthorRef | null {
  if (!network || !isNetworkId(network) || !authorId?.trim()) return null;
  return { network, authorId: authorId.trim() };
}

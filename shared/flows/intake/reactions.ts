/**
 * What people do in a thread after it was written in, as far as the network
 * tells: the author's like of our reply or next message after our answer
 * (the citizen's reaction), and others' likes and replies to the citizen's
 * message (engagement). Each is a `citizen_reaction` command on the
 * incident's stream, recorded once per network identity (a like of one
 * object by one person, a reply's message), and read only by the reports.
 * Anything no incident knows is dropped quietly.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { incidentEvents, incidents, publications } from '../../platform/db/schema.js';
import type { ReactionKind } from '../../core/incident/index.js';
import type { InboundMessage, ParsedEvent } from '../../networks/types.js';
import type { AppContext } from '../../networks/context.js';
import { runCommand } from '../command/run.js';
import { loadState } from '../../platform/db/events.js';
import { conversationKey, incidentOfSource } from './conversation.js';

type Like = Extract<ParsedEvent, { outcome: 'like' }>;
type Reaction = { kind: ReactionKind; byAuthor: boolean; sourceKey: string };

/** The answer is out: from here the author's next message in the thread is a reaction to it. */
const answeredStatuses = ['answered', 'closed'];

/** `thread->>'field'`: the field names are ours (adapters' thread keys), spelt as literals so the operator is not ambiguous. */
function threadField(field: string) {
  if (!/^[A-Za-z]+$/.test(field)) throw new Error(`not a thread field: ${field}`);
  return sql`${incidents.thread}->>${sql.raw(`'${field}'`)}`;
}

async function alreadyRecorded(db: Db, incidentId: number, sourceKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: incidentEvents.id })
    .from(incidentEvents)
    .where(and(eq(incidentEvents.incidentId, incidentId), eq(incidentEvents.type, 'citizen_reacted'), sql`${incidentEvents.data}->>'sourceKey' = ${sourceKey}`))
    .limit(1);
  return Boolean(row);
}

/** Runs the command on the incident's current version; a staff action in between only means one more try. */
async function record(ctx: AppContext, incidentId: number, r: Reaction): Promise<string> {
  if (await alreadyRecorded(ctx.database.db, incidentId, r.sourceKey)) return `${r.kind} already recorded in incident ${incidentId}`;
  for (let attempt = 0; ; attempt++) {
    const state = await loadState(ctx.database.db, incidentId);
    if (!state) return 'no such incident';
    const outcome = await runCommand(ctx, incidentId, { role: 'citizen' }, { type: 'citizen_reaction', expectedVersion: state.version, ...r });
    if (outcome.ok) return `${r.kind} ${r.byAuthor ? 'by the author' : 'by another'} in incident ${incidentId}`;
    if (outcome.reason !== 'stale_version' || attempt >= 4) return `${r.kind} in incident ${incidentId}: ${outcome.reason}`;
  }
}

/** The incident whose published reply (any kind) is this network message in this place. */
async function incidentOfPublished(db: Db, like: Like): Promise<{ id: number; authorId: string } | null> {
  const samePlace = Object.entries(like.place).map(([field, value]) => sql`${threadField(field)} = ${String(value)}`);
  const [row] = await db
    .select({ id: incidents.id, authorId: incidents.authorId })
    .from(publications)
    .innerJoin(incidents, eq(incidents.id, publications.incidentId))
    .where(and(eq(incidents.network, like.network), eq(publications.status, 'sent'), eq(publications.networkMessageId, like.messageId), ...samePlace))
    .orderBy(desc(incidents.id))
    .limit(1);
  return row ?? null;
}

/**
 * A like: of our reply, by the author (their reaction) or by others
 * (engagement); of the citizen's message, by others (engagement; the author
 * liking their own message tells nothing). Returns the inbound event's outcome.
 */
export async function recordLike(ctx: AppContext, like: Like): Promise<string> {
  const { db } = ctx.database;
  const own = await incidentOfSource(db, like.network, like.sourceKey);
  if (own) {
    const [incident] = await db.select({ authorId: incidents.authorId, status: incidents.status }).from(incidents).where(eq(incidents.id, own.incidentId));
    if (!incident || incident.status === 'rejected') return `like of a message of incident ${own.incidentId}: not counted`;
    if (incident.authorId === like.likerId) return `like of their own message in incident ${own.incidentId}: not counted`;
    return record(ctx, own.incidentId, { kind: 'like', byAuthor: false, sourceKey: like.reactionKey });
  }
  const answered = await incidentOfPublished(db, like);
  if (answered) return record(ctx, answered.id, { kind: 'like', byAuthor: answered.authorId === like.likerId, sourceKey: like.reactionKey });
  return 'like of nothing an incident knows';
}

/** The author's first message in the thread after our answer: the incident it reacts to, if any. */
async function answeredIncidentOfAuthor(db: Db, m: InboundMessage): Promise<number | null> {
  const key = conversationKey(m);
  if (key === null) return null;
  // Named: asked for every message ingested, so planned once per connection.
  const rows = await db
    .select({ id: incidents.id, kind: incidents.kind, thread: incidents.thread })
    .from(incidents)
    .where(
      and(
        eq(incidents.network, sql.placeholder('network')),
        eq(incidents.authorId, sql.placeholder('authorId')),
        inArray(incidents.status, answeredStatuses),
        ne(incidents.sourceKey, sql.placeholder('sourceKey')),
      ),
    )
    .orderBy(desc(incidents.id))
    .limit(20)
    .prepare('otklik_answered_incidents_of_author')
    .execute({ network: m.network, authorId: m.author.id, sourceKey: m.sourceKey });
  const match = rows.find((r) => conversationKey({ network: m.network, kind: r.kind as InboundMessage['kind'], thread: r.thread }) === key);
  if (!match) return null;
  // Only the next message is the reaction; later ones are the conversation going on.
  const [earlier] = await db
    .select({ id: incidentEvents.id })
    .from(incidentEvents)
    .where(
      and(
        eq(incidentEvents.incidentId, match.id),
        eq(incidentEvents.type, 'citizen_reacted'),
        sql`${incidentEvents.data}->>'kind' = 'reply' and (${incidentEvents.data}->>'byAuthor')::boolean`,
      ),
    )
    .limit(1);
  return earlier ? null : match.id;
}

/** The incident whose citizen's message (or suggested post) this one of someone else answers, if any. */
async function repliedIncident(db: Db, m: InboundMessage): Promise<number | null> {
  if (!m.repliesTo) return null;
  const owner = await incidentOfSource(db, m.network, m.repliesTo);
  if (!owner) return null;
  const [incident] = await db.select({ authorId: incidents.authorId, status: incidents.status }).from(incidents).where(eq(incidents.id, owner.incidentId));
  // The author continuing their own thread is no engagement; a rejected incident is finished with.
  return incident && incident.authorId !== m.author.id && incident.status !== 'rejected' ? owner.incidentId : null;
}

/**
 * A message seen in a thread, before it goes its usual way (a new incident,
 * a clarification, a burst): it may also be the author's reply to our answer
 * or someone's reply to a citizen. Returns what was recorded, for the log.
 */
export async function recordReplies(ctx: AppContext, m: InboundMessage): Promise<string[]> {
  const { db } = ctx.database;
  const done: string[] = [];
  const answered = await answeredIncidentOfAuthor(db, m);
  if (answered !== null) done.push(await record(ctx, answered, { kind: 'reply', byAuthor: true, sourceKey: m.sourceKey }));
  const replied = await repliedIncident(db, m);
  if (replied !== null) done.push(await record(ctx, replied, { kind: 'reply', byAuthor: false, sourceKey: m.sourceKey }));
  return done;
}

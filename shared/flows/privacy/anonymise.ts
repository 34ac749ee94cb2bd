/**
 * Anonymising one incident: the citizen's name, id, profile link, texts,
 * media, message links and thread ids go; the workflow (statuses, topics,
 * departments, who did what and when) stays, so every report counts it as
 * before. The audit rows stay too, with their personal fields emptied: the
 * events are kept, not what the citizen wrote. docs/privacy.md lists every
 * column and why it is kept or cleared.
 *
 * In one transaction under the incident's row lock, so a command running
 * meanwhile either sees all of it or none. Staff chats are told afterwards
 * (`afterAnonymised`): their cards and alerts are redrawn from what is left.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import {
  buttons,
  cards,
  incidentEvents,
  incidentMessages,
  incidents,
  laneDigests,
  laneMessages,
  pendingInputs,
  publications,
  alertSpikes,
} from '../../platform/db/schema.js';
import { t } from '../../platform/i18n.js';
import type { AppContext } from '../../networks/context.js';
import { recordFacts } from '../reports/store.js';
import { loadState } from '../../platform/db/events.js';
import { refreshCards } from '../../staffchat/cards/refresh.js';
import { markCitizenMediaErased, reofferMedia } from '../../staffchat/lanes/media.js';
import { alertIfSignificant, significantKey } from '../alerts/significant.js';
import { SPIKE_LIST_LIMIT } from '../alerts/spikes.js';
import { mergeTraces, redactor, tracesOf, type Traces } from './redact.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The stand-in for the network's identity of an anonymised message: unique, and says nothing. */
export const anonymousKey = (incidentId: number, messageRowId?: number) => (messageRowId === undefined ? `anon:${incidentId}` : `anon:${incidentId}:${messageRowId}`);

/** What a thread keeps after anonymisation: a hand-registered one's source and registering staff member (not the citizen's). */
function keptThread(network: string, thread: Record<string, string | number>): Record<string, string | number> {
  if (network !== 'manual') return {};
  const kept: Record<string, string | number> = {};
  if (thread.source !== undefined) kept.source = thread.source;
  if (thread.registeredBy !== undefined) kept.registeredBy = thread.registeredBy;
  return kept;
}

/** Everything of the citizen one incident holds: its author, links and texts (the author's own words included). */
export async function incidentTraces(db: Db | Tx, incidentId: number): Promise<Traces | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!row) return null;
  const messages = await db.select({ text: incidentMessages.text }).from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId));
  const events = await db
    .select({ data: incidentEvents.data })
    .from(incidentEvents)
    .where(and(eq(incidentEvents.incidentId, incidentId), inArray(incidentEvents.type, ['author_message_changed', 'clarification_answered'])));
  const said = events.flatMap((e) => [e.data.text, e.data.previousText].filter((x): x is string => typeof x === 'string'));
  return tracesOf({
    ids: [row.authorId],
    names: [row.authorName],
    links: [row.authorLink, row.permalink],
    texts: [row.text, ...messages.map((m) => m.text), ...said],
  });
}

/** The citizen's fields of one audit event emptied; the rest of its data as it was. */
function anonymousEventData(type: string, data: Record<string, unknown>, sourceKeys: Map<string, string>, incidentId: number): Record<string, unknown> {
  const key = (k: unknown) => (typeof k === 'string' ? (sourceKeys.get(k) ?? `${anonymousKey(incidentId)}:x`) : k);
  switch (type) {
    case 'author_message_changed':
      return { ...data, text: null, previousText: null, sourceKey: key(data.sourceKey) };
    case 'clarification_answered':
      return { ...data, text: null, messageId: null };
    case 'citizen_reacted':
      return { ...data, sourceKey: key(data.sourceKey) };
    case 'reply_published':
      // Our reply stays on the network; the link to it leads into the citizen's thread (a VK dialogue names them).
      return { ...data, link: null };
    default:
      return data;
  }
}

/**
 * Anonymises one incident in the transaction given. `extra`: more of the
 * citizen to look for in staff texts (everything an erasure found about the
 * person). Returns false when it was anonymised before: nothing to do.
 */
export async function anonymiseIncident(tx: Tx, incidentId: number, now: Date, extra?: Traces): Promise<boolean> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('update');
  if (!row || row.anonymisedAt) return false;
  const own = (await incidentTraces(tx, incidentId))!;
  const redact = redactor(extra ? mergeTraces(own, extra) : own);

  const messages = await tx.select({ id: incidentMessages.id, sourceKey: incidentMessages.sourceKey }).from(incidentMessages).where(eq(incidentMessages.incidentId, incidentId));
  const sourceKeys = new Map<string, string>([[row.sourceKey, anonymousKey(incidentId)], ...messages.map((m) => [m.sourceKey, anonymousKey(incidentId, m.id)] as [string, string])]);

  await tx
    .update(incidents)
    .set({
      sourceKey: anonymousKey(incidentId),
      thread: keptThread(row.network, row.thread),
      authorId: anonymousKey(incidentId),
      // The placeholder where there was a name: the draft checks' greeting test reads the same in the redacted drafts.
      authorName: row.authorName ? t('privacy-erased-name') : null,
      authorLink: null,
      text: t('privacy-erased-text'),
      attachments: [],
      permalink: null,
      anonymisedAt: now,
    })
    .where(eq(incidents.id, incidentId));

  for (const m of messages) {
    await tx
      .update(incidentMessages)
      .set({ sourceKey: anonymousKey(incidentId, m.id), text: t('privacy-erased-text'), attachments: [] })
      .where(eq(incidentMessages.id, m.id));
  }

  const events = await tx.select({ id: incidentEvents.id, type: incidentEvents.type, data: incidentEvents.data }).from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId));
  for (const e of events) {
    const data = redact.json(anonymousEventData(e.type, e.data, sourceKeys, incidentId));
    if (JSON.stringify(data) !== JSON.stringify(e.data)) await tx.update(incidentEvents).set({ data }).where(eq(incidentEvents.id, e.id));
  }

  await tx.update(publications).set({ permalink: null }).where(eq(publications.incidentId, incidentId));

  // Staff-side rows that may quote the citizen: a draft being written, a button's or a card's arguments.
  for (const p of await tx.select().from(pendingInputs).where(eq(pendingInputs.incidentId, incidentId))) {
    const args = redact.json(p.args);
    if (JSON.stringify(args) !== JSON.stringify(p.args)) await tx.update(pendingInputs).set({ args }).where(eq(pendingInputs.userId, p.userId));
  }
  for (const b of await tx.select({ id: buttons.id, args: buttons.args }).from(buttons).where(eq(buttons.incidentId, incidentId))) {
    const args = redact.json(b.args);
    if (JSON.stringify(args) !== JSON.stringify(b.args)) await tx.update(buttons).set({ args }).where(eq(buttons.id, b.id));
  }
  for (const c of await tx.select({ id: cards.id, selection: cards.selection }).from(cards).where(eq(cards.incidentId, incidentId))) {
    if (!c.selection) continue;
    const selection = redact.json(c.selection);
    if (JSON.stringify(selection) !== JSON.stringify(c.selection)) await tx.update(cards).set({ selection }).where(eq(cards.id, c.id));
  }
  // The author's photos and videos copied under the cards are withdrawn from the staff chats after the commit.
  await markCitizenMediaErased(tx, incidentId);
  return true;
}

/**
 * After the commit: the reporting row is recomputed (its excerpt and link
 * came from the message), the cards already in staff chats are redrawn (the
 * bot edits its own messages; Telegram lets a bot edit them at any age, while
 * deleting a group message is allowed only within 48 hours), and the heads'
 * alerts that quoted the message are rewritten. The spikes' alerts follow at the next alert run
 * (`evaluateSpikes`).
 */
export async function afterAnonymised(ctx: AppContext, incidentId: number): Promise<void> {
  const { db } = ctx.database;
  await recordFacts(ctx, incidentId);
  const state = await loadState(db, incidentId);
  if (state) await refreshCards(ctx, state, { redraw: true });
  // The author's albums under the cards: deleted, or edited to a placeholder once too old to delete.
  await reofferMedia(ctx, incidentId);
  // Only an alert that was posted is rewritten: an old incident must not raise a new one.
  const [alert] = await db
    .select({ id: laneMessages.id })
    .from(laneMessages)
    .where(and(eq(laneMessages.chatId, ctx.org.chats.heads), eq(laneMessages.key, significantKey(incidentId))));
  if (alert) await alertIfSignificant(ctx, incidentId);
  // A digest lists the author's name: a new version makes the reconciler's pass redraw it (reofferPending).
  await db
    .update(laneDigests)
    .set({ version: sql`${laneDigests.version} + 1` })
    .where(sql`${laneDigests.messageId} is not null and ${laneDigests.id} in (select digest_id from lane_digest_items where incident_id = ${incidentId})`);
  // A spike's alert lists the latest incidents with their text: a new version makes the next alert run redraw it.
  await db
    .update(alertSpikes)
    .set({ version: sql`${alertSpikes.version} + 1` })
    .where(
      sql`${alertSpikes.postedVersion} is not null and exists (
        select 1 from jsonb_array_elements(${alertSpikes.incidentIds}) with ordinality as x(v, n)
        where x.v = to_jsonb(${incidentId}::bigint) and x.n > jsonb_array_length(${alertSpikes.incidentIds}) - ${SPIKE_LIST_LIMIT})`,
    );
}

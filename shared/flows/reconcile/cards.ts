/**
 * For the reconciler: every card that PostgreSQL says should be shown, at the
 * incident's version, and is not — in any chat, not just the curators'. A
 * card job lost between a transition's commit and its enqueue (or with
 * Redis) would otherwise wait for the incident's next transition.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { cards, incidentEvents, incidents } from '../../platform/db/schema.js';
import { replay } from '../../core/incident/index.js';
import { loadEventsOf } from '../../platform/db/events.js';
import type { AppContext } from '../../networks/context.js';
import { cardChats } from '../../staffchat/cards/audience.js';
import { curatorChats } from '../../staffchat/cards/chats.js';
import { staleCards } from '../../staffchat/cards/store.js';

export type CardJob = { incidentId: number; chatId: number; version: number };

/** How many incidents one pass replays; the rest wait a minute for the next pass. */
const REPLAY_LIMIT = 2000;

export async function missingCards(ctx: AppContext, limit = 500): Promise<CardJob[]> {
  const { db } = ctx.database;
  const jobs = new Map<string, CardJob>();
  const add = (j: CardJob) => jobs.set(`${j.incidentId}:${j.chatId}`, j);

  // Every incident has a card in the curators' chat, whatever its status.
  for (const chatId of curatorChats(ctx.org)) {
    for (const c of await staleCards(db, chatId, limit)) add({ incidentId: c.incidentId, chatId, version: c.version });
  }

  // A card that exists anywhere but shows an older version (a lost refresh).
  const behind = await db
    .select({ incidentId: cards.incidentId, chatId: cards.chatId, version: incidents.version })
    .from(cards)
    .innerJoin(incidents, eq(incidents.id, cards.incidentId))
    .where(or(isNull(cards.shownVersion), lt(cards.shownVersion, incidents.version)))
    .orderBy(asc(cards.incidentId))
    .limit(limit);
  for (const b of behind) add(b);

  // A card that never reached a chat the incident's state says should show it (a department's, the heads').
  // Only incidents that ever left the curators' hands can have such chats; closed and rejected ones are done.
  const candidates = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        sql`${incidents.status} not in ('closed', 'rejected', 'forwarded')`,
        sql`exists (select 1 from ${incidentEvents} e where e.incident_id = ${incidents.id} and e.type in ('routed', 'draft_submitted'))`,
      ),
    )
    .orderBy(asc(incidents.id))
    .limit(REPLAY_LIMIT);
  const ids = candidates.map((c) => c.id);
  if (ids.length > 0) {
    const [streams, cardRows] = await Promise.all([
      loadEventsOf(db, ids),
      db.select({ incidentId: cards.incidentId, chatId: cards.chatId }).from(cards).where(inArray(cards.incidentId, ids)),
    ]);
    const shown = new Set(cardRows.map((c) => `${c.incidentId}:${c.chatId}`));
    for (const [incidentId, events] of streams) {
      const state = replay(events);
      for (const { chatId } of cardChats(state, ctx.org, ctx.rules)) {
        if (!shown.has(`${incidentId}:${chatId}`)) add({ incidentId, chatId, version: state.version });
      }
    }
  }
  return [...jobs.values()];
}

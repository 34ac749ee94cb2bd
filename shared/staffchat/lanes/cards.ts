/**
 * Cards through the lanes. A card for an incident the chat has not seen goes
 * to the back of the chat's send line, or into the chat's digest when that
 * line is already longer than two minutes; a card already there gets an edit,
 * and any number of refreshes before it is made cost one edit.
 */
import { and, eq, sql } from 'drizzle-orm';
import { loadCard } from '../cards/store.js';
import { cards, incidents } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';
import { addToDigest, digestListing, type Digest } from './digest-store.js';
import { itemKey } from './items/index.js';
import { markCardInDigest } from './items/card.js';
import { offerItem } from './offer.js';
import { lanesOf, type LaneRuntime } from './runtime.js';

export type CardOffer = 'no telegram bot configured' | 'no such incident' | 'up to date' | 'in digest' | 'digested' | 'edit queued' | 'send queued';

/**
 * Brings the incident's card in the chat up to the incident's current version.
 * `open`: staff asked for this very card (from the digest): it is sent even
 * when the digest lists it and the chat is flooded. `redraw`: the card's
 * message is edited even at the version it shows (what changed is not an
 * incident event: the reply's publication).
 */
export async function offerCard(ctx: AppContext, input: { incidentId: number; chatId: number; open?: boolean; redraw?: boolean }): Promise<CardOffer> {
  const rt = lanesOf(ctx);
  if (!rt) return 'no telegram bot configured';
  const { incidentId, chatId } = input;
  const { db } = ctx.database;
  const [incident] = await db.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) return 'no such incident';
  const card = await loadCard(db, incidentId, chatId);
  const item = itemKey('c', incidentId);
  const behind = (card?.shownVersion ?? 0) < incident.version;

  if (card?.messageId) {
    if (!behind && !input.redraw) return 'up to date';
    await offerItem(rt, chatId, { item, version: incident.version, kind: 'edit' });
    return 'edit queued';
  }
  if (!input.open) {
    if (card && !behind) return 'up to date'; // listed in a digest as of this version
    if (await digestListing(db, chatId, incidentId)) {
      // The digest stands for the card: its line shows what a refresh would, so nothing is sent.
      await markCardInDigest(db, incidentId, chatId, incident.version);
      return 'in digest';
    }
  }
  const result = await offerItem(rt, chatId, { item, version: incident.version, kind: 'send', mayDigest: !input.open });
  if (result.status === 'queued') return 'send queued';

  const digest = await addToDigest(db, { chatId, nonce: result.nonce, incidentId, version: incident.version });
  await offerDigest(rt, digest);
  return 'digested';
}

/**
 * Sends the card anew, below whatever the chat shows now: someone asked for it
 * in their private chat (/card N). An older message of it there stays as it
 * was; the new one is the card that is kept up to date.
 */
export async function resendCard(ctx: AppContext, input: { incidentId: number; chatId: number }): Promise<CardOffer> {
  await ctx.database.db
    .update(cards)
    .set({ messageId: null, shownVersion: null, updatedAt: sql`now()` })
    .where(and(eq(cards.incidentId, input.incidentId), eq(cards.chatId, input.chatId)));
  return offerCard(ctx, { ...input, open: true });
}

/**
 * Before the chat waits: new cards still in the send line that would now miss
 * their two minutes (after a 429's pause, or sends that slipped) are listed
 * in the digest instead (PostgreSQL first, then
 * out of the line, so a crash in between shows a card twice, never none).
 */
export async function collapseOverdue(rt: LaneRuntime, chatId: number): Promise<number> {
  const late = await rt.lane.overdue(chatId);
  if (!late) return 0;
  const { db } = rt.ctx.database;
  let digest: Digest | null = null;
  for (const item of late.items) {
    const incidentId = Number(item.slice(1));
    const [incident] = await db.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, incidentId));
    if (incident) digest = await addToDigest(db, { chatId, nonce: late.nonce, incidentId, version: incident.version });
  }
  const withdrawn = await rt.lane.withdraw(chatId, late.items);
  if (digest) await offerDigest(rt, digest);
  rt.ctx.log.info({ chatId, cards: late.items.length, withdrawn }, 'cards that would miss their two minutes moved to the digest');
  return withdrawn;
}

function offerDigest(rt: LaneRuntime, digest: Digest) {
  return offerItem(rt, digest.chatId, {
    item: itemKey('d', digest.id),
    version: digest.version,
    kind: digest.messageId === null ? 'send' : 'edit',
    front: true,
  });
}

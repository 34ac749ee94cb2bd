/** An incident's card in a staff chat, composed from the incident as it is now. */
import { isDeepStrictEqual } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { composeCard, type ComposedCard } from '../../cards/compose.js';
import { loadCard, saveCard } from '../../cards/store.js';
import type { Db } from '../../../platform/db/client.js';
import { cards, incidents } from '../../../platform/db/schema.js';
import type { LiveSource } from './live.js';

const cardOptions = (composed: ComposedCard) => ({ parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true }, reply_markup: composed.replyMarkup });

export const cardSource: LiveSource = {
  async load(rt, chatId, incidentId) {
    const { db } = rt.ctx.database;
    // Read before composing: the card then shows at least this version, whatever the stream says.
    const [row] = await db.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, incidentId));
    if (!row) return null;
    const composed = await composeCard(rt.ctx, incidentId, chatId);
    if (!composed) return null;
    const card = await loadCard(db, incidentId, chatId);
    return {
      messageId: card?.messageId ?? null,
      version: Math.max(row.version, composed.version),
      text: composed.text,
      options: cardOptions(composed),
      // The curator's unconfirmed choices are saved with the message that shows them.
      extra: composed.selection,
    };
  },
  async shown(rt, chatId, incidentId, messageId, live) {
    const selection = (live.extra ?? null) as Record<string, unknown> | null;
    const stored = await saveCard(rt.ctx.database.db, { incidentId, chatId, messageId, shownVersion: live.version, selection });
    // A curator's tap changed the choices while this rendering was on its way, and it has just covered the
    // card the tap drew: drawn again with their choices, as the tap itself does (outside the lane).
    if (selection && stored && !isDeepStrictEqual(stored, selection)) {
      const composed = await composeCard(rt.ctx, incidentId, chatId);
      if (composed) {
        await rt.api
          .editMessageText(chatId, messageId, composed.text, cardOptions(composed))
          .catch((err: unknown) => rt.ctx.log.warn({ err, incidentId, chatId }, 'card not redrawn with the curator\'s choices; their next tap will'));
      }
    }
  },
  async gone(rt, chatId, incidentId) {
    await rt.ctx.database.db
      .update(cards)
      .set({ messageId: null, shownVersion: null, updatedAt: sql`now()` })
      .where(and(eq(cards.incidentId, incidentId), eq(cards.chatId, chatId)));
  },
};

/**
 * Records that a digest stands for the card as of `version`: the row has no
 * message, and the reconciler (which looks for cards behind their incident)
 * leaves it alone.
 */
export async function markCardInDigest(db: Pick<Db, 'insert'>, incidentId: number, chatId: number, version: number): Promise<void> {
  await db
    .insert(cards)
    .values({ incidentId, chatId, messageId: null, shownVersion: version })
    .onConflictDoUpdate({
      target: [cards.incidentId, cards.chatId],
      set: { shownVersion: sql`greatest(coalesce(${cards.shownVersion}, 0), excluded.shown_version)`, updatedAt: sql`now()` },
    });
}

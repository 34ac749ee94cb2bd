import { randomBytes } from 'node:crypto';
import { and, eq, like, notLike } from 'drizzle-orm';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Db } from '../../platform/db/client.js';
import { buttons } from '../../platform/db/schema.js';
import type { ButtonSpec } from './button-actions.js';

/** 9 random bytes → 12 URL-safe characters: far under Telegram's 64-byte callback_data, and unguessable. */
const newId = () => randomBytes(9).toString('base64url');

/**
 * Buttons live on one of several messages per incident and chat: the card,
 * (in an executor's private chat) the draft being written, and the draft's
 * version history, the incident's story. Draft actions are named draft_*,
 * history ones history_*, story ones story_*, so redrawing one never kills
 * the others' buttons.
 */
export type ButtonScope = 'card' | 'draft' | 'history' | 'story';
const scoped = ['draft', 'history', 'story'] as const;

/**
 * Stores a message's buttons and returns the inline keyboard. The old
 * buttons of the same scope are deleted: pressing one afterwards finds
 * nothing and is told the card is outdated. `keep` leaves them: a tapped card
 * redrawn outside the lane may race the lane's own rendering of the same
 * version, and whichever lands last must keep working buttons.
 */
export async function drawKeyboard(
  db: Db,
  card: { incidentId: number; version: number; chatId: number },
  rows: ButtonSpec[][],
  scope: ButtonScope = 'card',
  opts: { keep?: boolean } = {},
): Promise<InlineKeyboardMarkup> {
  return db.transaction(async (tx) => {
    const ofScope = scope === 'card' ? and(...scoped.map((p) => notLike(buttons.action, `${p}%`))) : like(buttons.action, `${scope}%`);
    if (!opts.keep) await tx.delete(buttons).where(and(eq(buttons.incidentId, card.incidentId), eq(buttons.chatId, card.chatId), ofScope));
    const keyboard: InlineKeyboardButton[][] = [];
    const stored: (typeof buttons.$inferInsert)[] = [];
    for (const row of rows) {
      keyboard.push(
        row.map((spec) => {
          if ('url' in spec) return { text: spec.text, url: spec.url };
          const id = newId();
          stored.push({ id, ...card, action: spec.action, args: spec.args ?? {} });
          return { text: spec.text, callback_data: id };
        }),
      );
    }
    if (stored.length) await tx.insert(buttons).values(stored);
    return { inline_keyboard: keyboard };
  });
}

export async function findButton(db: Db, id: string) {
  const [row] = await db.select().from(buttons).where(eq(buttons.id, id));
  return row ?? null;
}

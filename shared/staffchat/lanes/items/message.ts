/** A staff-facing message kept in lane_messages (a reminder, an escalation, an alert). */
import { eq, sql } from 'drizzle-orm';
import { laneMessages } from '../../../platform/db/schema.js';
import type { LiveSource, SendOptions } from './live.js';

export const messageSource: LiveSource = {
  async load(rt, _chatId, id) {
    const [row] = await rt.ctx.database.db.select().from(laneMessages).where(eq(laneMessages.id, id));
    if (!row) return null;
    return { messageId: row.messageId, version: row.version, text: row.text, options: row.options as SendOptions };
  },
  async shown(rt, _chatId, id, messageId, { version }) {
    await rt.ctx.database.db
      .update(laneMessages)
      .set({ messageId, shownVersion: sql`greatest(coalesce(${laneMessages.shownVersion}, 0), ${version})`, updatedAt: sql`now()` })
      .where(eq(laneMessages.id, id));
  },
  async gone(rt, _chatId, id) {
    await rt.ctx.database.db.update(laneMessages).set({ messageId: null, shownVersion: null }).where(eq(laneMessages.id, id));
  },
};

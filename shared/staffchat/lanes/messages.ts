/**
 * Any other staff-facing message (a reminder, an escalation ping, an alert)
 * through the lanes. `key` names the message within its chat: posting the
 * same key again edits that message in place instead of sending another, and
 * posting it twice with the same content does nothing.
 */
import { sql } from 'drizzle-orm';
import { laneMessages } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';
import { itemKey } from './items/index.js';
import type { SendOptions } from './items/live.js';
import { offerItem } from './offer.js';
import { lanesOf } from './runtime.js';

export type PostMessage = {
  chatId: number;
  key: string;
  text: string;
  /** parse_mode, reply_markup (inline keyboards only are kept on edits), link_preview_options… */
  options?: SendOptions;
};

export async function postMessage(ctx: AppContext, m: PostMessage): Promise<'queued' | 'unchanged' | 'no telegram bot configured'> {
  const rt = lanesOf(ctx);
  if (!rt) return 'no telegram bot configured';
  const options = (m.options ?? {}) as Record<string, unknown>;
  const [row] = await ctx.database.db
    .insert(laneMessages)
    .values({ chatId: m.chatId, key: m.key, text: m.text, options })
    .onConflictDoUpdate({
      target: [laneMessages.chatId, laneMessages.key],
      set: { text: m.text, options, version: sql`${laneMessages.version} + 1`, updatedAt: sql`now()` },
      setWhere: sql`(${laneMessages.text}, ${laneMessages.options}) is distinct from (excluded.text, excluded.options)`,
    })
    .returning({ id: laneMessages.id, version: laneMessages.version, messageId: laneMessages.messageId });
  if (!row) return 'unchanged';
  await offerItem(rt, m.chatId, { item: itemKey('m', row.id), version: row.version, kind: row.messageId === null ? 'send' : 'edit' });
  return 'queued';
}

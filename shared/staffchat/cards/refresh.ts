import { randomBytes } from 'node:crypto';
import { cardChats } from './audience.js';
import { chatsWithCards } from './store.js';
import { orgWithInvited } from '../staff/directory.js';
import type { IncidentState } from '../../core/incident/index.js';
import type { AppContext } from '../../networks/context.js';

/**
 * After a transition every chat that should show the card, or already does,
 * gets a refresh at the new version: new chats receive it, old ones see it
 * change (and lose buttons that no longer apply). `redraw`: something the
 * card shows changed without a transition (the reply's publication), so the
 * cards are edited at the version they already show, under fresh job ids.
 */
export async function refreshCards(ctx: AppContext, state: IncidentState, opts: { redraw?: boolean } = {}): Promise<void> {
  const chats = new Set([
    ...cardChats(state, await orgWithInvited(ctx.database.db, ctx.org), ctx.rules).map((c) => c.chatId),
    ...(await chatsWithCards(ctx.database.db, state.incidentId)),
  ]);
  const redraw = opts.redraw ? `${Date.now().toString(36)}${randomBytes(4).toString('hex')}` : undefined;
  for (const chatId of chats) {
    await ctx.queues.enqueue('card', { incidentId: state.incidentId, chatId, version: state.version, ...(redraw ? { redraw } : {}) });
  }
}

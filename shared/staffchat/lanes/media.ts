/**
 * What staff see of the media: the citizen's photos and videos under the card
 * in every chat the card goes to, and the draft's under the approval card in
 * the approver's chat. Each is one `staff_media` row per (incident, chat,
 * source, draft) and one album, sent through the chat's lane (`p<id>` items)
 * right after the card. PostgreSQL decides what should be shown; the lane
 * only delivers, so a lost Redis costs nothing (`reofferMedia`).
 *
 * Erasure (shared/flows/privacy) marks the citizen's rows erased; the lane
 * then withdraws the messages: deleted while Telegram allows a bot to delete
 * them (48 hours in a group), edited to a placeholder after that.
 */
import { and, eq, sql } from 'drizzle-orm';
import { currentDraft, replay } from '../../core/incident/index.js';
import type { Attachment } from '../../core/incident/message.js';
import type { DraftAttachment } from '../../core/incident/index.js';
import type { Db } from '../../platform/db/client.js';
import { loadEvents } from '../../platform/db/events.js';
import { incidents, staffMedia } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';
import { audienceOf } from '../cards/audience.js';
import { orgWithInvited } from '../staff/directory.js';
import { offerItem } from './offer.js';
import { lanesOf } from './runtime.js';

/** Telegram's album holds at most ten items; beyond, the caption says how many more there are. */
export const ALBUM_MAX = 10;

export type MediaSource = 'citizen' | 'draft';

/** One thing to show: a photo or a video, by a public URL (VK, OK) or by the bot's own file id. */
export type ShownMedia = { type: 'photo' | 'video'; url?: string; fileId?: string };

/** A citizen's attachments Telegram can show as an album: photos and videos with a URL or a file id. */
export function citizenMedia(attachments: readonly Attachment[]): ShownMedia[] {
  const out: ShownMedia[] = [];
  for (const a of attachments) {
    if (a.type !== 'photo' && a.type !== 'video') continue;
    if (a.url && /^https?:\/\//i.test(a.url)) out.push({ type: a.type, url: a.url });
    else if (a.ref) out.push({ type: a.type, fileId: a.ref });
  }
  return out;
}

/** A draft's photos and videos, sent to the staff bot by the executor: its own file ids. */
export function draftMedia(attachments: readonly DraftAttachment[]): ShownMedia[] {
  return attachments.flatMap((a): ShownMedia[] => (a.kind === 'photo' || a.kind === 'video' ? [{ type: a.kind, fileId: a.fileId }] : []));
}

export const mediaItem = (id: number) => `p${id}`;

/**
 * Called when the card has just been delivered to the chat: the media that belong under it there, each
 * album once. The citizen's follow the card into every chat it reaches; the draft's go to the approver's
 * chat while the draft awaits approval.
 */
export async function offerMedia(ctx: AppContext, incidentId: number, chatId: number): Promise<number> {
  const rt = lanesOf(ctx);
  if (!rt) return 0;
  const { db } = ctx.database;
  const [incident] = await db.select({ attachments: incidents.attachments, status: incidents.status }).from(incidents).where(eq(incidents.id, incidentId));
  // Most deliveries are edits of cards with nothing to show: answered from the row alone.
  if (!incident || (!citizenMedia(incident.attachments).length && incident.status !== 'on_approval')) return 0;
  const events = await loadEvents(db, incidentId);
  if (!events.length) return 0;
  const state = replay(events);
  const chat = audienceOf(chatId, state, await orgWithInvited(db, ctx.org), ctx.rules);
  if (!chat) return 0;
  const wanted: Array<{ source: MediaSource; draft: number }> = [];
  if (citizenMedia(incident.attachments).length) wanted.push({ source: 'citizen', draft: 0 });
  const draft = state.status === 'on_approval' ? currentDraft(state) : null;
  const approverChat = ctx.rules.approver === 'head' ? 'heads' : 'curators';
  if (draft && chat.audience === approverChat && draftMedia(draft.attachments).length) wanted.push({ source: 'draft', draft: draft.number });
  let offered = 0;
  for (const w of wanted) {
    const [row] = await db
      .insert(staffMedia)
      .values({ incidentId, chatId, source: w.source, draft: w.draft })
      .onConflictDoNothing()
      .returning({ id: staffMedia.id, version: staffMedia.version });
    if (!row) continue; // already shown there (or on its way)
    await offerItem(rt, chatId, { item: mediaItem(row.id), version: row.version, kind: 'send' });
    offered += 1;
  }
  return offered;
}

/**
 * Erasure, inside its transaction: the citizen's albums in staff chats are marked for withdrawal. The lanes
 * withdraw them once it commits (`offerBehind`), or the reconciler's pass does after a crash.
 */
export async function markCitizenMediaErased(db: Pick<Db, 'update'>, incidentId: number): Promise<void> {
  await db
    .update(staffMedia)
    .set({ erasedAt: sql`now()`, version: sql`${staffMedia.version} + 1` })
    .where(and(eq(staffMedia.incidentId, incidentId), eq(staffMedia.source, 'citizen'), sql`${staffMedia.erasedAt} is null`));
}

/** For the reconciler (and after an erasure, for one incident): albums PostgreSQL says are not shown (or not withdrawn) as they should be. */
export async function reofferMedia(ctx: AppContext, incidentId?: number): Promise<number> {
  const rt = lanesOf(ctx);
  if (!rt) return 0;
  const behind = sql`(${staffMedia.shownVersion} is null or ${staffMedia.shownVersion} < ${staffMedia.version})`;
  const rows = await ctx.database.db
    .select({ id: staffMedia.id, chatId: staffMedia.chatId, version: staffMedia.version, messageIds: staffMedia.messageIds })
    .from(staffMedia)
    .where(incidentId === undefined ? behind : and(behind, eq(staffMedia.incidentId, incidentId)))
    .limit(1000);
  for (const r of rows) await offerItem(rt, r.chatId, { item: mediaItem(r.id), version: r.version, kind: r.messageIds.length ? 'edit' : 'send' });
  return rows.length;
}

/**
 * The card's view of an incident: everything one chat's card shows, read in
 * one place — the incident row and its event stream, the staff directory, the
 * card's own row, the latest publication, the burst's messages, the repeat
 * suggestions and the channel post. Only reads; the text and the keyboard are
 * drawn from it purely (present.ts), and the buttons stored by buttons.ts.
 */
import { staffLinks } from './links.js';
import { desc, eq } from 'drizzle-orm';
import { currentDraft, replay, type IncidentEvent, type IncidentState } from '../../core/incident/index.js';
import type { Org } from '../../platform/config/org.js';
import { loadEvents } from '../../platform/db/events.js';
import { incidentMessages, incidents, publications } from '../../platform/db/schema.js';
import { filesLeftOut, photoLeftOut } from '../../networks/capabilities.js';
import { connectNetwork } from '../../networks/connect.js';
import type { AppContext } from '../../networks/context.js';
import { channelPostLink } from '../../networks/telegram/threads.js';
import { textForProcessing } from '../../networks/types.js';
import { orgWithInvited } from '../staff/directory.js';
import { audienceOf, type CardChat } from './audience.js';
import { conversationOf, hasAuthorChanges, type CardConversation } from './conversation.js';
import { repeatCandidates, repeatSettings, similarText, type RepeatCandidate } from './repeats.js';
import { initialSelection, type Selection } from './selection.js';
import { loadCard } from './store.js';
import { suggestRouting } from './suggest.js';

export type CardIncidentRow = typeof incidents.$inferSelect;
/** The latest publication of the incident's reply, as far as the card tells it. */
export type CardPublication = { status: string; permalink: string | null; reasonKey: string | null };

export type CardView = {
  incident: CardIncidentRow;
  events: IncidentEvent[];
  state: IncidentState;
  /** The organisation with its invited staff merged in: names and audiences as the bots see them. */
  staff: Org;
  /** Who this chat is to the incident; null for a chat that shows no card of it. */
  chat: CardChat | null;
  /** The curator's choices (curators' chat only). */
  selection: Selection | null;
  publication: CardPublication | null;
  /** An earlier incident of the same author on a similar subject, suggested while the curator decides. */
  repeat: { incidentId: number; detectedAt: Date } | null;
  /** The list behind "🔁 Это повтор", when the curator opened it. */
  repeatCandidates: RepeatCandidate[] | null;
  conversation: CardConversation | undefined;
  channelPostLink: string | null;
  /** Why the draft awaiting approval will go without its photo on this network (a locale key), or null. */
  photoLeftOut: string | null;
  /** Deep links into the bot's private chat (staffLinks); null without a chat or a known username. */
  deepLink: ((payload: string) => string) | null;
};

/** The curators' chat while the message is to be sorted: moderation and a repeat are suggested only then. */
export function curatorDeciding(chat: CardChat | null, state: IncidentState): boolean {
  return chat?.audience === 'curators' && state.status === 'detected';
}

/** The curator's choices: a tap's, else as last saved, else the suggestion for a card not touched yet. */
async function selectionOf(ctx: AppContext, text: string, stored: unknown, chosen?: Selection): Promise<Selection> {
  return chosen ?? (stored as Selection | null | undefined) ?? initialSelection(await suggestRouting(ctx.database.db, text, ctx.org));
}

/** The curator's choices on this card: as last saved, or the suggestion for a card not touched yet. */
export async function storedSelection(ctx: AppContext, incidentId: number, chatId: number): Promise<Selection | null> {
  const { db } = ctx.database;
  const card = await loadCard(db, incidentId, chatId);
  if (card?.selection) return card.selection as Selection;
  const [incident] = await db.select({ network: incidents.network, kind: incidents.kind, text: incidents.text }).from(incidents).where(eq(incidents.id, incidentId));
  return incident ? selectionOf(ctx, textForProcessing(incident), null) : null;
}

export async function loadCardView(
  ctx: AppContext,
  incidentId: number,
  chatId: number,
  opts: { selection?: Selection } = {},
): Promise<CardView | null> {
  const { db } = ctx.database;
  const [row] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!row) return null;
  // Moderation, the suggestion and the card work on the text up to the network's limit; the row keeps it whole.
  const incident = { ...row, text: textForProcessing(row) };
  const events = await loadEvents(db, incidentId);
  if (!events.length) return null;
  const state = replay(events);
  // Staff who joined by invite get cards and names like those in the organisation file.
  const staff = await orgWithInvited(db, ctx.org);
  const chat = audienceOf(chatId, state, staff, ctx.rules);
  const card = await loadCard(db, incidentId, chatId);
  const selection = chat?.audience === 'curators' ? await selectionOf(ctx, incident.text, card?.selection, opts.selection) : null;
  const [publication] = await db
    .select({ status: publications.status, permalink: publications.permalink, reasonKey: publications.reasonKey })
    .from(publications)
    .where(eq(publications.incidentId, incidentId))
    .orderBy(desc(publications.draftNumber))
    .limit(1);
  // Only a suggestion, while the curator decides and nothing is linked yet; the staff UI links it.
  const [similar] =
    curatorDeciding(chat, state) && state.repeatOf === null
      ? await repeatCandidates(db, incidentId, repeatSettings(ctx.org), {
          limit: 1,
          sources: [similarText],
          onFallback: () => ctx.log.warn('pg_trgm is not installed: repeat suggestions use the slower fallback similarity'),
        })
      : [];
  const conversation = hasAuthorChanges(events)
    ? conversationOf(
        incident.sourceKey,
        events,
        (await burstMessages(ctx, incidentId)).map((m) => ({ ...m, text: textForProcessing({ network: row.network, kind: row.kind, text: m.text }) })),
      )
    : undefined;
  const postLink = await channelPostLink(db, incident);
  const candidates = chat?.audience === 'curators' && selection?.view === 'repeat' ? await repeatCandidates(db, incidentId, repeatSettings(ctx.org)) : null;
  return {
    incident,
    events,
    state,
    staff,
    chat,
    selection,
    publication: publication ?? null,
    repeat: similar ? { incidentId: similar.id, detectedAt: similar.detectedAt } : null,
    repeatCandidates: candidates,
    conversation,
    channelPostLink: postLink,
    photoLeftOut: awaitingApprovalPhoto(ctx, incident, state),
    deepLink: chat ? staffLinks(ctx.staffMessenger, await botUsername(ctx)).deepLink : null,
  };
}

/** The burst's later messages, oldest first. */
function burstMessages(ctx: AppContext, incidentId: number) {
  return ctx.database.db
    .select({ sourceKey: incidentMessages.sourceKey, text: incidentMessages.text, postedAt: incidentMessages.postedAt })
    .from(incidentMessages)
    .where(eq(incidentMessages.incidentId, incidentId))
    .orderBy(incidentMessages.postedAt, incidentMessages.id);
}

/** The approver is told before approving when the network will take the answer without its photo. */
function awaitingApprovalPhoto(ctx: AppContext, incident: { network: string; kind: string }, state: IncidentState): string | null {
  const draft = state.status === 'on_approval' ? currentDraft(state) : null;
  if (!draft) return null;
  const caps = connectNetwork(ctx, incident.network).capabilities(incident.kind as never);
  return photoLeftOut(caps, draft.attachments) ?? filesLeftOut(caps, draft.attachments);
}

const usernames = new WeakMap<object, Promise<string | null>>();
/** The bot's @username, for deep links; asked once per API client. */
function botUsername(ctx: AppContext): Promise<string | null> {
  if (!ctx.staffApi) return Promise.resolve(null);
  let name = usernames.get(ctx.staffApi);
  if (!name) {
    name = ctx.staffApi.getMe().then((me) => me.username ?? null, () => null);
    usernames.set(ctx.staffApi, name);
  }
  return name;
}

/**
 * One card as one chat sees it now: the text and the live buttons. Reads the
 * incident, its audit stream and the card's row; the only write is the
 * card's buttons (see buttons.ts).
 */
import { eq } from 'drizzle-orm';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { incidents } from '../../platform/db/schema.js';
import { currentDraft, replay } from '../../core/incident/index.js';
import { draftWarnings, warningLines } from './draft-checks.js';
import type { AppContext } from '../../networks/context.js';
import { loadEvents } from '../../flows/command/store.js';
import { repeatCandidates } from '../../flows/command/repeats.js';
import { orgWithInvited } from '../staff/directory.js';
import { latestPublication, type Publication } from '../../flows/publish/outbox.js';
import { connectNetwork } from '../../networks/connect.js';
import { photoLeftOut } from '../../networks/capabilities.js';
import { checkText } from '../../core/checks/moderation/index.js';
import { repeatCandidates as similarRepeats, repeatSettings } from '../../flows/intake/repeats.js';
import { loadConversation } from '../../flows/intake/conversation.js';
import { channelPostLink } from '../../networks/telegram/threads.js';
import { t } from '../../platform/i18n.js';
import { audienceOf } from './audience.js';
import { drawKeyboard } from './buttons.js';
import { deadlineLine, nextDeadline } from './deadline.js';
import { keyboard } from './keyboard.js';
import { renderCard } from './render.js';
import { initialSelection, type Selection } from './selection.js';
import { loadCard } from './store.js';
import { suggest } from './suggest.js';

/** A hand-registered incident's origin for the card: the known sources by their Russian names, a monitoring system by its own. */
function manualOrigin(thread: Record<string, string | number>, staffName: (id: number) => string): { source: string; by: string } {
  const source = String(thread.source ?? 'forward');
  const known = ['forward', 'link', 'screenshot'].includes(source);
  return { source: known ? t(`manual-source-${source}`) : source, by: staffName(Number(thread.registeredBy)) };
}

/** The approver is told before approving when the network will take the answer without its photo. */
function photoNote(ctx: AppContext, incident: { network: string; kind: string }, draft: ReturnType<typeof currentDraft>): string | null {
  if (!draft) return null;
  const key = photoLeftOut(connectNetwork(ctx, incident.network).capabilities(incident.kind as never), draft.attachments);
  return key ? t(key) : null;
}

export type ComposedCard = { text: string; replyMarkup: InlineKeyboardMarkup; version: number; selection: Selection | null };

const usernames = new WeakMap<object, Promise<string | null>>();
/** The bot's @username, for deep links; asked once per API client. */
function botUsername(ctx: AppContext): Promise<string | null> {
  if (!ctx.telegram) return Promise.resolve(null);
  let name = usernames.get(ctx.telegram);
  if (!name) {
    name = ctx.telegram.getMe().then((me) => me.username ?? null, () => null);
    usernames.set(ctx.telegram, name);
  }
  return name;
}

/** The curator's choices on this card: as last saved, or the suggestion for a card not touched yet. */
export async function storedSelection(ctx: AppContext, incidentId: number, chatId: number): Promise<Selection | null> {
  const { db } = ctx.database;
  const card = await loadCard(db, incidentId, chatId);
  if (card?.selection) return card.selection as Selection;
  const [incident] = await db.select({ text: incidents.text }).from(incidents).where(eq(incidents.id, incidentId));
  return incident ? initialSelection(suggest(incident.text, ctx.org)) : null;
}

export async function composeCard(
  ctx: AppContext,
  incidentId: number,
  chatId: number,
  opts: { selection?: Selection } = {},
): Promise<ComposedCard | null> {
  const { db } = ctx.database;
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) return null;
  const events = await loadEvents(db, incidentId);
  if (!events.length) return null;
  const state = replay(events);
  // Staff who joined by invite get cards and names like those in the organisation file.
  const org = await orgWithInvited(db, ctx.org);
  const chat = audienceOf(chatId, state, org, ctx.rules);
  const card = await loadCard(db, incidentId, chatId);

  let selection: Selection | null = null;
  if (chat?.audience === 'curators') {
    selection = opts.selection ?? (card?.selection as Selection | null | undefined) ?? initialSelection(suggest(incident.text, ctx.org));
  }
  const next = nextDeadline(events, ctx.profile, ctx.workTime);
  const draftForApproval = state.status === 'on_approval' ? currentDraft(state) : null;
  const publication = await latestPublication(db, incidentId);
  const deciding = chat?.audience === 'curators' && state.status === 'detected';
  // Only a suggestion, while the curator decides and nothing is linked yet; the staff UI links it.
  const [repeat] =
    deciding && state.repeatOf === null
      ? await similarRepeats(db, incidentId, 1, repeatSettings(ctx.org), {
          onFallback: () => ctx.log.warn('pg_trgm is not installed: repeat suggestions use the slower fallback similarity'),
        })
      : [];
  const text = renderCard(incident, {
    timezone: ctx.org.timezone,
    state,
    rules: ctx.rules,
    departmentName: (id) => ctx.org.departments.find((d) => d.id === id)?.name ?? id,
    staffName: (id) => org.staff.find((s) => s.telegramId === id)?.name ?? `id${id}`,
    selection,
    deadline: next ? deadlineLine(next, ctx.clock.now(), ctx.org.timezone) : null,
    publication,
    // The approver sees what the executor was warned about; computed only while a draft awaits approval.
    draftWarnings: draftForApproval ? warningLines(draftWarnings(draftForApproval, state, incident.authorName)) : null,
    photoLeftOut: photoNote(ctx, incident, draftForApproval),
    // Only a suggestion, and only while the curator decides whether the message is to be processed.
    moderation: deciding ? checkText(incident.text) : null,
    repeat: repeat ?? null,
    conversation: await loadConversation(db, incident, events),
    channelPostLink: await channelPostLink(db, incident),
    manual: incident.network === 'manual' ? manualOrigin(incident.thread, (id) => ctx.org.staff.find((s) => s.telegramId === id)?.name ?? `id${id}`) : null,
  });
  const candidates = chat?.audience === 'curators' && selection?.view === 'repeat' ? await repeatCandidates(db, incidentId) : undefined;
  const rows = chat
    ? keyboard({
        ...(candidates ? { repeatCandidates: candidates } : {}),
        timezone: ctx.org.timezone,
        state,
        audience: chat.audience,
        ...(chat.department ? { department: chat.department } : {}),
        selection: selection ?? initialSelection({ topics: [], location: null, departments: [] }),
        org: ctx.org,
        rules: ctx.rules,
        botUsername: await botUsername(ctx),
        notPublished: notPublished(publication),
      })
    : [];
  const replyMarkup = await drawKeyboard(db, { incidentId, version: state.version, chatId }, rows);
  return { text, replyMarkup, version: state.version, selection };
}

function notPublished(publication: Publication | null): 'manual' | 'failed' | 'unconfirmed' | null {
  const status = publication?.status;
  return status === 'manual' || status === 'failed' || status === 'unconfirmed' ? status : null;
}

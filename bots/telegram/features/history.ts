/**
 * "История версий" on the approver's card: the draft's versions with their
 * authors, times and rework comments, sent as one message under the card and
 * paged in place when it would not fit one Telegram message. "Ход работы":
 * the incident's story, who did what and when, the same way. "Показать
 * полностью": a draft folded on the card, whole, in as many messages as
 * Telegram's 4096 characters need. Read-only: anyone on staff who sees the
 * card may open them.
 */
import { Composer } from 'grammy';
import type { IncidentState } from '../../../shared/core/incident/index.js';
import type { ActionButton } from '../../../shared/staffchat/cards/button-actions.js';
import { drawKeyboard } from '../../../shared/staffchat/cards/buttons.js';
import { chunkText, renderHistory, type HistoryNames } from '../../../shared/staffchat/cards/history.js';
import { renderStory } from '../../../shared/staffchat/cards/story.js';
import { loadEvents } from '../../../shared/platform/db/events.js';
import { t } from '../../../shared/platform/i18n.js';
import { chargeDirect } from '../../../shared/staffchat/lanes/index.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { orgWithInvited } from '../../../shared/staffchat/staff/directory.js';
import { onButton } from '../buttons.js';
import type { BotContext } from '../context.js';

async function names(app: AppContext): Promise<HistoryNames> {
  const org = await orgWithInvited(app.database.db, app.org);
  return {
    timezone: app.org.timezone,
    staffName: (id) => org.staff.find((s) => s.telegramId === id)?.name ?? `id${id}`,
    departmentName: (id) => app.org.departments.find((d) => d.id === id)?.name ?? id,
  };
}

/** A page of the history and its newer/older buttons, or null when there is nothing to show. */
async function pageOf(app: AppContext, state: IncidentState, chatId: number, page: number) {
  const shown = renderHistory(state, await names(app), page);
  if (!shown) return null;
  const nav: ActionButton[] = [];
  if (shown.page > 0) nav.push({ text: t('btn-history-newer'), action: 'history_page', args: { page: shown.page - 1 } });
  if (shown.page < shown.pages - 1) nav.push({ text: t('btn-history-older'), action: 'history_page', args: { page: shown.page + 1 } });
  const markup = await drawKeyboard(app.database.db, { incidentId: state.incidentId, version: state.version, chatId }, nav.length ? [nav] : [], 'history');
  return { text: shown.text, markup };
}

/** A page of the story and its earlier/later buttons (-1: the last page, where the newest steps are). */
async function storyOf(app: AppContext, state: IncidentState, chatId: number, page: number) {
  const events = await loadEvents(app.database.db, state.incidentId);
  const shown = renderStory(state.incidentId, events, await names(app), page);
  if (!shown) return null;
  const nav: ActionButton[] = [];
  if (shown.page > 0) nav.push({ text: t('btn-history-older'), action: 'story_page', args: { page: shown.page - 1 } });
  if (shown.page < shown.pages - 1) nav.push({ text: t('btn-history-newer'), action: 'story_page', args: { page: shown.page + 1 } });
  const markup = await drawKeyboard(app.database.db, { incidentId: state.incidentId, version: state.version, chatId }, nav.length ? [nav] : [], 'story');
  return { text: shown.text, markup };
}

type Shown = { text: string; markup: Awaited<ReturnType<typeof drawKeyboard>> };
type Tapped = Parameters<Parameters<typeof onButton>[1]>[0];

/** Sent as a reply to the card it was opened from, so it reads as the card's. */
const underCard = (ctx: Tapped) => {
  const card = ctx.callbackQuery.message;
  return card ? { reply_parameters: { message_id: card.message_id, allow_sending_without_reply: true } } : {};
};

/** A view's first page, sent under the card. */
async function sendView(app: AppContext, ctx: Tapped, shown: Shown | null): Promise<string> {
  if (!shown) return t('button-gone');
  await chargeDirect(app, ctx.button.chatId, 'send');
  await ctx.api.sendMessage(ctx.button.chatId, shown.text, { parse_mode: 'HTML', reply_markup: shown.markup, ...underCard(ctx) });
  return '';
}

/** Another page of a view, in place of the one shown. */
async function turnPage(app: AppContext, ctx: Tapped, shown: Shown | null): Promise<string> {
  if (!shown) return t('button-gone');
  await chargeDirect(app, ctx.button.chatId, 'edit');
  await ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.markup });
  return '';
}

export function historyFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(onButton('versions', async (ctx) => sendView(app, ctx, await pageOf(app, ctx.button.state, ctx.button.chatId, 0))));
  feature.use(onButton('open_story', async (ctx) => sendView(app, ctx, await storyOf(app, ctx.button.state, ctx.button.chatId, -1))));
  feature.use(
    onButton('story_page', async (ctx) => {
      const { state, chatId, args } = ctx.button;
      return turnPage(app, ctx, await storyOf(app, state, chatId, typeof args.page === 'number' ? args.page : -1));
    }),
  );

  feature.use(
    onButton('full_text', async (ctx) => {
      const { state, chatId, args } = ctx.button;
      const draft = state.drafts.find((d) => d.number === args.draft);
      if (!draft) return t('button-gone');
      // The text as written, sent as plain text: nothing in it is taken for markup.
      const parts = chunkText(draft.text);
      for (const [i, part] of parts.entries()) {
        const title = t('full-text-title', { id: state.incidentId, kind: t(`draft-kind-${draft.kind}`), number: draft.number, part: parts.length > 1 ? i + 1 : 0, parts: parts.length });
        await chargeDirect(app, chatId, 'send');
        await ctx.api.sendMessage(chatId, `${title}\n\n${part}`, {
          link_preview_options: { is_disabled: true },
          ...underCard(ctx),
        });
      }
      return '';
    }),
  );

  feature.use(
    onButton('history_page', async (ctx) => {
      const { state, chatId, args } = ctx.button;
      return turnPage(app, ctx, await pageOf(app, state, chatId, typeof args.page === 'number' ? args.page : 0));
    }),
  );
  return feature;
}

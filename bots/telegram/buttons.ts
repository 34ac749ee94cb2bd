/**
 * Taps on stored buttons (cards, draft previews, version history, escalation
 * pings). callback_data is an opaque id resolved on the server; `buttonGate`
 * resolves it once per tap and answers a button that no longer exists, was
 * drawn for an older version of the incident, or is pressed by someone not
 * on staff, politely, changing nothing. What each action does lives in the
 * feature named for it, registered there with `onButton`.
 */
import { Composer, GrammyError, type Filter } from 'grammy';
import type { ButtonAction, ButtonArgs } from '../../shared/staffchat/cards/button-actions.js';
import { findButton } from '../../shared/staffchat/cards/buttons.js';
import { composeCard } from '../../shared/staffchat/cards/compose.js';
import type { Selection } from '../../shared/staffchat/cards/selection.js';
import { refreshCards } from '../../shared/staffchat/cards/refresh.js';
import { parseDigestPageData, showDigestPage } from '../../shared/staffchat/lanes/index.js';
import { loadState } from '../../shared/platform/db/events.js';
import { t } from '../../shared/platform/i18n.js';
import type { AppContext } from '../../shared/networks/context.js';
import type { BotContext, PressedButton, StaffContext } from './context.js';

/** A tap on a resolved button of action `A`, by someone on staff. */
export type ButtonContext<A extends ButtonAction> = Filter<StaffContext, 'callback_query:data'> & { button: PressedButton<A> };

/**
 * What a tap is answered with: the popup's text (empty: none), and optionally what to do once the
 * presser has it (redrawing the tapped card), so a slow edit never delays the answer.
 */
export type TapAnswer = string | { text: string; after: () => Promise<void> };

/** What a button does. Returns the answer to the tap. */
export type ButtonHandler<A extends ButtonAction> = (ctx: ButtonContext<A>) => Promise<TapAnswer>;

async function answer(ctx: BotContext, text: string): Promise<void> {
  await ctx.answerCallbackQuery(text ? { text, show_alert: text.length > 60 } : {});
}

/** Resolves a tapped button into `ctx.button` for the features after it; answers itself when there is nothing to do. */
export function buttonGate(app: AppContext) {
  const gate = new Composer<BotContext>();
  gate.on('callback_query:data', async (ctx, next) => {
    const member = ctx.staff;
    if (!member) return void (await ctx.answerCallbackQuery({ text: t('button-not-staff'), show_alert: true }));

    // A flooded chat's digest pages are turned by their own short data, not a stored button.
    const page = parseDigestPageData(ctx.callbackQuery.data);
    if (page) {
      const shown = await showDigestPage(app, page.digestId, page.page);
      return void (await ctx.answerCallbackQuery(shown ? {} : { text: t('button-gone') }));
    }
    // Lists' page turns, a digest's «Открыть №N», /cancel's choices and a dismissal's hand-over carry their own short data,
    // handled by their features.
    if (/^(ls|do|cx|dm):/.test(ctx.callbackQuery.data)) return next();
    const stored = await findButton(app.database.db, ctx.callbackQuery.data);
    const state = stored ? await loadState(app.database.db, stored.incidentId) : null;
    if (!stored || !state) return void (await ctx.answerCallbackQuery({ text: t('button-gone') }));
    // A draft's or part's own buttons act on the writer's pending text and are re-checked by the
    // workflow core at the current version: a colleague's part arriving meanwhile must not void them.
    // History and story pages only read the audit; turning them is fine at any version.
    if (stored.version !== state.version && !stored.action.startsWith('draft') && !stored.action.startsWith('history') && !stored.action.startsWith('story')) {
      // Someone acted first: say so, and bring this card up to date.
      await ctx.answerCallbackQuery({ text: t('refusal-stale_version') });
      await refreshCards(app, state);
      return;
    }
    app.log.info({ incidentId: state.incidentId, action: stored.action, userId: member.telegramId }, 'button');
    // Stored by drawKeyboard from a typed ButtonSpec; an action no feature knows falls to `buttonGone`.
    ctx.button = { action: stored.action as ButtonAction, args: stored.args as ButtonArgs[ButtonAction], state, chatId: stored.chatId };
    await next();
  });
  return gate;
}

/**
 * Redraws the tapped card right where it was pressed, for a quick answer to the tap; the chat's lane
 * refreshes the other cards. Edited outside the lane and not charged to its budget: a curator's burst of
 * taps would starve the chat's card refreshes for a minute; the lane obeys the occasional 429 this costs
 * instead. A failed edit changes nothing the lane will not redraw anyway.
 */
export async function redrawHere(app: AppContext, ctx: ButtonContext<ButtonAction>, opts: { selection?: Selection; keepButtons?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  const { state, chatId } = ctx.button;
  const composed = await composeCard(app, state.incidentId, chatId, { ...(opts.selection ? { selection: opts.selection } : {}), keepButtons: opts.keepButtons ?? false });
  if (!composed) return;
  try {
    await ctx.editMessageText(composed.text, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: composed.replyMarkup,
    }, opts.signal as Parameters<typeof ctx.editMessageText>[2]); // grammY types the shim polyfill's AbortSignal; Node's is the same at run time
  } catch (err) {
    if (!(err instanceof GrammyError)) throw err;
    app.log.info({ incidentId: state.incidentId, err: err.description }, 'tapped card not edited in place; the lane redraws it');
  }
}

/** Handles the buttons of the given actions, answering the tap with the handler's popup. */
export function onButton<A extends ButtonAction>(actions: A | readonly A[], handle: ButtonHandler<A>) {
  const names: readonly ButtonAction[] = typeof actions === 'string' ? [actions] : actions;
  const feature = new Composer<BotContext>();
  feature
    .on('callback_query:data')
    .filter(
      (ctx): ctx is ButtonContext<A> => ctx.staff !== null && ctx.button !== undefined && names.includes(ctx.button.action),
      async (ctx) => {
        const reply = await handle(ctx);
        if (typeof reply === 'string') return answer(ctx, reply);
        // A confirmation is a toast however long (a route to several departments), never a dialog to dismiss.
        await ctx.answerCallbackQuery({ text: reply.text.slice(0, 200) });
        // Not awaited: a 429 on the edit may wait tens of seconds, and a long-polling bot takes its updates one by one.
        // `after` reports its own failures (see `tapped`).
        void reply.after();
      },
    );
  return feature;
}

/** Last: a resolved button whose action nothing handles (a button from an older release). */
export function buttonGone() {
  const feature = new Composer<BotContext>();
  feature.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: t('button-gone') }));
  return feature;
}

/**
 * Every inline button on an incident card. callback_data is an opaque id
 * resolved on the server; a button that no longer exists, was drawn for an
 * older version of the incident, or is pressed by someone not on staff is
 * answered politely and changes nothing.
 */
import { Composer } from 'grammy';
import { findButton } from '../../../shared/staffchat/cards/buttons.js';
import { parseDigestPageData, showDigestPage } from '../../../shared/staffchat/lanes/index.js';
import { refreshCards } from '../../../shared/staffchat/cards/refresh.js';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { loadState } from '../../../shared/platform/db/events.js';
import { approverActions } from '../actions/approver.js';
import { curatorActions } from '../actions/curator.js';
import { draftActions } from '../actions/draft.js';
import { publisherActions } from '../actions/publisher.js';
import { escalationActions } from '../actions/escalation.js';
import { executorActions } from '../actions/executor.js';
import { headActions } from '../actions/head.js';
import { historyActions } from '../actions/history.js';
import { repeatActions } from '../actions/repeats.js';
import type { Action } from '../actions/types.js';
import { staffMember } from '../staff.js';

const actions: Record<string, Action> = {
  ...curatorActions,
  ...executorActions,
  ...approverActions,
  ...draftActions,
  ...publisherActions,
  ...historyActions,
  ...headActions,
  ...repeatActions,
  ...escalationActions,
};

export function cardButtonsFeature(app: AppContext) {
  const feature = new Composer();
  feature.on('callback_query:data', async (tg) => {
    const member = await staffMember(app, tg.from.id);
    if (!member) return void (await tg.answerCallbackQuery({ text: t('button-not-staff'), show_alert: true }));

    // A flooded chat's digest pages are turned by their own short data, not a stored button.
    const page = parseDigestPageData(tg.callbackQuery.data);
    if (page) {
      const shown = await showDigestPage(app, page.digestId, page.page);
      return void (await tg.answerCallbackQuery(shown ? {} : { text: t('button-gone') }));
    }
    const button = await findButton(app.database.db, tg.callbackQuery.data);
    const state = button ? await loadState(app.database.db, button.incidentId) : null;
    const action = button ? actions[button.action] : undefined;
    if (!button || !state || !action) return void (await tg.answerCallbackQuery({ text: t('button-gone') }));
    // A draft's or part's own buttons act on the writer's pending text and are re-checked by the
    // workflow core at the current version: a colleague's part arriving meanwhile must not void them.
    // History pages only read the audit; turning them is fine at any version.
    if (button.version !== state.version && !button.action.startsWith('draft') && !button.action.startsWith('history')) {
      // Someone acted first: say so, and bring this card up to date.
      await tg.answerCallbackQuery({ text: t('refusal-stale_version') });
      await refreshCards(app, state);
      return;
    }
    app.log.info({ incidentId: state.incidentId, action: button.action, userId: member.telegramId }, 'button');
    const text = await action({ tg, app, member, state, chatId: button.chatId, args: button.args });
    await tg.answerCallbackQuery(text ? { text, show_alert: text.length > 60 } : {});
  });
  return feature;
}

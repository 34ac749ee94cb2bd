/**
 * "История версий" on the approver's card: the draft's versions with their
 * authors, times and rework comments, sent as one message under the card and
 * paged in place when it would not fit one Telegram message. Read-only:
 * anyone on staff who sees the card may open it.
 */
import { drawKeyboard } from '../../../shared/staffchat/cards/buttons.js';
import type { ActionButton } from '../../../shared/staffchat/cards/button-actions.js';
import { renderHistory, type HistoryNames } from '../../../shared/staffchat/cards/history.js';
import { t } from '../../../shared/platform/i18n.js';
import { chargeDirect } from '../../../shared/staffchat/lanes/index.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { orgWithInvited } from '../../../shared/staffchat/staff/directory.js';
import type { Action, Pressed } from './types.js';

async function names(app: AppContext): Promise<HistoryNames> {
  const org = await orgWithInvited(app.database.db, app.org);
  return {
    timezone: app.org.timezone,
    staffName: (id) => org.staff.find((s) => s.telegramId === id)?.name ?? `id${id}`,
    departmentName: (id) => app.org.departments.find((d) => d.id === id)?.name ?? id,
  };
}

async function pageOf(p: Pressed, page: number) {
  const shown = renderHistory(p.state, await names(p.app), page);
  if (!shown) return null;
  const nav = [
    ...(shown.page > 0 ? [{ text: t('btn-history-newer'), action: 'history_page', args: { page: shown.page - 1 } } satisfies ActionButton] : []),
    ...(shown.page < shown.pages - 1 ? [{ text: t('btn-history-older'), action: 'history_page', args: { page: shown.page + 1 } } satisfies ActionButton] : []),
  ];
  const markup = await drawKeyboard(
    p.app.database.db,
    { incidentId: p.state.incidentId, version: p.state.version, chatId: p.chatId },
    nav.length ? [nav] : [],
    'history',
  );
  return { text: shown.text, markup };
}

export const historyActions: Record<string, Action> = {
  async versions(p) {
    const shown = await pageOf(p, 0);
    if (!shown) return t('button-gone');
    await chargeDirect(p.app, p.chatId, 'send');
    await p.tg.api.sendMessage(p.chatId, shown.text, {
      parse_mode: 'HTML',
      reply_markup: shown.markup,
      ...(p.tg.callbackQuery?.message ? { reply_parameters: { message_id: p.tg.callbackQuery.message.message_id, allow_sending_without_reply: true } } : {}),
    });
    return '';
  },

  async history_page(p) {
    const page = typeof p.args.page === 'number' ? p.args.page : 0;
    const shown = await pageOf(p, page);
    if (!shown) return t('button-gone');
    await chargeDirect(p.app, p.chatId, 'edit');
    await p.tg.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.markup });
    return '';
  },
};

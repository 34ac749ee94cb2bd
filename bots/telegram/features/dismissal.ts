/**
 * Sobolevo п.9 in the staff bot: `/dismiss WHO ORDER_DATE [DISMISSAL_DATE]`
 * in a private chat records an executor's dismissal (the department head, a
 * curator or a head may), tells the curators' chat with the executor's open
 * messages, and the curators hand them over with one tap: back to routing or
 * to a colleague of the same department (shared/flows/staff/dismissal.ts).
 */
import { Composer } from 'grammy';
import { DateTime } from 'luxon';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { orgWithInvited } from '../../../shared/staffchat/staff/directory.js';
import { mayRecordDismissal, parseDismiss } from '../../../shared/flows/staff/dismiss-command.js';
import { HAND_OVER, handOver, handedOverText, noticeAfterHandOver, recordDismissal } from '../../../shared/flows/staff/dismissal.js';
import type { BotContext } from '../context.js';

export function dismissalFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  const day = (d: Date | string) =>
    (typeof d === 'string' ? DateTime.fromISO(d, { zone: app.org.timezone }) : DateTime.fromJSDate(d, { zone: app.org.timezone })).toFormat('dd.MM.yyyy');

  feature.command('dismiss', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    // A person's dismissal is not said in a work chat.
    if (tg.chat.type !== 'private') return void (await tg.reply(t('dismiss-private')));
    const org = await orgWithInvited(app.database.db, app.org);
    const mention = tg.message?.entities?.find((e) => e.type === 'text_mention');
    const mentioned = mention?.type === 'text_mention' ? mention.user.id : undefined;
    const now = app.clock.now();
    const cmd = parseDismiss(typeof tg.match === 'string' ? tg.match : '', { org, now, userId: member.telegramId, ...(mentioned !== undefined ? { mentioned } : {}) });
    if (cmd.kind === 'usage') return void (await tg.reply(t('dismiss-usage')));
    if (cmd.kind === 'error') return void (await tg.reply(t(cmd.key, cmd.vars)));
    if (!mayRecordDismissal(org, member, cmd.person)) return void (await tg.reply(t('dismiss-not-allowed')));
    const { open } = await recordDismissal(app, { person: cmd.person, orderDate: cmd.orderDate, effectiveAt: cmd.effectiveAt, by: member, now });
    await tg.reply(t('dismiss-recorded', { name: cmd.person.name, order: day(cmd.orderDate), effective: day(cmd.effectiveDate), open: open.length }));
  });

  feature.callbackQuery(HAND_OVER, async (tg) => {
    const member = tg.staff;
    if (!member?.roles.includes('curator')) return void (await tg.answerCallbackQuery({ text: t('dismiss-curators-only'), show_alert: true }));
    const [, id, to] = tg.match as RegExpMatchArray;
    const result = await handOver(app, Number(id), to === 'c' ? 'curator' : Number(to), member, app.clock.now());
    if (!result.ok) {
      const key = result.reason === 'already' ? 'dismiss-handed-already' : result.reason === 'gone' ? 'dismiss-handed-gone' : 'dismiss-not-colleague';
      return void (await tg.answerCallbackQuery({ text: t(key), show_alert: result.reason !== 'already' }));
    }
    await tg.answerCallbackQuery({ text: t('dismiss-handed-toast', { count: result.count }) });
    // The buttons go; the message says who handed the work to whom.
    const text = await noticeAfterHandOver(app, Number(id), handedOverText(result, member.name));
    if (text) {
      await tg.editMessageText(text, { reply_markup: { inline_keyboard: [] } }).catch((err: unknown) => app.log.warn({ err }, 'dismissal notice not updated'));
    }
  });
  return feature;
}

/**
 * /away FROM TO SUBSTITUTE, /away off, /away: a staff member's absence.
 * While it lasts, the reminders and misses that would reach them in private
 * go to the substitute (shared/flows/deadlines/recipients.ts); kept in PostgreSQL.
 * It takes effect when the substitute answers `/away принять` (they are asked
 * in private), or at once when a curator sets it: nobody's work goes to a
 * colleague who did not agree.
 */
import { Composer } from 'grammy';
import { DateTime } from 'luxon';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { orgWithInvited } from '../../../shared/staffchat/staff/directory.js';
import { acceptAway, awayOf, clearAway, setAway } from '../../../shared/flows/deadlines/away.js';
import { parseAway } from '../../../shared/flows/staff/away-command.js';
import type { BotContext } from '../context.js';

export function awayFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: app.org.timezone }).toFormat('dd.MM.yyyy');
  // The last day shown is the one before `until` (both ends inclusive for people).
  const lastDay = (until: Date) => day(new Date(until.getTime() - 1));

  feature.command('away', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    const { db } = app.database;
    // A substitute may be someone who joined by invitation.
    const org = await orgWithInvited(db, app.org);
    const mention = tg.message?.entities?.find((e) => e.type === 'text_mention');
    const mentioned = mention?.type === 'text_mention' ? mention.user.id : undefined;
    const nameOf = (id: number) => org.staff.find((s) => s.telegramId === id)?.name ?? String(id);
    const cmd = parseAway(typeof tg.match === 'string' ? tg.match : '', {
      org,
      now: app.clock.now(),
      userId: member.telegramId,
      ...(mentioned !== undefined ? { mentioned } : {}),
    });
    switch (cmd.kind) {
      case 'show': {
        const row = await awayOf(db, member.telegramId);
        if (!row || row.until <= app.clock.now()) return void (await tg.reply(t('away-none')));
        const key = row.acceptedAt ? 'away-current' : 'away-current-pending';
        return void (await tg.reply(t(key, { from: day(row.from), to: lastDay(row.until), name: nameOf(row.substituteId) })));
      }
      case 'off':
        return void (await tg.reply(t((await clearAway(db, member.telegramId)) ? 'away-cleared' : 'away-not-set')));
      case 'error':
        return void (await tg.reply(t(cmd.key, cmd.vars)));
      case 'accept': {
        const now = app.clock.now();
        const accepted = await acceptAway(db, member.telegramId, now, cmd.userId);
        if (!accepted.length) return void (await tg.reply(t('away-nothing-to-accept')));
        for (const userId of accepted) {
          const row = await awayOf(db, userId);
          if (!row) continue;
          const dates = { from: day(row.from), to: lastDay(row.until) };
          app.log.info({ userId, substituteId: member.telegramId }, 'away accepted');
          await tg.reply(t('away-accepted', { ...dates, name: nameOf(userId) }));
          await tg.api.sendMessage(userId, t('away-accepted-notice', { ...dates, name: member.name })).catch((err: unknown) => {
            app.log.warn({ err, userId }, 'away acceptance notice not delivered');
          });
        }
        return;
      }
      case 'set': {
        // A curator's word is enough; anyone else's substitute must agree first.
        const byCurator = member.roles.includes('curator');
        const now = app.clock.now();
        await setAway(db, { userId: member.telegramId, from: cmd.from, until: cmd.until, substituteId: cmd.substitute.telegramId, acceptedAt: byCurator ? now : null });
        app.log.info({ userId: member.telegramId, substituteId: cmd.substitute.telegramId, pending: !byCurator }, 'away set');
        const dates = { from: day(cmd.from), to: lastDay(cmd.until) };
        if (byCurator) return void (await tg.reply(t('away-set', { ...dates, name: cmd.substitute.name })));
        const asked = await tg.api
          .sendMessage(cmd.substitute.telegramId, t('away-request', { ...dates, name: member.name, id: member.telegramId }))
          .then(() => true)
          .catch((err: unknown) => {
            app.log.warn({ err, substituteId: cmd.substitute.telegramId }, 'away request not delivered');
            return false;
          });
        return void (await tg.reply(t(asked ? 'away-pending' : 'away-pending-unsent', { ...dates, name: cmd.substitute.name })));
      }
    }
  });
  return feature;
}

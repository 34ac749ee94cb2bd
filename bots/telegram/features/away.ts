/**
 * /away FROM TO SUBSTITUTE, /away off, /away: a staff member's absence.
 * While it lasts, the reminders and misses that would reach them in private
 * go to the substitute (shared/flows/deadlines/recipients.ts); kept in PostgreSQL.
 */
import { Composer } from 'grammy';
import { DateTime } from 'luxon';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { orgWithInvited } from '../../../shared/staffchat/staff/directory.js';
import { awayOf, clearAway, setAway } from '../../../shared/flows/deadlines/away.js';
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
        return void (await tg.reply(t('away-current', { from: day(row.from), to: lastDay(row.until), name: org.staff.find((s) => s.telegramId === row.substituteId)?.name ?? String(row.substituteId) })));
      }
      case 'off':
        return void (await tg.reply(t((await clearAway(db, member.telegramId)) ? 'away-cleared' : 'away-not-set')));
      case 'error':
        return void (await tg.reply(t(cmd.key, cmd.vars)));
      case 'set':
        await setAway(db, { userId: member.telegramId, from: cmd.from, until: cmd.until, substituteId: cmd.substitute.telegramId });
        app.log.info({ userId: member.telegramId, substituteId: cmd.substitute.telegramId }, 'away set');
        return void (await tg.reply(t('away-set', { from: day(cmd.from), to: lastDay(cmd.until), name: cmd.substitute.name })));
    }
  });
  return feature;
}

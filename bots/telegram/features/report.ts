/**
 * /report week|month|quarter [date] — the report of the last whole period, or
 * of the one containing the date; /report DATE DATE — those days. For heads
 * and curators, asked in a private chat or in the heads' chat (never another
 * group); the report comes to the chat where it was asked for, through
 * the same `report` job as the periodic one (shared/flows/reports/deliver.ts).
 */
import { Composer } from 'grammy';
import { DateTime } from 'luxon';
import { t } from '../../../shared/platform/i18n.js';
import { parseLocalDate, periodBetween, periodContaining, previousPeriod } from '../../../shared/core/analytics/periods.js';
import type { Period } from '../../../shared/core/analytics/measures.js';
import type { AppContext } from '../../../shared/networks/context.js';
import type { BotContext } from '../context.js';

const KINDS = { week: 'week', month: 'month', quarter: 'quarter', неделя: 'week', месяц: 'month', квартал: 'quarter' } as const;

/** The period a /report argument string asks for, or a reason it cannot be read. */
export function parseReportArgs(text: string, now: Date, zone: string): Period | { error: 'usage' | 'date' | 'order' } {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const kind = KINDS[words[0] as keyof typeof KINDS];
  if (kind) {
    if (words.length === 1) return previousPeriod(kind, now, zone);
    if (words.length > 2) return { error: 'usage' };
    const day = parseLocalDate(words[1]!, zone);
    return day ? periodContaining(kind, day, zone) : { error: 'date' };
  }
  if (words.length !== 2) return { error: 'usage' };
  const [first, last] = words.map((w) => parseLocalDate(w, zone));
  if (!first || !last) return { error: 'date' };
  return periodBetween(first, last, zone) ?? { error: 'order' };
}

export function reportFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.command('report', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    if (!member.roles.includes('head') && !member.roles.includes('curator')) return void (await tg.reply(t('report-cmd-not-allowed')));
    // The workbook lists citizens' posts: only to the asker in private, or to the heads' chat.
    if (tg.chat?.type !== 'private' && tg.chat?.id !== app.org.chats.heads) return void (await tg.reply(t('report-cmd-wrong-chat')));
    const period = parseReportArgs(String(tg.match ?? ''), app.clock.now(), app.org.timezone);
    if ('error' in period) return void (await tg.reply(t(`report-cmd-${period.error}`)));
    if (period.from.getTime() > app.clock.now().getTime()) return void (await tg.reply(t('report-cmd-future')));
    const from = DateTime.fromJSDate(period.from, { zone: period.timezone }).toFormat('dd.MM.yyyy');
    const to = DateTime.fromJSDate(new Date(period.to.getTime() - 1), { zone: period.timezone }).toFormat('dd.MM.yyyy');
    await app.queues.enqueue('report', {
      key: `request-${tg.msg!.message_id}`,
      kind: period.kind,
      from: period.from.getTime(),
      to: period.to.getTime(),
      chatId: tg.chat!.id,
    });
    await tg.reply(t('report-cmd-accepted', { from, to }));
  });
  return feature;
}

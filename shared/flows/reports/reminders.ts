/**
 * Reminders of duties by a day of the month (shared/core/analytics/reminders.ts),
 * sent from the reports' tick: to every department (its chat, else its head in
 * private, else each of its executors), or to the curators' or the heads'
 * chat. Once per (reminder, due day, chat): a report_deliveries row records it,
 * and the lane message is keyed by the same, so a retry repeats nothing.
 */
import { DateTime } from 'luxon';
import { t } from '../../platform/i18n.js';
import { postMessage } from '../../staffchat/lanes/index.js';
import type { AppContext } from '../../networks/context.js';
import { dueReminders, type DueReminder } from '../../core/analytics/reminders.js';
import { claimDelivery, markDelivery, type Delivery } from './deliver.js';

function chatsOf(ctx: AppContext, r: DueReminder): number[] {
  if (r.audience === 'curators') return [ctx.org.chats.curators];
  if (r.audience === 'heads') return [ctx.org.chats.heads];
  const chats = ctx.org.departments.flatMap((d) => {
    if (d.chat !== undefined) return [d.chat];
    if (d.head !== undefined) return [d.head];
    return ctx.org.staff.filter((s) => s.department === d.id && s.roles.includes('executor')).map((s) => s.telegramId);
  });
  return [...new Set(chats)];
}

/** Sends what is due at `now` and not yet sent; returns a line for the tick's log. */
export async function deliverReminders(ctx: AppContext, now: Date = ctx.clock.now()): Promise<string[]> {
  const done: string[] = [];
  for (const r of dueReminders(ctx.profile, ctx.workTime, now)) {
    const date = DateTime.fromISO(r.dueDate, { zone: ctx.org.timezone }).toFormat('dd.MM.yyyy');
    let sent = 0;
    for (const chatId of chatsOf(ctx, r)) {
      const d: Delivery = { key: `reminder-${r.id}`, kind: 'custom', from: r.from, to: r.to, chatId };
      if ((await claimDelivery(ctx, d)) === 'delivered') continue;
      await postMessage(ctx, { chatId, key: `reminder-${r.id}-${r.dueDate}`, text: t(`reminder-${r.id}`, { date }) });
      await markDelivery(ctx, d, { deliveredAt: now });
      sent += 1;
    }
    if (sent) done.push(`${r.id} reminder to ${sent} chat(s)`);
  }
  return done;
}

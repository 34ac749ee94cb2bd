/**
 * The reports' clock: a BullMQ job scheduler in the organisation's zone fires
 * `reportTick` every 15 minutes; each tick sends what shared/core/analytics/schedule.ts
 * says is due now and not yet delivered. Ticks are cheap and idempotent, so
 * replicas, restarts and a lost Redis (the scheduler is upserted again at
 * start) change nothing.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { reportDeliveries } from '../../platform/db/schema.js';
import { catalog } from '../../platform/jobs/catalog.js';
import type { AppContext } from '../../networks/context.js';
import { deliverDeficiencies } from './deficiencies.js';
import { deficiencyRecipients, reportChats } from '../../platform/config/org.js';
import { deliverReminders } from './reminders.js';
import { dueDeficiencies, dueReports, TICK_PATTERN, TICK_SCHEDULER_ID } from '../../core/analytics/schedule.js';

export async function scheduleReports(ctx: AppContext): Promise<void> {
  await ctx.queues
    .queue('reportTick')
    .upsertJobScheduler(TICK_SCHEDULER_ID, { pattern: TICK_PATTERN, tz: ctx.org.timezone }, { name: 'reportTick', data: {} });
}

async function delivered(ctx: AppContext, key: string, from: number, to: number, chatId: number): Promise<boolean> {
  const [row] = await ctx.database.db
    .select({ id: reportDeliveries.id })
    .from(reportDeliveries)
    .where(
      and(
        eq(reportDeliveries.kind, key),
        eq(reportDeliveries.periodFrom, new Date(from)),
        eq(reportDeliveries.periodTo, new Date(to)),
        eq(reportDeliveries.chatId, chatId),
        isNotNull(reportDeliveries.deliveredAt),
      ),
    );
  return Boolean(row);
}

/** One tick at `now` (the clock's unless given: tests ask "what if it were Monday 09:05"). */
export async function reportTick(ctx: AppContext, now: Date = ctx.clock.now()): Promise<string> {
  const done: string[] = [];
  for (const r of dueReports(ctx.profile, ctx.workTime, now)) {
    // Each kind to its own recipients (the organisation file's `reports:`; the heads' chat by default).
    for (const chatId of reportChats(ctx.org, r.key)) {
      if (await delivered(ctx, r.key, r.from, r.to, chatId)) continue;
      const payload = { ...r, chatId };
      // A job that used up its attempts (Telegram down for minutes) keeps its id: try it again rather than never.
      const failed = await ctx.queues.queue('report').getJob(catalog.report.jobId(payload));
      if (failed && (await failed.isFailed())) await failed.retry();
      else await ctx.queues.enqueue('report', payload);
      done.push(`${r.key} report queued`);
    }
  }
  const deficiencies = dueDeficiencies(ctx.workTime, now);
  if (deficiencies) {
    for (const { chatId } of deficiencyRecipients(ctx.org)) {
      if (!(await delivered(ctx, 'deficiencies', deficiencies.from, deficiencies.to, chatId))) {
        done.push(await deliverDeficiencies(ctx, deficiencies, now, chatId));
      }
    }
  }
  // Duties by a day of the month (sobolevo order п.4.3: media-plan proposals by the 25th).
  done.push(...(await deliverReminders(ctx, now)));
  return done.join('; ') || 'nothing due';
}

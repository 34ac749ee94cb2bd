/**
 * Sending a report to a staff chat, once. The lanes carry text only, so the
 * photo and the workbook go through the bot's Api directly (its auto-retry
 * plugin waits out a 429's retry_after), charged to the chat's lane buckets
 * so the lane leaves room for them. A `report_deliveries` row per
 * (kind, period, chat) makes it idempotent: a worker takes a lease on it,
 * and each step's message id is recorded as soon as Telegram accepts it, so
 * a second worker waits and a retry after a crash sends only what is missing
 * (a crash between Telegram's answer and that write can repeat one message:
 * at least once, as everywhere Telegram gives no idempotency key).
 */
import { InputFile } from 'grammy';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { reportDeliveries } from '../../platform/db/schema.js';
import { chargeDirect } from '../../staffchat/lanes/index.js';
import type { AppContext } from '../../networks/context.js';
import { buildReportData } from './build.js';
import { renderReport } from './index.js';
import { staffLink, staffSeesAuthor } from '../../staffchat/cards/author.js';
import type { Period, PeriodKind } from '../../core/analytics/measures.js';

export type Delivery = {
  /** What is delivered: 'week' | 'month' | 'quarter' (periodic), 'request-<message id>' (on demand). */
  key: string;
  kind: PeriodKind;
  from: number;
  to: number;
  chatId: number;
};

export function periodOfDelivery(d: Delivery, timezone: string): Period {
  return { kind: d.kind, from: new Date(d.from), to: new Date(d.to), timezone };
}

/** How long a worker may hold a delivery before another one takes it over (a crashed worker's lease). */
export const LEASE_MS = 5 * 60_000;

export class DeliveryBusy extends Error {}

function whereOf(d: Delivery) {
  return and(
    eq(reportDeliveries.kind, d.key),
    eq(reportDeliveries.periodFrom, new Date(d.from)),
    eq(reportDeliveries.periodTo, new Date(d.to)),
    eq(reportDeliveries.chatId, d.chatId),
  );
}

/**
 * Takes the delivery's lease: the row, when it is not delivered and nobody
 * else holds it; 'delivered' when it is done; a DeliveryBusy error (retried
 * by BullMQ) while another worker sends it.
 */
export async function claimDelivery(ctx: AppContext, d: Delivery): Promise<typeof reportDeliveries.$inferSelect | 'delivered'> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  await db.insert(reportDeliveries).values({ kind: d.key, periodFrom: new Date(d.from), periodTo: new Date(d.to), chatId: d.chatId }).onConflictDoNothing();
  const [row] = await db
    .update(reportDeliveries)
    .set({ claimedAt: now })
    .where(
      and(
        whereOf(d),
        isNull(reportDeliveries.deliveredAt),
        or(isNull(reportDeliveries.claimedAt), lt(reportDeliveries.claimedAt, new Date(now.getTime() - LEASE_MS))),
      ),
    )
    .returning();
  if (row) return row;
  const [existing] = await db.select({ deliveredAt: reportDeliveries.deliveredAt }).from(reportDeliveries).where(whereOf(d));
  if (existing?.deliveredAt) return 'delivered';
  throw new DeliveryBusy(`report ${d.key} is being delivered by another worker`);
}

/** Records one step as soon as Telegram accepted it. */
export async function markDelivery(ctx: AppContext, d: Delivery, set: Partial<typeof reportDeliveries.$inferInsert>): Promise<void> {
  await ctx.database.db.update(reportDeliveries).set(set).where(whereOf(d));
}

/** Builds and sends the report: the PNG with the Russian summary as its caption, then the workbook. */
export async function deliverReport(ctx: AppContext, d: Delivery): Promise<string> {
  const api = ctx.staffApi;
  if (!api) return 'no telegram bot configured';
  const row = await claimDelivery(ctx, d);
  if (row === 'delivered') return `already delivered ${d.key}`;
  const data = await buildReportData(
    { db: ctx.database.db, org: ctx.org, profile: ctx.profile, workTime: ctx.workTime },
    periodOfDelivery(d, ctx.org.timezone),
    ctx.clock.now(),
  );
  // The workbook travels through the staff messenger: top messages' links follow the author rule of the cards.
  const seen = staffSeesAuthor(ctx.org);
  const report = await renderReport({ ...data, top: { ...data.top, items: data.top.items.map((m) => ({ ...m, link: staffLink(m.link, seen) })) } });
  if (row.photoMessageId === null) {
    await chargeDirect(ctx, d.chatId, 'send');
    const sent = await api.sendPhoto(d.chatId, new InputFile(report.png, 'report.png'), { caption: report.caption });
    await markDelivery(ctx, d, { photoMessageId: sent.message_id });
  }
  await chargeDirect(ctx, d.chatId, 'send');
  const doc = await api.sendDocument(d.chatId, new InputFile(report.xlsx, report.fileName));
  await markDelivery(ctx, d, { documentMessageId: doc.message_id, deliveredAt: ctx.clock.now() });
  ctx.log.info({ report: d.key, chatId: d.chatId, received: data.received.total }, 'report delivered');
  return `delivered ${d.key}`;
}

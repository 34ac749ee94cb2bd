/**
 * Sobolevo п.9: «В случае увольнения Исполнителя руководитель структурного
 * подразделения … обязан проинформировать об этом Куратора в течение 3
 * календарных дней со дня издания распоряжения об увольнении».
 *
 * `/dismiss` records it (staff_dismissals, one row per person) and tells the
 * curators' chat at once, listing the executor's open work with a one-tap
 * hand-over: back to the curators' routing (as `/revoke` gives work back), or
 * to a colleague of the same department (`reassign` per held department).
 * From the dismissal day the person is out of the staff lookups
 * (directory.ts), so no new card reaches them; the reports' tick applies a
 * day that was still ahead when recorded, and, where the profile has the
 * clause, reminds the curators once when the hand-over is late
 * (shared/core/analytics/reminders.ts computes the term).
 */
import { and, eq, isNull, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { staffDismissals } from '../../platform/db/schema.js';
import { t } from '../../platform/i18n.js';
import type { StaffMember } from '../../platform/config/org.js';
import type { AppContext } from '../../networks/context.js';
import { actingDepartments } from '../../core/incident/index.js';
import { lateDismissals } from '../../core/analytics/reminders.js';
import { postMessage } from '../../staffchat/lanes/index.js';
import { orgWithInvited } from '../../staffchat/staff/directory.js';
import { loadState } from '../../platform/db/events.js';
import { runCommand } from '../command/run.js';
import { releaseExecutor, workOf } from './removal.js';

export type Dismissal = typeof staffDismissals.$inferSelect;

/** `dm:<dismissal>:c` hands the work back to the curators' routing, `dm:<dismissal>:<telegramId>` to that colleague. */
export const HAND_OVER = /^dm:(\d{1,15}):(c|\d{1,15})$/;
const handOverData = (id: number, to: 'c' | number) => `dm:${id}:${to}`;

const noticeKey = (id: number) => `dismissal-${id}`;
const reminderKey = (id: number) => `dismissal-${id}-late`;

function day(ctx: AppContext, d: Date | string): string {
  const dt = typeof d === 'string' ? DateTime.fromISO(d, { zone: ctx.org.timezone }) : DateTime.fromJSDate(d, { zone: ctx.org.timezone });
  return dt.toFormat('dd.MM.yyyy');
}

const deptName = (ctx: AppContext, id: string | null) => (id ? (ctx.org.departments.find((d) => d.id === id)?.name ?? id) : '—');

/** Colleagues of the same department who may take the work over: its executors still on staff. */
async function colleaguesOf(ctx: AppContext, row: Dismissal): Promise<StaffMember[]> {
  if (!row.department) return [];
  const org = await orgWithInvited(ctx.database.db, ctx.org);
  return org.staff.filter((s) => s.department === row.department && s.roles.includes('executor') && s.telegramId !== row.telegramId);
}

async function handOverKeyboard(ctx: AppContext, row: Dismissal) {
  const rows = [[{ text: t('btn-dismiss-to-curator'), callback_data: handOverData(row.id, 'c') }]];
  for (const c of await colleaguesOf(ctx, row)) rows.push([{ text: t('btn-dismiss-to', { name: c.name }), callback_data: handOverData(row.id, c.telegramId) }]);
  return { inline_keyboard: rows };
}

/** The notice's text: who, the order, from when, and the work still open (or how it was handed over). */
function noticeText(ctx: AppContext, row: Dismissal, open: number[], by: string, done?: string): string {
  const head = t('dismiss-notice', { name: row.name, department: deptName(ctx, row.department), order: day(ctx, row.orderDate), effective: day(ctx, row.effectiveAt), by });
  const due = ctx.profile.dismissal ? `\n${t('dismiss-notice-due', { clause: ctx.profile.dismissal.clause, days: ctx.profile.dismissal.noticeDays })}` : '';
  if (done) return `${head}\n${done}`;
  if (!open.length) return `${head}\n${t('dismiss-notice-none')}`;
  return `${head}\n${t('dismiss-notice-open', { count: open.length, list: open.map((id) => `№${id}`).join(', ') })}${due}`;
}

const nameOf = async (ctx: AppContext, id: number) => (await orgWithInvited(ctx.database.db, ctx.org)).staff.find((s) => s.telegramId === id)?.name ?? String(id);

export type Recorded = { row: Dismissal; open: number[] };

/**
 * Records the dismissal (a second record of the same person replaces the first) and tells the curators. Takes effect at
 * once when the dismissal day has come; nothing open means nothing to hand over.
 */
export async function recordDismissal(
  ctx: AppContext,
  input: { person: StaffMember; orderDate: string; effectiveAt: Date; by: StaffMember; now: Date },
): Promise<Recorded> {
  const { person, by, now } = input;
  const open = await workOf(ctx, person.telegramId);
  const values = {
    telegramId: person.telegramId,
    name: person.name,
    department: person.department ?? null,
    orderDate: input.orderDate,
    effectiveAt: input.effectiveAt,
    appliedAt: input.effectiveAt <= now ? now : null,
    recordedBy: by.telegramId,
    recordedAt: now,
    handedOverAt: open.length ? null : now,
    handedOverBy: null,
    remindedAt: null,
  };
  const [row] = await ctx.database.db
    .insert(staffDismissals)
    .values(values)
    .onConflictDoUpdate({ target: staffDismissals.telegramId, set: values })
    .returning();
  ctx.log.info({ dismissal: row!.id, executorId: person.telegramId, open: open.length, applied: values.appliedAt !== null }, 'dismissal recorded');
  await postMessage(ctx, {
    chatId: ctx.org.chats.curators,
    // A new message per record (a corrected date is told again); the hand-over edits the one its button is on.
    key: `${noticeKey(row!.id)}-${now.getTime()}`,
    text: noticeText(ctx, row!, open, by.name),
    ...(open.length ? { options: { reply_markup: await handOverKeyboard(ctx, row!) } } : {}),
  });
  return { row: row!, open };
}

export type HandOver = { ok: true; count: number; to: string } | { ok: false; reason: 'gone' | 'already' | 'not_colleague' };

/** Hands the dismissed executor's open work over: back to the curators' routing, or to a colleague of the department. */
export async function handOver(ctx: AppContext, dismissalId: number, to: 'curator' | number, by: StaffMember, now: Date): Promise<HandOver> {
  const { db } = ctx.database;
  const [row] = await db.select().from(staffDismissals).where(eq(staffDismissals.id, dismissalId));
  if (!row) return { ok: false, reason: 'gone' };
  if (row.handedOverAt) return { ok: false, reason: 'already' };
  let count = 0;
  let toName = t('dismiss-to-curators');
  if (to === 'curator') {
    const summary = await releaseExecutor(ctx, row.telegramId, 'dismissed', row.name);
    count = summary.returned + summary.released;
  } else {
    const colleague = (await colleaguesOf(ctx, row)).find((c) => c.telegramId === to);
    if (!colleague) return { ok: false, reason: 'not_colleague' };
    toName = colleague.name;
    const actor = { role: 'curator' as const, userId: by.telegramId };
    for (const id of await workOf(ctx, row.telegramId)) {
      let moved = false;
      // One reassign per department the executor holds on it (rarely more than one).
      for (;;) {
        const state = await loadState(db, id);
        const department = state ? actingDepartments(state, row.telegramId)[0] : undefined;
        if (!state || !department) break;
        const outcome = await runCommand(ctx, id, actor, { type: 'reassign', expectedVersion: state.version, department, executorId: colleague.telegramId });
        if (!outcome.ok) {
          ctx.log.warn({ incidentId: id, dismissal: row.id, refusal: 'message' in outcome ? outcome.message : outcome.reason }, 'dismissed executor\'s work not reassigned');
          break;
        }
        moved = true;
      }
      if (moved) count += 1;
    }
  }
  await db.update(staffDismissals).set({ handedOverAt: now, handedOverBy: by.telegramId }).where(and(eq(staffDismissals.id, row.id), isNull(staffDismissals.handedOverAt)));
  ctx.log.info({ dismissal: row.id, count, to: to === 'curator' ? 'curator' : 'colleague' }, 'dismissed executor\'s work handed over');
  return { ok: true, count, to: toName };
}

/** The line the hand-over leaves under the notice (the buttons go). */
export function handedOverText(result: Extract<HandOver, { ok: true }>, by: string): string {
  return t('dismiss-handed', { who: by, count: result.count, to: result.to });
}

/** The notice's text after the hand-over, for the bot to put in place of the buttons. */
export async function noticeAfterHandOver(ctx: AppContext, dismissalId: number, done: string): Promise<string | null> {
  const [row] = await ctx.database.db.select().from(staffDismissals).where(eq(staffDismissals.id, dismissalId));
  return row ? noticeText(ctx, row, [], await nameOf(ctx, row.recordedBy), done) : null;
}

/**
 * From the reports' tick: a dismissal day that has come takes effect (the person leaves the staff lookups), and, where
 * the profile has the clause (sobolevo п.9), the curators are reminded once of work not handed over in its term.
 */
export async function dismissalTick(ctx: AppContext, now: Date): Promise<string[]> {
  const { db } = ctx.database;
  const done: string[] = [];
  const applied = await db
    .update(staffDismissals)
    .set({ appliedAt: now })
    .where(and(isNull(staffDismissals.appliedAt), lte(staffDismissals.effectiveAt, now)))
    .returning({ id: staffDismissals.id });
  if (applied.length) done.push(`${applied.length} dismissal(s) took effect`);
  if (!ctx.profile.dismissal) return done;
  const waiting = await db.select().from(staffDismissals).where(and(isNull(staffDismissals.handedOverAt), isNull(staffDismissals.remindedAt)));
  for (const row of lateDismissals(ctx.profile, ctx.workTime, waiting, now)) {
    const open = await workOf(ctx, row.telegramId);
    // Nothing left (given back another way): nothing to remind of.
    const claim = open.length ? { remindedAt: now } : { handedOverAt: now };
    const [claimed] = await db
      .update(staffDismissals)
      .set(claim)
      .where(and(eq(staffDismissals.id, row.id), isNull(staffDismissals.handedOverAt), isNull(staffDismissals.remindedAt)))
      .returning({ id: staffDismissals.id });
    if (!claimed || !open.length) continue;
    const last = DateTime.fromJSDate(row.due, { zone: ctx.org.timezone }).minus({ days: 1 }).toFormat('dd.MM.yyyy');
    await postMessage(ctx, {
      chatId: ctx.org.chats.curators,
      key: reminderKey(row.id),
      text: t('dismiss-reminder', {
        name: row.name,
        department: deptName(ctx, row.department),
        order: day(ctx, row.orderDate),
        due: last,
        count: open.length,
        list: open.map((id) => `№${id}`).join(', '),
        clause: ctx.profile.dismissal.clause,
      }),
      options: { reply_markup: await handOverKeyboard(ctx, row) },
    });
    done.push(`dismissal ${row.id}: hand-over reminder`);
  }
  return done;
}

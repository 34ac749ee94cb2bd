/**
 * A dismissed executor's work goes back: every open incident where their
 * action is awaited gets the workflow's `remove_executor` from the worker
 * (system actor). The responsible department's work returns to the curator
 * (card refreshed, routing timer restarted); a co-executor's owed part stays
 * with the department for a colleague. Runs on `/revoke` and, for people the
 * organisation file no longer lists, when a worker starts.
 *
 * Idempotent: an incident already given back is refused by the core
 * (`not_holding` or the status), and counted as nothing.
 */
import { eq, inArray } from 'drizzle-orm';
import { incidents, invitedStaff, staffDismissals } from '../../platform/db/schema.js';
import { actingDepartments, transitions, type RemovalCause } from '../../core/incident/index.js';
import type { AppContext } from '../../networks/context.js';
import { runCommand } from '../command/run.js';
import { loadState } from '../../platform/db/events.js';
import { orgWithInvited } from '../../staffchat/staff/directory.js';

export type RemovalSummary = {
  /** Incidents whose responsible work went back to the curator. */
  returned: number;
  /** Incidents where only a co-executor's owed part was released to the department. */
  released: number;
};

const SYSTEM = { role: 'system' } as const;

/** Open incidents in a status the removal applies to, with the people whose action they await. */
async function candidates(ctx: AppContext): Promise<Array<{ id: number; acting: Map<number, string[]> }>> {
  const { db } = ctx.database;
  const rows = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(inArray(incidents.status, [...transitions.remove_executor.from]))
    .orderBy(incidents.id);
  const out: Array<{ id: number; acting: Map<number, string[]> }> = [];
  for (const { id } of rows) {
    const state = await loadState(db, id);
    if (!state) continue;
    const acting = new Map<number, string[]>();
    for (const userId of new Set(Object.values(state.assignees))) {
      const deps = actingDepartments(state, userId);
      if (deps.length) acting.set(userId, deps);
    }
    if (acting.size) out.push({ id, acting });
  }
  return out;
}

/** Gives back one incident's work of one executor; a refusal (already done, state moved on) counts as nothing. */
async function removeFrom(ctx: AppContext, incidentId: number, executorId: number, name: string, cause: RemovalCause): Promise<keyof RemovalSummary | null> {
  const state = await loadState(ctx.database.db, incidentId);
  if (!state) return null;
  const outcome = await runCommand(ctx, incidentId, SYSTEM, { type: 'remove_executor', expectedVersion: state.version, executorId, name, cause });
  if (!outcome.ok) return null;
  const event = outcome.events[0];
  return event?.type === 'executor_removed' && event.data.returnedToCurator ? 'returned' : 'released';
}

/** The name a dismissed person had: the file's no longer has them, the invite's row keeps it. */
async function formerName(ctx: AppContext, executorId: number): Promise<string> {
  const [row] = await ctx.database.db.select({ name: invitedStaff.name }).from(invitedStaff).where(eq(invitedStaff.telegramId, executorId));
  return row?.name ?? `id${executorId}`;
}

/** The open incidents where this executor's action is awaited (what `/dismiss` hands over), by number. */
export async function workOf(ctx: AppContext, executorId: number): Promise<number[]> {
  return (await candidates(ctx)).filter((c) => c.acting.has(executorId)).map((c) => c.id);
}

/** Every open incident where this executor's action is awaited goes back; run after revoking them. */
export async function releaseExecutor(ctx: AppContext, executorId: number, cause: RemovalCause, knownName?: string): Promise<RemovalSummary> {
  const summary: RemovalSummary = { returned: 0, released: 0 };
  // A dismissal (`/dismiss`) knows the name, also of someone the organisation file still lists.
  const name = knownName ?? (await formerName(ctx, executorId));
  for (const c of await candidates(ctx)) {
    if (!c.acting.has(executorId)) continue;
    const done = await removeFrom(ctx, c.id, executorId, name, cause);
    if (done) summary[done]++;
  }
  ctx.log.info({ executorId, cause, ...summary }, 'dismissed executor\'s incidents given back');
  return summary;
}

/**
 * Work held by anyone who is no longer on staff (taken out of the
 * organisation file, or revoked while the process giving their work back
 * stopped) goes back too. Run once when a worker starts.
 */
export async function releaseDeparted(ctx: AppContext): Promise<RemovalSummary> {
  const summary: RemovalSummary = { returned: 0, released: 0 };
  const staff = new Set((await orgWithInvited(ctx.database.db, ctx.org)).staff.map((s) => s.telegramId));
  for (const c of await candidates(ctx)) {
    for (const executorId of c.acting.keys()) {
      if (staff.has(executorId)) continue;
      // Someone whose dismissal was recorded (/dismiss) and took effect; someone with an invite row was revoked; anyone else
      // was taken out of the organisation file.
      const [dismissed] = await ctx.database.db.select({ name: staffDismissals.name }).from(staffDismissals).where(eq(staffDismissals.telegramId, executorId));
      const invited = await ctx.database.db.select({ id: invitedStaff.telegramId }).from(invitedStaff).where(eq(invitedStaff.telegramId, executorId));
      const cause = dismissed ? 'dismissed' : invited.length ? 'revoked' : 'left_staff';
      const done = await removeFrom(ctx, c.id, executorId, dismissed?.name ?? (await formerName(ctx, executorId)), cause);
      if (done) summary[done]++;
    }
  }
  if (summary.returned + summary.released) ctx.log.info(summary, 'departed staff\'s incidents given back');
  return summary;
}

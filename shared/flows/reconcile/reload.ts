/**
 * The organisation file re-read without a restart (SIGHUP). The new file is
 * validated first; a bad one is refused with its problems named and the old
 * one stays in force. A good one replaces the context's organisation-derived
 * settings as one swap. Invited staff live in PostgreSQL and are merged at
 * lookup, so they survive by construction. Running deadlines are re-planned
 * by the reconciler, and only when the new file changes what they are
 * computed from. Network clients come from the environment and are built at
 * start: a changed `networks:` block is applied by a restart.
 */
import { isDeepStrictEqual } from 'node:util';
import { ConfigError } from '../../platform/config/config-error.js';
import { loadOrg, type Org } from '../../platform/config/org.js';
import { orgSettings, type AppContext, type OrgSettings } from '../../networks/context.js';
import { scheduleReports } from '../reports/tick.js';
import { releaseDeparted } from '../staff/removal.js';

export type ReloadResult =
  | {
      ok: true;
      /** Top-level fields of the file that differ, e.g. ['departments', 'staff']. */
      changed: string[];
      /** Whether the reconciler was asked to re-plan the open incidents' timers. */
      replanned: boolean;
      /** Changed fields that take effect only after a restart. */
      restartNeeded: string[];
    }
  | { ok: false; problems: string[] };

/** Contexts whose last reload was refused: the file on disk is not the one in force (a metric tells the admin). */
const refused = new WeakSet<AppContext>();
export const lastReloadRefused = (ctx: AppContext): boolean => refused.has(ctx);

/** Fields read once at start (network clients, the public bot, OK topic polling). */
const RESTART_FIELDS: readonly (keyof Org)[] = ['networks'];

/** What the timer plan is computed from (see planForEvents): the profile, the working time and the escalation ladder. */
export function deadlinesChanged(before: OrgSettings, after: OrgSettings): boolean {
  const a = before.org;
  const b = after.org;
  return (
    !isDeepStrictEqual(before.profile, after.profile) ||
    a.timezone !== b.timezone ||
    !isDeepStrictEqual(a.schedule, b.schedule) ||
    !isDeepStrictEqual(a.calendar, b.calendar) ||
    !isDeepStrictEqual(a.escalation, b.escalation)
  );
}

export function changedFields(before: Org, after: Org): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof Org)[]);
  return [...keys].filter((k) => !isDeepStrictEqual(before[k], after[k])).sort();
}

/**
 * Reads `path` and, if valid, puts it in force in `ctx`. `replan`: this process runs the worker, whose
 * reconciler re-plans with the settings of its own process (a bots-only process must not ask for it),
 * and which gives back the work of staff taken out of the file, as it does at start.
 * Never throws: a refused file is logged at error level and reported in the result.
 */
export async function reloadOrg(ctx: AppContext, path: string, opts: { replan: boolean }): Promise<ReloadResult> {
  const before = ctx.settings;
  let after: OrgSettings;
  try {
    after = orgSettings(loadOrg(path), ctx.log);
  } catch (err) {
    const problems = err instanceof ConfigError ? [err.title, ...err.problems] : [(err as Error).message];
    ctx.log.error({ path, problems }, 'organisation file refused; the previous one stays in force');
    refused.add(ctx);
    return { ok: false, problems };
  }

  // The staff messenger's client is built at start, and the file's chat and staff ids are that messenger's:
  // a file naming the other one is kept out until a restart, rather than read with the wrong ids.
  if ((before.org.messenger ?? 'telegram') !== (after.org.messenger ?? 'telegram')) {
    const problems = [`messenger: changed from ${before.org.messenger ?? 'telegram'} to ${after.org.messenger ?? 'telegram'}; the staff messenger changes only with a restart of bots and worker`];
    ctx.log.error({ path, problems }, 'organisation file refused; the previous one stays in force');
    refused.add(ctx);
    return { ok: false, problems };
  }
  const changed = changedFields(before.org, after.org);
  // One assignment: a handler reads either the old organisation or the new one, never a mix.
  ctx.settings = after;
  refused.delete(ctx);
  const restartNeeded = RESTART_FIELDS.filter((f) => changed.includes(f));
  ctx.log.info({ path, changed }, changed.length ? 'organisation file reloaded' : 'organisation file reloaded: nothing changed');
  if (restartNeeded.length) ctx.log.warn({ fields: restartNeeded }, 'these fields take effect only after a restart of bots and worker');

  const replanned = opts.replan && deadlinesChanged(before, after);
  if (replanned) {
    // Same id as the scheduled one: a reconcile already waiting runs once, with the new settings.
    await ctx.queues.enqueue('reconcile', {}, { removeOnComplete: true, removeOnFail: true }).catch((err: unknown) => {
      ctx.log.warn({ err }, 'timers not re-planned now; the reconciler does it within a minute');
    });
    // The reports' schedule runs in the organisation's time zone.
    if (before.org.timezone !== after.org.timezone) {
      await scheduleReports(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'report schedule not moved now; the worker does it within a minute'));
    }
  }
  // As at a worker's start: work held by someone the new file no longer lists goes back to the curators.
  if (opts.replan && changed.includes('staff')) {
    await releaseDeparted(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'departed staff\'s incidents not given back; the next worker start does it'));
  }
  return { ok: true, changed, replanned, restartNeeded };
}

/**
 * The staff lists' projection (`incident_list`): one row per incident, what
 * /my, /overdue and /find need without replaying a stream — status, routing,
 * holders and the most urgent running deadline. Computed from the events here
 * and written in the same transaction that appends them (the command store,
 * intake's registration); the reconciler rebuilds a row that is missing,
 * behind its incident, or computed under another profile or calendar.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { holders, replay, type IncidentEvent, type IncidentState, type WorkflowRules } from '../../core/incident/index.js';
import type { Profile, WorkTime } from '../../core/sla/index.js';
import type { Db } from '../../platform/db/client.js';
import { incidentList } from '../../platform/db/schema.js';
import type { OrgSettings } from '../../networks/context.js';
import { nextDeadline } from '../../staffchat/cards/deadline.js';
import { terminalStatuses } from '../../core/incident/status.js';

export type ListRow = typeof incidentList.$inferInsert;

/** Statuses no list of work in progress shows; /find still finds them. */
export const CLOSED_STATUSES: readonly string[] = ['closed', ...terminalStatuses];

/** The organisation settings a projection is computed under. */
export type Projector = { rules: WorkflowRules; profile: Profile; workTime: WorkTime; basis: string };

const bases = new WeakMap<OrgSettings, string>();

/**
 * What the deadlines depend on beyond the events: the profile, the zone, the schedule and the production
 * calendar. A reload that changes any of them changes the basis, and the reconciler recomputes the open rows.
 */
export function projectorOf(settings: OrgSettings): Projector {
  let basis = bases.get(settings);
  if (!basis) {
    const { org, profile } = settings;
    const what = JSON.stringify({ profile, timezone: org.timezone, schedule: org.schedule ?? null, calendar: org.calendar ?? null });
    basis = createHash('sha256').update(what).digest('base64url').slice(0, 16);
    bases.set(settings, basis);
  }
  return { rules: settings.rules, profile: settings.profile, workTime: settings.workTime, basis };
}

/** The row of an incident, from its whole stream (and its state, when the caller has replayed it). */
export function projectRow(incidentId: number, events: readonly IncidentEvent[], p: Projector, state: IncidentState = replay(events)): ListRow {
  const open = !CLOSED_STATUSES.includes(state.status);
  const next = open ? nextDeadline(events, p.profile, p.workTime) : null;
  const who = holders(state, p.rules);
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  return {
    incidentId,
    version: state.version,
    status: state.status,
    open,
    nextDue: next?.due ?? null,
    nextTimer: next?.timer ?? null,
    departments: [...(state.routing?.departments ?? [])],
    // The same precedence as waitsFor: a named person first, then a department's executors, then a role.
    holderUsers: uniq(who.flatMap((h) => (h.userId !== undefined ? [h.userId] : []))),
    holderDepartments: uniq(who.flatMap((h) => (h.userId === undefined && h.department !== undefined ? [h.department] : []))),
    holderRoles: uniq(who.flatMap((h) => (h.userId === undefined && h.department === undefined ? [h.role] : []))),
    basis: p.basis,
  };
}

type Writer = Pick<Db, 'insert'>;

/** Writes rows, each replacing an older projection of its incident (never a newer one). */
export async function saveRows(db: Writer, rows: readonly ListRow[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(incidentList)
    .values([...rows])
    .onConflictDoUpdate({
      target: incidentList.incidentId,
      set: {
        version: sql`excluded.version`,
        status: sql`excluded.status`,
        open: sql`excluded.open`,
        nextDue: sql`excluded.next_due`,
        nextTimer: sql`excluded.next_timer`,
        departments: sql`excluded.departments`,
        holderUsers: sql`excluded.holder_users`,
        holderDepartments: sql`excluded.holder_departments`,
        holderRoles: sql`excluded.holder_roles`,
        basis: sql`excluded.basis`,
      },
      // A slower writer holding an older stream must not undo a newer row; the same version under a new basis is a recomputation.
      setWhere: sql`${incidentList.version} < excluded.version or (${incidentList.version} = excluded.version and ${incidentList.basis} <> excluded.basis)`,
    });
}

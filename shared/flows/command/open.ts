/**
 * Open incidents with their state and most urgent deadline: what /my and
 * /overdue list. Replays each stream; fine for the hundreds of open incidents
 * an administration has, and the place to add a projection if that grows.
 */
import { desc, notInArray } from 'drizzle-orm';
import { incidents } from '../../platform/db/schema.js';
import { holders, replay, type Holder, type IncidentState } from '../../core/incident/index.js';
import { nextDeadline, type NextDeadline } from '../../staffchat/cards/deadline.js';
import type { AppContext } from '../../networks/context.js';
import { loadEvents } from '../../platform/db/events.js';

export type OpenIncident = { id: number; text: string; state: IncidentState; holders: Holder[]; next: NextDeadline | null };

const CLOSED = ['closed', 'rejected', 'forwarded'];

export async function openIncidents(ctx: AppContext, limit = 500): Promise<OpenIncident[]> {
  const { db } = ctx.database;
  const rows = await db
    .select({ id: incidents.id, text: incidents.text })
    .from(incidents)
    .where(notInArray(incidents.status, CLOSED))
    .orderBy(desc(incidents.id))
    .limit(limit);
  const out: OpenIncident[] = [];
  for (const row of rows) {
    const events = await loadEvents(db, row.id);
    if (!events.length) continue;
    const state = replay(events);
    out.push({ ...row, state, holders: holders(state, ctx.rules), next: nextDeadline(events, ctx.profile, ctx.workTime) });
  }
  return out.sort((a, b) => (a.next?.due.getTime() ?? Infinity) - (b.next?.due.getTime() ?? Infinity));
}

/** Whether the incident waits for this person: by name, by their department, or by their role. */
export function waitsFor(o: OpenIncident, person: { telegramId: number; roles: readonly string[]; department?: string | undefined }): boolean {
  return o.holders.some((h) =>
    h.userId !== undefined
      ? h.userId === person.telegramId
      : h.department !== undefined
        ? h.department === person.department && person.roles.includes('executor')
        : person.roles.includes(h.role),
  );
}

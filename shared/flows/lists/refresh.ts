/**
 * For the reconciler: the staff lists' rows that PostgreSQL's streams say are
 * wrong — missing (incidents from before the projection, or registered by a
 * path that wrote none), behind their incident's version, or computed under
 * another profile or calendar (an organisation file reloaded) — recomputed
 * from the events.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { incidentList, incidents } from '../../platform/db/schema.js';
import { loadEventsOf } from '../../platform/db/events.js';
import type { AppContext } from '../../networks/context.js';
import { projectorOf, projectRow, saveRows, type ListRow } from './projection.js';

/** Incidents one statement re-projects; a pass takes a few of these. */
const CHUNK = 500;
/** At most this many per pass: a backfill of years of incidents goes on over the next minutes. */
const PER_PASS = 5000;

export async function refreshList(ctx: AppContext): Promise<number> {
  const { db } = ctx.database;
  const projector = projectorOf(ctx.settings);
  let done = 0;
  let after = 0;
  while (done < PER_PASS) {
    const stale = await db
      .select({ id: incidents.id })
      .from(incidents)
      .leftJoin(incidentList, eq(incidentList.incidentId, incidents.id))
      .where(
        sql`${incidents.id} > ${after} and (${incidentList.incidentId} is null or ${incidentList.version} < ${incidents.version}
          or (${incidentList.open} and ${incidentList.basis} <> ${projector.basis}))`,
      )
      .orderBy(asc(incidents.id))
      .limit(CHUNK);
    if (!stale.length) break;
    const ids = stale.map((r) => r.id);
    const streams = await loadEventsOf(db, ids);
    const rows: ListRow[] = [];
    for (const id of ids) {
      const events = streams.get(id);
      if (events?.length) rows.push(projectRow(id, events, projector));
    }
    await saveRows(db, rows);
    done += rows.length;
    after = ids.at(-1)!;
    if (stale.length < CHUNK) break;
  }
  return done;
}

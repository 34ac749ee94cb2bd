/**
 * Reading incidents' event streams: the audit rows in version order, and the
 * state they replay to. Below every layer that reads an incident (the card's
 * view, the command store, timers, reports), so each asks the same prepared
 * statement; appending events is the command store's (shared/flows/command/store.ts).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { parseEvent, replay, type IncidentEvent, type IncidentState } from '../../core/incident/index.js';
import type { Db } from './client.js';
import { incidentEvents } from './schema.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function loadEvents(db: Db | Tx, incidentId: number): Promise<IncidentEvent[]> {
  // Named: the most frequent statement of all (cards, timers, reports replay it), planned once per connection.
  const rows = await db
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, sql.placeholder('incidentId')))
    .orderBy(asc(incidentEvents.version))
    .prepare('otklik_load_events')
    .execute({ incidentId });
  return rows.map((r) => parseEvent({ type: r.type, version: r.version, at: r.at, data: r.data }));
}

/** The events of many incidents in one query (the reconciler's sweep), each incident's in version order; none: no entry. */
export async function loadEventsOf(db: Db | Tx, incidentIds: readonly number[]): Promise<Map<number, IncidentEvent[]>> {
  const out = new Map<number, IncidentEvent[]>();
  if (!incidentIds.length) return out;
  if (incidentIds.length === 1) {
    // One incident (a transition's rescheduling): the named statement, not an IN list of its own.
    const events = await loadEvents(db, incidentIds[0]!);
    if (events.length) out.set(incidentIds[0]!, events);
    return out;
  }
  const rows = await db
    .select()
    .from(incidentEvents)
    .where(inArray(incidentEvents.incidentId, [...incidentIds]))
    .orderBy(asc(incidentEvents.incidentId), asc(incidentEvents.version));
  for (const r of rows) {
    const list = out.get(r.incidentId) ?? [];
    if (!list.length) out.set(r.incidentId, list);
    list.push(parseEvent({ type: r.type, version: r.version, at: r.at, data: r.data }));
  }
  return out;
}

export async function loadState(db: Db | Tx, incidentId: number): Promise<IncidentState | null> {
  const events = await loadEvents(db, incidentId);
  return events.length ? replay(events) : null;
}

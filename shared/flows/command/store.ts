/**
 * Incidents as event streams in PostgreSQL. The state is the replay of the
 * audit rows; a command is decided on that state and its events appended in
 * the same transaction, under the incident's version: two staff members
 * pressing at once cannot both win, and the loser is told the card is stale.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  decide,
  evolve,
  parseEvent,
  replay,
  serializeEvent,
  type Actor,
  type CommandInput,
  type Decision,
  type IncidentEvent,
  type IncidentState,
  type WorkflowRules,
} from '../../core/incident/index.js';
import type { Db } from '../../platform/db/client.js';
import { incidentEvents, incidents } from '../../platform/db/schema.js';

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

export type Outcome =
  | { ok: true; state: IncidentState; events: IncidentEvent[] }
  | (Extract<Decision, { ok: false }> & { state: IncidentState | null })
  | { ok: false; reason: 'not_found'; state: null };

/** Decides and records one command. The events and the incident row change together or not at all. */
export async function execute(
  db: Db,
  input: { incidentId: number; command: CommandInput; actor: Actor; rules: WorkflowRules; now: Date },
): Promise<Outcome> {
  return db.transaction(async (tx) => {
    // The row lock makes concurrent commands on one incident take turns; the version check then refuses the stale one.
    const [row] = await tx.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, input.incidentId)).for('update');
    if (!row) return { ok: false, reason: 'not_found', state: null };
    const state = await loadState(tx, input.incidentId);
    if (!state) return { ok: false, reason: 'not_found', state: null };

    const decision = decide(state, input.command, input.actor, input.rules, input.now);
    if (!decision.ok) return { ...decision, state };

    let next = state;
    for (const event of decision.events) {
      await tx.insert(incidentEvents).values({ incidentId: input.incidentId, ...serializeEvent(event) });
      next = evolve(next, event);
    }
    const updated = await tx
      .update(incidents)
      .set({ status: next.status, version: next.version, updatedAt: sql`now()` })
      .where(and(eq(incidents.id, input.incidentId), eq(incidents.version, state.version)))
      .returning({ id: incidents.id });
    // Unreachable under the row lock; kept so a future caller without it cannot corrupt a stream.
    if (!updated.length) throw new Error(`incident ${input.incidentId} changed under a locked transaction`);
    return { ok: true, state: next, events: decision.events };
  });
}

/**
 * Incidents as event streams in PostgreSQL. The state is the replay of the
 * audit rows; a command is decided on that state and its events appended in
 * the same transaction, under the incident's version: two staff members
 * pressing at once cannot both win, and the loser is told the card is stale.
 */
import { and, eq, sql } from 'drizzle-orm';
import {
  decide,
  evolve,
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
import { loadEvents } from '../../platform/db/events.js';
import { incidentEvents, incidents } from '../../platform/db/schema.js';
import { projectRow, saveRows, type Projector } from '../lists/projection.js';


export type Outcome =
  | { ok: true; state: IncidentState; events: IncidentEvent[] }
  | (Extract<Decision, { ok: false }> & { state: IncidentState | null })
  | { ok: false; reason: 'not_found'; state: null };

/** Decides and records one command. The events and the incident row change together or not at all. */
export async function execute(
  db: Db,
  input: {
    incidentId: number;
    command: CommandInput;
    actor: Actor;
    rules: WorkflowRules;
    now: Date;
    /** Keeps the staff lists' row (incident_list) in step, in the same transaction. */
    projector?: Projector;
  },
): Promise<Outcome> {
  return db.transaction(async (tx) => {
    // The row lock makes concurrent commands on one incident take turns; the version check then refuses the stale one.
    const [row] = await tx.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, input.incidentId)).for('update');
    if (!row) return { ok: false, reason: 'not_found', state: null };
    const stream = await loadEvents(tx, input.incidentId);
    if (!stream.length) return { ok: false, reason: 'not_found', state: null };
    const state = replay(stream);

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
    if (input.projector) await saveRows(tx, [projectRow(input.incidentId, [...stream, ...decision.events], input.projector, next)]);
    return { ok: true, state: next, events: decision.events };
  });
}

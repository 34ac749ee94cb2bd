import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { detectedEvent, parseEvent, serializeEvent } from '../../core/incident/index.js';
import { projectRow, type Projector } from '../lists/projection.js';
import { inboundEvents, incidents } from '../../platform/db/schema.js';
import type { InboundMessage } from '../../networks/types.js';

/**
 * The incident row, its first audit event and the inbound event's outcome,
 * in one statement: one round trip and one commit instead of a transaction
 * of five (the worker pays a socket write and a wake-up of PostgreSQL for
 * each). A statement is atomic like the transaction it replaces. The audit
 * event's data gets the new id in SQL; the rest is built in TypeScript.
 */
const REGISTER_SQL = `
  with ins as (
    insert into incidents (network, kind, source_key, thread, author_id, author_name, author_link, text, attachments,
                           permalink, posted_at, detected_at, status, profile)
    values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9::jsonb, $10, $11::timestamptz, $12::timestamptz, 'detected', $13)
    on conflict do nothing
    returning id
  ), ev as (
    insert into incident_events (incident_id, version, type, actor_id, at, data)
    select id, $14, $15, $16, $12::timestamptz, $17::jsonb || jsonb_build_object('incidentId', id) from ins
  ), li as (
    insert into incident_list (incident_id, version, status, open, next_due, next_timer, departments, holder_users,
                               holder_departments, holder_roles, basis)
    select id, $19::int, $20::text, $21::boolean, $22::timestamptz, $23::text, $24::text[], $25::bigint[], $26::text[], $27::text[], $28::text from ins
    where $28::text is not null
  ), done as (
    update inbound_events set processed_at = now(), outcome = 'incident ' || (select id from ins)
    where id = $18 and exists (select 1 from ins)
  )
  select id from ins`;

/**
 * Registers a citizen's message as a detected incident, atomically with its
 * audit event and the inbound event's outcome. The unique key on the
 * network's message id makes a second delivery (a re-sent callback under a
 * new event id, a replayed long-poll batch) a no-op.
 */
export async function registerIncident(
  db: Db,
  input: {
    message: InboundMessage;
    inboundEventId: number;
    detectedAt: Date;
    profile: string;
    /** Writes the staff lists' row (incident_list) in the same statement; without it the reconciler does. */
    projector?: Projector;
  },
): Promise<{ incidentId: number; created: boolean }> {
  const { message: m } = input;
  // The stream's first event, as the workflow core defines it; its incidentId is set in SQL, where it came from rides along in its data.
  const record = serializeEvent(detectedEvent({ incidentId: 0, network: m.network, at: input.detectedAt }));
  const { incidentId: _setInSql, ...data } = record.data;
  const stored = { ...data, inboundEventId: input.inboundEventId, kind: m.kind };
  // The list row is projected from the event as stored; the id is a stand-in (no row field depends on it), SQL sets the real one.
  const row = input.projector
    ? projectRow(1, [parseEvent({ type: record.type, version: record.version, at: input.detectedAt, data: { ...stored, incidentId: 1 } })], input.projector)
    : null;
  const { rows } = await db.$client.query<{ id: string }>({
    name: 'otklik_register_incident',
    text: REGISTER_SQL,
    values: [
      m.network,
      m.kind,
      m.sourceKey,
      JSON.stringify(m.thread),
      m.author.id,
      m.author.name ?? null,
      m.author.link ?? null,
      m.text,
      JSON.stringify(m.attachments),
      m.permalink ?? null,
      m.postedAt.toISOString(),
      input.detectedAt.toISOString(),
      input.profile,
      record.version,
      record.type,
      record.actorId,
      JSON.stringify(stored),
      input.inboundEventId,
      row?.version ?? null,
      row?.status ?? null,
      row?.open ?? null,
      row?.nextDue?.toISOString() ?? null,
      row?.nextTimer ?? null,
      row?.departments ?? [],
      row?.holderUsers ?? [],
      row?.holderDepartments ?? [],
      row?.holderRoles ?? [],
      row?.basis ?? null,
    ],
  });
  if (rows[0]) return { incidentId: Number(rows[0].id), created: true };
  // Already registered (by another delivery, maybe committed while this statement ran): a new statement sees it.
  const [existing] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(sql`${incidents.network} = ${m.network} and ${incidents.sourceKey} = ${m.sourceKey}`);
  await db
    .update(inboundEvents)
    .set({ processedAt: sql`now()`, outcome: `duplicate of incident ${existing!.id}` })
    .where(eq(inboundEvents.id, input.inboundEventId));
  return { incidentId: existing!.id, created: false };
}

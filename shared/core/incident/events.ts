import { z } from 'zod';
import { attachmentSchema, MAX_RATING, MIN_RATING, authorChanges, deleters, reactionKinds, draftKinds, outcomes, termUnits, rejectReasons, removalCauses, reopenCauses, withoutPhotoReasons } from './commands.js';
import { actorSchema, actorUserId, type Actor } from './roles.js';

/**
 * What happened to an incident, in the past tense. Each accepted command
 * produces exactly one event, so an event is one row of the audit table and
 * one version step. `data` is JSON-safe (no dates, no undefined): it goes to
 * jsonb as it is and comes back through `parseEvent`.
 */

const departments = z.array(z.string().min(1));
const nullableText = z.string().nullable();

export const eventDataSchemas = {
  // Written by ingest when a message is registered; starts every stream (version 1).
  incident_detected: z.object({ incidentId: z.int().positive(), network: z.string().min(1) }),
  triaged: z.object({
    topics: z.array(z.string().min(1)).min(1),
    location: z.string().min(1),
    importance: z.string().min(1),
    sociallySignificant: z.boolean(),
  }),
  rejected: z.object({ reason: z.enum(rejectReasons), note: nullableText }),
  routed: z.object({ departments, responsible: z.string().min(1).nullable(), order: departments.nullable() }),
  responsible_appointed: z.object({ department: z.string().min(1), previous: z.string().min(1).nullable() }),
  taken: z.object({ department: z.string().min(1), executorId: z.int().positive() }),
  returned: z.object({ department: z.string().min(1), note: z.string().min(1) }),
  part_submitted: z.object({ department: z.string().min(1), text: z.string().min(1), attachments: z.array(attachmentSchema) }),
  draft_started: z.object({ department: z.string().min(1) }),
  draft_submitted: z.object({
    /** 1-based number of this draft version within the incident. */
    draft: z.int().positive(),
    kind: z.enum(draftKinds),
    text: z.string().min(1),
    attachments: z.array(attachmentSchema),
    photoExpected: z.boolean(),
    department: z.string().min(1),
  }),
  draft_approved: z.object({
    draft: z.int().positive(),
    editedText: nullableText,
    /** The approver's reason for an answer without the mandatory photo (absent in events before #19). */
    withoutPhoto: z.enum(withoutPhotoReasons).nullable().optional(),
  }),
  draft_sent_to_rework: z.object({ draft: z.int().positive(), comment: z.string().min(1) }),
  reply_published: z.object({
    draft: z.int().positive(),
    kind: z.enum(draftKinds),
    messageId: nullableText,
    link: nullableText,
    /** The answer clock stops from this instant (a clarification under a pausing profile). */
    pausesClock: z.boolean(),
  }),
  clarification_answered: z.object({
    text: nullableText,
    messageId: nullableText,
    /** The answer clock runs again from this instant. */
    resumesClock: z.boolean(),
  }),
  repeat_linked: z.object({ earlierIncidentId: z.int().positive() }),
  // The citizen's side changed; the previous text stays here, the card shows the current one.
  author_message_changed: z.object({
    change: z.enum(authorChanges),
    sourceKey: z.string().min(1),
    text: nullableText,
    previousText: nullableText,
    deletedBy: z.enum(deleters).nullable(),
  }),
  // Engagement the network reported; only the reports read it.
  citizen_reacted: z.object({ kind: z.enum(reactionKinds), byAuthor: z.boolean(), sourceKey: z.string().min(1) }),
  closed: z.object({ outcome: z.enum(outcomes) }),
  reopened: z.object({ cause: z.enum(reopenCauses), note: nullableText }),
  reassigned: z.object({
    department: z.string().min(1),
    executorId: z.int().positive(),
    previousExecutorId: z.int().positive().nullable(),
  }),
  executor_removed: z.object({
    executorId: z.int().positive(),
    name: z.string().min(1),
    cause: z.enum(removalCauses),
    /** Every department the executor held; all are released. */
    released: departments,
    /** The department whose work now waits: the responsible one when it went back to the curator, else a co-executor's. */
    department: z.string().min(1),
    /** The responsible department was released: the incident went back to the curator to route again. */
    returnedToCurator: z.boolean(),
  }),
  forwarded: z.object({
    /** A listed body keeps its id (reports group by it); a name typed in has none. */
    body: z.object({ id: z.string().min(1).nullable(), name: z.string().min(1) }),
    reason: z.string().min(1),
    /** The profile asks for a reply telling the citizen where the message went. */
    replyToCitizen: z.boolean(),
  }),
  citizen_rated: z.object({ score: z.int().min(MIN_RATING).max(MAX_RATING), sourceKey: z.string().min(1) }),
  extension_requested: z.object({ department: z.string().min(1), reason: z.string().min(1) }),
  extension_granted: z.object({
    days: z.int().positive(),
    /** Days granted in the incident's current life, this grant included: what the due moves by. */
    totalDays: z.int().positive(),
  }),
  extension_refused: z.object({ note: nullableText }),
  /** Sobolevo п.23: a success story covered in the media; a later mark replaces the link. */
  success_marked: z.object({ link: z.string().min(1) }),
  success_unmarked: z.object({}),
  term_agreed: z.object({
    /** The profile timer whose duration this replaces, counted from the timer's own start. */
    timer: z.string().min(1),
    amount: z.int().positive(),
    unit: z.enum(termUnits),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;

export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

/** One event with its envelope: the version it produced, when, and by whom. */
export type EventOf<T extends EventType> = {
  type: T;
  data: EventData<T>;
  /** The incident version this event produced (the previous one is `version - 1`). */
  version: number;
  at: Date;
  actor: Actor;
};

export type IncidentEvent = { [T in EventType]: EventOf<T> }[EventType];
export type DetectedEvent = EventOf<'incident_detected'>;

/** The columns of an `incident_events` row: the actor's Telegram id, and the actor itself kept inside `data`. */
export type EventRecord = {
  type: EventType;
  version: number;
  at: Date;
  actorId: number | null;
  data: Record<string, unknown>;
};

export function serializeEvent(event: IncidentEvent): EventRecord {
  return {
    type: event.type,
    version: event.version,
    at: event.at,
    actorId: actorUserId(event.actor),
    data: { ...event.data, actor: event.actor },
  };
}

const recordSchema = z.object({
  type: z.enum(Object.keys(eventDataSchemas) as [EventType, ...EventType[]]),
  version: z.int().positive(),
  at: z.date(),
  data: z.looseObject({ actor: actorSchema }),
});

/** Reads an audit row back, checking every field: what comes out of jsonb is not trusted blindly. */
export function parseEvent(record: { type: string; version: number; at: Date; data: unknown }): IncidentEvent {
  const row = recordSchema.parse(record);
  const { actor, ...rest } = row.data;
  const data = eventDataSchemas[row.type].parse(rest);
  return { type: row.type, data, version: row.version, at: row.at, actor } as IncidentEvent;
}

/** Builds the first event of a stream; ingest calls it when it registers a message. */
export function detectedEvent(input: { incidentId: number; network: string; at: Date; actor?: Actor }): DetectedEvent {
  return {
    type: 'incident_detected',
    data: { incidentId: input.incidentId, network: input.network },
    version: 1,
    at: input.at,
    actor: input.actor ?? { role: 'system' },
  };
}

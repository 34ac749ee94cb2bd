/**
 * Every BullMQ job Otklik runs: its payload schema and its deterministic id.
 * Ids are derived from what the job is about, so enqueuing twice is harmless
 * and the reconciler can recreate any job from PostgreSQL. BullMQ forbids ':'
 * in custom ids, hence '-'.
 */
import { z } from 'zod';
import { firingId, type Step } from '../../core/sla/plan.js';

const id = z.number().int().positive();

export const catalog = {
  /** Turn one stored inbound event into an incident. */
  ingest: {
    schema: z.object({ inboundEventId: id }),
    jobId: (p: { inboundEventId: number }) => `ingest-${p.inboundEventId}`,
  },
  /**
   * The events the webhooks stored within a few milliseconds (shared/flows/intake/handover.ts), in one job: a job
   * costs Redis a script to add and two to run, so a burst costs a few jobs a second instead of one per
   * callback. Each event is ingested as by `ingest`; the batch is named by its first event, which no other
   * batch holds (an event is handed over once).
   * `storedAt` (ms since the epoch): when the webhook handed it over, for the wait during a flood (shared/flows/intake/flood.ts).
   */
  ingestBatch: {
    schema: z.object({ inboundEventIds: z.array(id).min(1).max(1000), storedAt: z.number().int().positive().optional() }),
    jobId: (p: { inboundEventIds: number[] }) => `ingest-batch-${p.inboundEventIds[0]}`,
  },
  /** Send or refresh the incident's card in one staff chat, as of an incident version. */
  card: {
    schema: z.object({
      incidentId: id,
      chatId: z.number().int(),
      version: id,
      /** Set when what the card shows changed outside the workflow (the reply's publication): redrawn at the same version. */
      redraw: z.string().regex(/^[a-z0-9]{1,24}$/).optional(),
    }),
    jobId: (p: { incidentId: number; chatId: number; version: number; redraw?: string }) =>
      `card-${p.incidentId}-${p.chatId}-v${p.version}${p.redraw ? `-r${p.redraw}` : ''}`,
  },
  /** One run of a staff chat's lane: deliver what Telegram's limits allow now, continue as a delayed run. */
  lane: {
    schema: z.object({ chatId: z.number().int(), run: z.string().regex(/^[0-9a-f]{1,32}$/) }),
    jobId: (p: { chatId: number; run: string }) => `lane-${p.chatId}-${p.run}`,
  },
  /** Publish one outbox row (an approved draft) in the citizen's network. */
  publish: {
    schema: z.object({ publicationId: id }),
    jobId: (p: { publicationId: number }) => `publish-${p.publicationId}`,
  },
  /** The citizens' acknowledgement of a routed incident, once (shared/flows/acknowledge/acknowledge.ts). */
  acknowledge: {
    schema: z.object({ incidentId: id }),
    jobId: (p: { incidentId: number }) => `acknowledge-${p.incidentId}`,
  },
  /** Heads' alerts after an incident appeared or was triaged: socially significant, activity spikes. */
  alert: {
    schema: z.object({ incidentId: id, version: id }),
    jobId: (p: { incidentId: number; version: number }) => `alert-${p.incidentId}-v${p.version}`,
  },
  /** One step of one incident timer: a reminder before its due, the due itself, or the escalation after a grace. */
  timer: {
    schema: z.object({
      incidentId: id,
      timer: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
      /** '' unless a per-co-executor timer. */
      department: z.string().regex(/^[a-z0-9_-]*$/),
      step: z.enum(['reminder', 'due', 'escalation']),
      due: z.number().int(),
    }),
    jobId: (p: { incidentId: number; timer: string; department: string; step: Step; due: number }) => firingId(p.incidentId, p),
  },
  /**
   * Redraw every card of an incident when one of its deadlines changes its mark (🔥 then ⛔, see
   * shared/staffchat/cards/deadline.ts): delayed until `at`, planned with the timers from the events.
   */
  cardMarks: {
    schema: z.object({ incidentId: id, at: z.number().int() }),
    jobId: (p: { incidentId: number; at: number }) => `marks-${p.incidentId}-${p.at}`,
  },
  /** Re-derive missing jobs from PostgreSQL (a lost Redis, a crash between commit and enqueue). */
  reconcile: {
    schema: z.object({}),
    jobId: () => 'reconcile',
  },
  /** Build a period's report and send it to one chat (photo + caption, then the workbook), once per (key, period, chat). */
  report: {
    schema: z.object({
      key: z.string().regex(/^[a-z0-9-]{1,64}$/),
      kind: z.enum(['week', 'month', 'quarter', 'custom']),
      from: z.number().int(),
      to: z.number().int(),
      chatId: z.number().int(),
    }),
    jobId: (p: { key: string; from: number; to: number; chatId: number }) => `report-${p.key}-${p.from}-${p.to}-${p.chatId}`,
  },
  /** Every 15 minutes in the organisation's zone: send the periodic reports and daily deficiencies now due (shared/flows/reports/tick.ts). */
  reportTick: {
    schema: z.object({}),
    jobId: () => 'report-tick',
  },
  /** Every OK_TOPICS_POLL_SECONDS: read new comments under the OK group's topics (shared/networks/ok/topics.ts). */
  okTopics: {
    schema: z.object({}),
    jobId: () => 'ok-topics',
  },
  /** Daily: anonymise incidents closed longer ago than privacy.retentionDays (shared/flows/privacy/retention.ts). */
  privacyRetention: {
    schema: z.object({}),
    jobId: () => 'privacy-retention',
  },
} as const;

export type JobName = keyof typeof catalog;
export type JobPayload<N extends JobName> = z.infer<(typeof catalog)[N]['schema']>;
export const jobNames = Object.keys(catalog) as JobName[];

/**
 * PostgreSQL holds the truth. Every table here is the source from which
 * Redis/BullMQ state is derived and can be rebuilt.
 */
import { sql } from 'drizzle-orm';
import type { Attachment, InboundMessage } from '../../core/incident/message.js';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Every inbound webhook or poll event, stored before the network hears "ok".
 * The unique key on the network's own event id makes redelivery harmless.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    network: text('network').notNull(),
    eventKey: text('event_key').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: utc('received_at').notNull().defaultNow(),
    processedAt: utc('processed_at'),
    /** What processing concluded: the incident it fed, or why it was dropped. */
    outcome: text('outcome'),
  },
  (t) => [
    uniqueIndex('inbound_events_network_key').on(t.network, t.eventKey),
    index('inbound_events_unprocessed').on(t.receivedAt).where(sql`processed_at is null`),
  ],
);

/** One citizen message that needs a reaction. `id` is the number staff see. */
export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    network: text('network').notNull(),
    kind: text('kind').notNull(),
    /** The network's own identity of the message; unique per network so a redelivery stores nothing new. */
    sourceKey: text('source_key').notNull(),
    /** Everything the network adapter needs to reply in the same thread. */
    thread: jsonb('thread').$type<InboundMessage['thread']>().notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name'),
    authorLink: text('author_link'),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default(sql`'[]'::jsonb`),
    permalink: text('permalink'),
    postedAt: utc('posted_at').notNull(),
    detectedAt: utc('detected_at').notNull(),
    status: text('status').notNull(),
    /** Optimistic lock: every transition bumps it; a stale command is refused. */
    version: integer('version').notNull().default(1),
    profile: text('profile').notNull(),
    updatedAt: utc('updated_at').notNull().defaultNow(),
    /**
     * Set when the citizen's data was anonymised (152-ФЗ: the retention period ran out, or the author asked):
     * author, text, links and media are gone, the workflow and its timings stay for the reports (shared/flows/privacy/).
     */
    anonymisedAt: utc('anonymised_at'),
  },
  (t) => [
    uniqueIndex('incidents_network_source').on(t.network, t.sourceKey),
    index('incidents_status').on(t.status),
    // One author's recent incidents: repeats, bursts, clarifications and their reply after our answer
    // (shared/flows/intake/). Created by hand in 0007 (with pg_trgm); declared here so drizzle-kit knows it.
    index('incidents_author_detected').on(t.network, t.authorId, t.detectedAt),
  ],
);

/** Append-only audit of every transition: who, when, what, from which version. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    /** The incident version this event produced. */
    version: integer('version').notNull(),
    type: text('type').notNull(),
    /** Telegram user id of the staff member, or null for the system/citizen. */
    actorId: bigint('actor_id', { mode: 'number' }),
    at: utc('at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [uniqueIndex('incident_events_version').on(t.incidentId, t.version)],
);

/** One live card per incident per staff chat, edited in place. */
export const cards = pgTable(
  'cards',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** Null until Telegram has accepted the first send. */
    messageId: integer('message_id'),
    /** The incident version the card last showed, so refreshes skip no-op edits. */
    shownVersion: integer('shown_version'),
    /** A curator's choices not yet confirmed (topics, location, departments…), shown on the card. */
    selection: jsonb('selection').$type<Record<string, unknown>>(),
    updatedAt: utc('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cards_incident_chat').on(t.incidentId, t.chatId)],
);

/**
 * Inline buttons. callback_data is this row's short random id: the server
 * resolves it to the incident, the version the card showed and the action,
 * so a button can be neither forged nor pressed on an outdated card.
 */
export const buttons = pgTable(
  'buttons',
  {
    id: text('id').primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    /** The incident version the card showed when the button was drawn. */
    version: integer('version').notNull(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    action: text('action').notNull(),
    args: jsonb('args').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [index('buttons_incident').on(t.incidentId)],
);

/**
 * What the bot is waiting for from one staff member: a return note, a rework
 * comment, a draft being written. One at a time per person; kept here, not in
 * memory, so a restart or a second replica loses nothing.
 */
export const pendingInputs = pgTable(
  'pending_inputs',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    version: integer('version').notNull(),
    action: text('action').notNull(),
    args: jsonb('args').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The force-reply prompt that asked for it: a reply to that message answers this incident's question. */
    promptMessageId: integer('prompt_message_id'),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  // One question per person and incident: a question about №43 leaves a half-written draft for №42 alone.
  (t) => [primaryKey({ name: 'pending_inputs_user_incident', columns: [t.userId, t.incidentId] })],
);

/**
 * A live digest: while a staff chat's lane cannot deliver its backlog within
 * two minutes, new cards are listed in one message per chat instead of sent
 * one by one (shared/staffchat/lanes/). `nonce` ties the row to the lane's Redis state,
 * so concurrent card jobs of one flood find the same digest.
 */
export const laneDigests = pgTable(
  'lane_digests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    nonce: text('nonce').notNull(),
    /** Null until Telegram has accepted the first send. */
    messageId: integer('message_id'),
    /** The page the message shows (1-based); the staff page through with its buttons. */
    page: integer('page').notNull().default(1),
    /** Bumped by every new item or page turn; the message is behind while shownVersion < version. */
    version: integer('version').notNull().default(1),
    shownVersion: integer('shown_version'),
    openedAt: utc('opened_at').notNull().defaultNow(),
    /** Set when the flood is over and new cards go out one by one again. */
    closedAt: utc('closed_at'),
  },
  (t) => [uniqueIndex('lane_digests_nonce').on(t.nonce), index('lane_digests_chat').on(t.chatId)],
);

/** The incidents a digest lists; an incident is listed in at most one digest per chat. */
export const laneDigestItems = pgTable(
  'lane_digest_items',
  {
    digestId: bigint('digest_id', { mode: 'number' })
      .notNull()
      .references(() => laneDigests.id),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    addedAt: utc('added_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lane_digest_items_chat_incident').on(t.chatId, t.incidentId), index('lane_digest_items_digest').on(t.digestId, t.incidentId)],
);

/**
 * Staff-facing messages other than cards and digests (reminders, escalations,
 * alerts), keyed per chat so posting again edits the same message. The text
 * lives here so a Redis that lost its data loses no message.
 */
export const laneMessages = pgTable(
  'lane_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    text: text('text').notNull(),
    /** Telegram's send options: parse_mode, reply_markup, link_preview_options. */
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    messageId: integer('message_id'),
    version: integer('version').notNull().default(1),
    shownVersion: integer('shown_version'),
    createdAt: utc('created_at').notNull().defaultNow(),
    updatedAt: utc('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lane_messages_chat_key').on(t.chatId, t.key),
    index('lane_messages_behind').on(t.id).where(sql`shown_version is null or shown_version < version`),
  ],
);

/**
 * Photos and videos shown to staff under an incident's card (shared/staffchat/media): the
 * citizen's, in every chat where the card goes, and the draft's, with the approval card. One row
 * per (incident, chat, source, draft) and one album each; the lane sends it (`p<id>` items) and,
 * once the citizen's data is erased, withdraws it (deleted, or edited to a placeholder after the
 * 48 hours in which a bot may delete its group messages).
 */
export const staffMedia = pgTable(
  'staff_media',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** 'citizen': what the author sent; 'draft': the draft's attachments, for the approver. */
    source: text('source').$type<'citizen' | 'draft'>().notNull(),
    /** The draft's number for 'draft', 0 for 'citizen'. */
    draft: integer('draft').notNull().default(0),
    /** The messages Telegram made of the album, once sent. */
    messageIds: jsonb('message_ids').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    /** Set when the author's data was erased: the lane withdraws the messages. */
    erasedAt: utc('erased_at'),
    version: integer('version').notNull().default(1),
    shownVersion: integer('shown_version'),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_media_one').on(t.incidentId, t.chatId, t.source, t.draft),
    index('staff_media_behind').on(t.id).where(sql`shown_version is null or shown_version < version`),
  ],
);

/**
 * The outbox: one row per approved draft to publish. The row exists before
 * the network is called, its id is the network's idempotency key (VK
 * random_id / guid), and it records what the network answered: a crash
 * between "sent" and "recorded" re-sends under the same key, which the
 * network ignores.
 */
export const publications = pgTable(
  'publications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    /** Which draft version this publishes. */
    draftNumber: integer('draft_number').notNull(),
    kind: text('kind').notNull(),
    /**
     * pending → sent | failed (permanent error) | manual (the network cannot take it: staff post it by hand)
     * | unconfirmed (it may have gone out, and a network without idempotency keys cannot be asked again
     * safely: a person looks). failed and unconfirmed go back to pending when staff send it again.
     */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Set while a call to the network is out; still set after a crash, when nobody knows whether it went out. */
    sendingSince: utc('sending_since'),
    networkMessageId: text('network_message_id'),
    permalink: text('permalink'),
    /** Locale key of the reason, for the card (publish-*); on a pending row, why the last attempt did not go through. */
    reasonKey: text('reason_key'),
    createdAt: utc('created_at').notNull().defaultNow(),
    sentAt: utc('sent_at'),
  },
  (t) => [uniqueIndex('publications_incident_draft').on(t.incidentId, t.draftNumber)],
);

// ─── Heads' alerts (shared/flows/alerts/) ───────────────────────────────────────────

/**
 * Activity spikes announced in the heads' chat. At most one open spike per
 * topic or location (the partial unique index): two workers cannot both
 * announce it, and a restart finds it open and edits its alert instead of
 * posting another. A closed spike stays as history.
 */
export const alertSpikes = pgTable(
  'alert_spikes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'topic' or 'location'. */
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    /** The count and baseline when the alert last grew, as the alert shows them. */
    count: integer('count').notNull(),
    baseline: doublePrecision('baseline').notNull(),
    /** Every incident seen in the spike while it lasted, ascending. */
    incidentIds: jsonb('incident_ids').$type<number[]>().notNull(),
    openedAt: utc('opened_at').notNull(),
    /** Set when the count fell back to the threshold or below. */
    closedAt: utc('closed_at'),
    /** Bumped by every change; the alert is behind while postedVersion < version. */
    version: integer('version').notNull().default(1),
    postedVersion: integer('posted_version'),
  },
  (t) => [
    uniqueIndex('alert_spikes_open').on(t.dimension, t.value).where(sql`closed_at is null`),
    index('alert_spikes_behind').on(t.id).where(sql`posted_version is null or posted_version < version`),
  ],
);
// ─── Staff invitations (issue 4): staff who joined by an admin's invite link ───

/**
 * A one-time invite link an admin issued (`/invite <role> [department]`):
 * `/start inv-<token>` makes whoever opens it staff, once, before it expires.
 */
export const staffInvites = pgTable('staff_invites', {
  token: text('token').primaryKey(),
  role: text('role').notNull(),
  department: text('department'),
  createdBy: bigint('created_by', { mode: 'number' }).notNull(),
  createdAt: utc('created_at').notNull(),
  expiresAt: utc('expires_at').notNull(),
  usedBy: bigint('used_by', { mode: 'number' }),
  usedAt: utc('used_at'),
  revokedAt: utc('revoked_at'),
});

/**
 * Staff who joined by an invite; merged with the organisation file's staff at
 * lookup (the file wins for anyone in both). A revoked member keeps the row.
 */
export const invitedStaff = pgTable('invited_staff', {
  telegramId: bigint('telegram_id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  department: text('department'),
  inviteToken: text('invite_token').notNull(),
  joinedAt: utc('joined_at').notNull(),
  revokedAt: utc('revoked_at'),
  revokedBy: bigint('revoked_by', { mode: 'number' }),
});
// ---------------------------------------------------------------- reports (issue 7)
// The reporting tables: derived from the audit (shared/core/analytics/facts.ts),
// rewritten for an incident after each transition and rebuildable at any time
// (`rebuildFacts`), so a report is a query and a changed calendar a recompute.
import { boolean as pgBoolean } from 'drizzle-orm/pg-core';

/** One incident as a whole (IncidentFact), as of the incident version it was computed from. */
export const reportIncidents = pgTable(
  'report_incidents',
  {
    incidentId: bigint('incident_id', { mode: 'number' })
      .primaryKey()
      .references(() => incidents.id),
    /** The incident version the facts were computed from: behind the incident's own, they are refreshed before a report. */
    version: integer('version').notNull(),
    network: text('network').notNull(),
    topics: jsonb('topics').$type<string[]>().notNull(),
    location: text('location'),
    receivedAt: utc('received_at').notNull(),
    /** The latest event's time: an incident with nothing after a period's start is not read for it. */
    lastActivityAt: utc('last_activity_at').notNull(),
    rejected: pgBoolean('rejected').notNull(),
    /** The body a message outside the competence went to (issue 19): counted apart from the rejected. */
    forwardedTo: text('forwarded_to'),
    /** The author's latest rating of the final answer, 1–5 (issue 19). */
    rating: integer('rating'),
    sociallySignificant: pgBoolean('socially_significant').notNull(),
    repeatOf: bigint('repeat_of', { mode: 'number' }),
    firstReplyAt: utc('first_reply_at'),
    firstReplyWorkingMinutes: integer('first_reply_working_minutes'),
    interimAt: utc('interim_at'),
    answeredAt: utc('answered_at'),
    closedAt: utc('closed_at'),
    outcome: text('outcome'),
    engagement: integer('engagement'),
    reacted: pgBoolean('reacted'),
    excerpt: text('excerpt').notNull(),
    link: text('link'),
    /** [{ department, at }] */
    returns: jsonb('returns').$type<{ department: string; at: string }[]>().notNull(),
    /** DraftFact[] with ISO instants. */
    drafts: jsonb('drafts').$type<Record<string, unknown>[]>().notNull(),
    /** Days the answer term was extended by on request (kamchatka 2.5), in the incident's current life. */
    extendedDays: integer('extended_days').notNull().default(0),
    /** The message had its own agreed or shortened term (zavitinsk п.8, ivanovo п.7, sobolevo п.18, kamchatka 2.6). */
    agreedTerm: pgBoolean('agreed_term').notNull().default(false),
    /** Marked as a success story covered in the media (sobolevo п.23): when, and where it was covered. */
    successStoryAt: utc('success_story_at'),
    successStoryLink: text('success_story_link'),
  },
  (t) => [index('report_incidents_received').on(t.receivedAt), index('report_incidents_activity').on(t.lastActivityAt)],
);

/** One run of one timer of one incident (StageFact): start, due, end, met, in working and calendar minutes. */
export const reportStages = pgTable(
  'report_stages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    stage: text('stage').notNull(),
    department: text('department'),
    executorId: bigint('executor_id', { mode: 'number' }),
    startedAt: utc('started_at').notNull(),
    dueAt: utc('due_at'),
    endedAt: utc('ended_at'),
    met: pgBoolean('met'),
    workingMinutes: integer('working_minutes').notNull(),
    calendarMinutes: integer('calendar_minutes').notNull(),
  },
  (t) => [
    index('report_stages_incident').on(t.incidentId),
    index('report_stages_due').on(t.dueAt),
    index('report_stages_open').on(t.startedAt).where(sql`ended_at is null`),
  ],
);

/**
 * One report sent to one chat: the periodic report, `/report` on demand or the
 * daily deficiencies. The unique key makes delivery idempotent per
 * (kind, period, chat); the message ids record each step, so a retry after a
 * crash between the photo and the document sends only the document.
 */
export const reportDeliveries = pgTable(
  'report_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'week' | 'month' | 'quarter' | 'deficiencies' | 'ondemand-<request>' */
    kind: text('kind').notNull(),
    periodFrom: utc('period_from').notNull(),
    periodTo: utc('period_to').notNull(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    photoMessageId: integer('photo_message_id'),
    documentMessageId: integer('document_message_id'),
    /** A worker's lease while it sends: another one waits until it delivers or the lease runs out. */
    claimedAt: utc('claimed_at'),
    /** Set when everything is out (or there was nothing to send, for deficiencies). */
    deliveredAt: utc('delivered_at'),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_deliveries_key').on(t.kind, t.periodFrom, t.periodTo, t.chatId)],
);

// ── Networks around ingest (issue 5): bursts, edits and deletions, Telegram thread map ──

/**
 * The messages of an incident beyond the one that opened it: a burst (the
 * author wrote again within minutes in the same thread) joins its incident
 * here. The unique key is the network's message identity, so a redelivery
 * adds nothing, and an edit or deletion finds its incident. `text` is the
 * current text; what it replaced is in the audit (author_message_changed).
 */
export const incidentMessages = pgTable(
  'incident_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    network: text('network').notNull(),
    sourceKey: text('source_key').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default(sql`'[]'::jsonb`),
    postedAt: utc('posted_at').notNull(),
    /** The delivery that added it: only that one records the audit event, so a concurrent re-send cannot double it. */
    inboundEventId: bigint('inbound_event_id', { mode: 'number' }).notNull(),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('incident_messages_network_source').on(t.network, t.sourceKey), index('incident_messages_incident').on(t.incidentId)],
);

/**
 * A Telegram channel post and its automatic copy in the discussion group:
 * comments live under the copy, and the Bot API tells which post it copies
 * only in the automatic-forward update, so it is kept here.
 */
export const telegramThreads = pgTable(
  'telegram_threads',
  {
    discussionChatId: bigint('discussion_chat_id', { mode: 'number' }).notNull(),
    discussionMessageId: bigint('discussion_message_id', { mode: 'number' }).notNull(),
    channelChatId: bigint('channel_chat_id', { mode: 'number' }).notNull(),
    channelPostId: bigint('channel_post_id', { mode: 'number' }).notNull(),
    /** The channel's public @username when known, for a t.me link. */
    channelUsername: text('channel_username'),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('telegram_threads_discussion').on(t.discussionChatId, t.discussionMessageId)],
);

/**
 * Where the VK Bots Long Poll left off, per community: after a restart the
 * poll continues from here (VK keeps a short history), so events that came
 * while Otklik was down are still fetched.
 */
export const vkLongPoll = pgTable('vk_long_poll', {
  groupId: bigint('group_id', { mode: 'number' }).primaryKey(),
  ts: text('ts').notNull(),
  updatedAt: utc('updated_at').notNull().defaultNow(),
});

// ---- Timers, escalations and /away (shared/flows/deadlines/) ----------------------

/**
 * One row per timer step that went out: the exactly-once claim. A reminder,
 * miss or escalation is inserted here (ON CONFLICT DO NOTHING) in the same
 * transaction as its lane messages, so two workers or a retried job never
 * send it twice. `step = 'due'` rows are the misses the reports read.
 */
export const timerFirings = pgTable(
  'timer_firings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    timer: text('timer').notNull(),
    /** The co-executing department of a per-co-executor timer; '' for the others. */
    department: text('department').notNull().default(''),
    /** reminder | due | escalation */
    step: text('step').notNull(),
    due: utc('due').notNull(),
    /** Who held the incident when it fired (role, department, person), for reports. */
    holder: jsonb('holder').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    firedAt: utc('fired_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('timer_firings_once').on(t.incidentId, t.timer, t.department, t.step, t.due),
    index('timer_firings_step').on(t.step, t.due),
  ],
);

/** `/away FROM TO @substitute`: while away, a person's reminders and pings go to the substitute. */
export const staffAway = pgTable('staff_away', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey(),
  from: utc('from').notNull(),
  until: utc('until').notNull(),
  substituteId: bigint('substitute_id', { mode: 'number' }).notNull(),
  // Null while the substitute has not yet agreed: a pending request stands in for no one.
  acceptedAt: utc('accepted_at'),
  createdAt: utc('created_at').notNull().defaultNow(),
});

/**
 * `/dismiss`: an executor's dismissal recorded by their department head or a curator, with the order's date
 * (sobolevo п.9). From `effectiveAt` they get no new work; once `appliedAt` is set (at recording when the day has
 * come, else by the reports' tick) staff lookups leave them out. One row per person: a second record replaces it.
 */
export const staffDismissals = pgTable('staff_dismissals', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  telegramId: bigint('telegram_id', { mode: 'number' }).notNull().unique(),
  name: text('name').notNull(),
  department: text('department'),
  /** The order's date, yyyy-MM-dd in the organisation's zone. */
  orderDate: text('order_date').notNull(),
  /** The start of the dismissal day: from then on no new work. */
  effectiveAt: utc('effective_at').notNull(),
  /** Set when the person left the staff lookups (the dismissal day came). */
  appliedAt: utc('applied_at'),
  recordedBy: bigint('recorded_by', { mode: 'number' }).notNull(),
  recordedAt: utc('recorded_at').notNull(),
  /** Their open work handed over (to the curators' routing or a colleague), or nothing was open. */
  handedOverAt: utc('handed_over_at'),
  handedOverBy: bigint('handed_over_by', { mode: 'number' }),
  /** The curators were reminded that the hand-over is late (once). */
  remindedAt: utc('reminded_at'),
});

// ---- OK topic comments polling (shared/networks/ok/topics.ts) -------------

/**
 * One row per OK group whose topics are polled: when polling began. Comments
 * already under a topic that existed before then are not taken in (a new
 * installation must not open an incident for every old comment).
 */
export const okTopicPolls = pgTable('ok_topic_polls', {
  groupId: text('group_id').primaryKey(),
  startedAt: utc('started_at').notNull(),
  polledAt: utc('polled_at'),
});

/**
 * Where the poll left off in each topic's comments: OK's paging anchor after
 * the last comment stored. Every comment is stored (deduplicated) before the
 * anchor moves, so a crash re-reads a page and stores nothing twice.
 */
export const okTopicCursors = pgTable(
  'ok_topic_cursors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    groupId: text('group_id').notNull(),
    topicId: text('topic_id').notNull(),
    /** null: read from the topic's first comment. */
    anchor: text('anchor'),
    updatedAt: utc('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ok_topic_cursors_topic').on(t.groupId, t.topicId)],
);

// ---- Personal data (152-ФЗ): exports, erasures and retention runs (shared/flows/privacy/) ----

/**
 * The audit of what was done with citizens' personal data: who, when, what and
 * how much, never whose. The person is identified by the administration's own
 * registration of the request (`request`, e.g. its number in the document
 * flow), not by a network id that erasure has just removed everywhere else.
 */
export const privacyActions = pgTable('privacy_actions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** export | erase | retention */
  action: text('action').notNull(),
  at: utc('at').notNull(),
  /** Who did it: 'cli:<OS user>', 'telegram:<staff id>' or 'system' for the scheduled retention. */
  actor: text('actor').notNull(),
  network: text('network'),
  /** The administration's registration of the citizen's request, when given. */
  request: text('request'),
  /** How many incidents it covered. */
  incidents: integer('incidents').notNull(),
  /** How many stored inbound events' payloads it covered. */
  inboundEvents: integer('inbound_events').notNull(),
});

// ---- Answer templates and the citizens' acknowledgement (issue 17; shared/flows/templates/) ----

/**
 * A curator's answer template (`/templates`): a text with variables filled
 * from the incident (shared/core/templates/), for one topic or, with no
 * topic, for any. Deleting keeps the row (`deletedAt`) for the audit.
 * `revision` is bumped by every change: a button drawn for an older revision
 * is refused politely instead of acting on a text its presser never saw.
 */
export const answerTemplates = pgTable(
  'answer_templates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    revision: integer('revision').notNull().default(1),
    createdBy: bigint('created_by', { mode: 'number' }).notNull(),
    createdAt: utc('created_at').notNull().defaultNow(),
    updatedBy: bigint('updated_by', { mode: 'number' }),
    updatedAt: utc('updated_at'),
    deletedBy: bigint('deleted_by', { mode: 'number' }),
    deletedAt: utc('deleted_at'),
  },
  (t) => [index('answer_templates_topic').on(t.topic).where(sql`deleted_at is null`)],
);

/**
 * The text of the citizens' acknowledgement: proposed in Telegram, approved
 * once by the profile's approver. The latest approved row is in force; a
 * newer proposal waits beside it until it is approved in turn.
 */
export const acknowledgementTemplates = pgTable('acknowledgement_templates', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  body: text('body').notNull(),
  proposedBy: bigint('proposed_by', { mode: 'number' }).notNull(),
  proposedAt: utc('proposed_at').notNull(),
  approvedBy: bigint('approved_by', { mode: 'number' }),
  approvedAt: utc('approved_at'),
});

/** Who added, changed, deleted, proposed or approved which template, and what it said. Append-only. */
export const templateAudit = pgTable(
  'template_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** answer | acknowledgement */
    kind: text('kind').notNull(),
    templateId: bigint('template_id', { mode: 'number' }).notNull(),
    /** added | edited | deleted | proposed | approved */
    action: text('action').notNull(),
    actorId: bigint('actor_id', { mode: 'number' }).notNull(),
    at: utc('at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('template_audit_template').on(t.kind, t.templateId)],
);

/**
 * A template's text the bot waits for from a curator (a new template, a
 * changed one, a proposed acknowledgement): not about an incident, so kept
 * apart from pending_inputs. One per person; a newer question replaces it.
 */
export const templateInputs = pgTable('template_inputs', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey(),
  action: text('action').notNull(),
  args: jsonb('args').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: utc('created_at').notNull().defaultNow(),
});

/**
 * The acknowledgement's outbox: at most one per incident (the primary key),
 * written with its filled text before the network is called; its id is the
 * idempotency key (`ack-<incident>`). pending → sent | failed | skipped |
 * unconfirmed (it may have gone out on a network without idempotency keys:
 * never sent again).
 */
export const acknowledgements = pgTable(
  'acknowledgements',
  {
    incidentId: bigint('incident_id', { mode: 'number' })
      .primaryKey()
      .references(() => incidents.id),
    templateId: bigint('template_id', { mode: 'number' }).notNull(),
    text: text('text').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    sendingSince: utc('sending_since'),
    networkMessageId: text('network_message_id'),
    reasonKey: text('reason_key'),
    createdAt: utc('created_at').notNull().defaultNow(),
    sentAt: utc('sent_at'),
  },
  (t) => [index('acknowledgements_pending').on(t.createdAt).where(sql`status = 'pending'`)],
);

// ---- Routing history: what the curators chose, to suggest the same for messages like it (staffchat/cards/suggest.ts) ----

/**
 * One incident's latest routing: its topics, the lexicon's words its text used
 * (stems from a fixed vocabulary, never other words of the citizen's, so no
 * personal data is kept here) and the departments it went to. Derived from
 * the audit at each routing; losing a row only weakens a suggestion.
 */
export const routingChoices = pgTable(
  'routing_choices',
  {
    incidentId: bigint('incident_id', { mode: 'number' })
      .primaryKey()
      .references(() => incidents.id),
    topics: text('topics').array().notNull(),
    signals: text('signals').array().notNull(),
    departments: text('departments').array().notNull(),
    routedAt: utc('routed_at').notNull(),
  },
  (t) => [
    // Messages sharing words or topics with a new one are found through these, newest first.
    index('routing_choices_signals').using('gin', t.signals),
    index('routing_choices_topics').using('gin', t.topics),
    index('routing_choices_routed').on(t.routedAt),
  ],
);

// ---- Staff lists (shared/flows/lists/) ----

/**
 * What /my, /overdue and /find read: one row per incident, projected from its
 * event stream (the state's status, routing and holders, and the most urgent
 * running deadline under the organisation's profile) in the transaction that
 * appends the events. Derived, never the truth: the reconciler rebuilds a row
 * that is missing or behind its incident's version, and every open row after
 * a change of the profile or calendars.
 */
export const incidentList = pgTable(
  'incident_list',
  {
    incidentId: bigint('incident_id', { mode: 'number' })
      .primaryKey()
      .references(() => incidents.id),
    /** The incident version this row was projected from. */
    version: integer('version').notNull(),
    status: text('status').notNull(),
    open: boolean('open').notNull(),
    /** The most urgent running deadline; null when none runs. */
    nextDue: utc('next_due'),
    nextTimer: text('next_timer'),
    /** The departments it is routed to: an executor sees these only. */
    departments: text('departments').array().notNull().default(sql`'{}'::text[]`),
    /** Who it waits for: by name, by department (any of its executors), or by role. */
    holderUsers: bigint('holder_users', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    holderDepartments: text('holder_departments').array().notNull().default(sql`'{}'::text[]`),
    holderRoles: text('holder_roles').array().notNull().default(sql`'{}'::text[]`),
    /** What the deadlines were computed under (profile and calendars); another basis means recompute. */
    basis: text('basis').notNull(),
  },
  (t) => [
    // /overdue and /my: open incidents by their deadline, oldest first.
    index('incident_list_open_due').on(t.nextDue, t.incidentId).where(sql`open`),
    index('incident_list_departments').using('gin', t.departments),
  ],
);

/**
 * MAX names a message by a string (`mid.…`); the staff side, written against the Bot API, by a number. Each
 * MAX message the staff bot sends or reads gets one here, so cards and inputs keep their numeric ids.
 */
export const maxMessageIds = pgTable('max_message_ids', {
  id: serial('id').primaryKey(),
  mid: text('mid').notNull().unique(),
});

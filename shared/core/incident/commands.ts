import { z } from 'zod';

/**
 * Every command staff, the worker or a citizen can issue on an incident.
 * Each carries `expectedVersion`: the incident version the sender saw (the
 * card's version); a command on any other version is refused as stale.
 * Texts are trimmed; required notes and comments may not be blank.
 */

// Generous bounds: they stop garbage, not people (a VK comment holds 16 000 characters).
const MAX_TEXT = 20_000;
const MAX_NOTE = 2_000;

const text = z.string().trim().min(1).max(MAX_TEXT);
const note = z.string().trim().min(1).max(MAX_NOTE);
const label = z.string().trim().min(1).max(200);
const departmentId = z.string().trim().min(1).max(100);
const incidentId = z.int().positive();
const userId = z.int().positive();
const expectedVersion = z.int().positive();

/**
 * The importance levels every profile has. A profile adds its own (the keys
 * of its `importance`: "high", ПОС's "local-fast"); `decide` checks a triage's
 * level against the profile's list (WorkflowRules.importanceLevels).
 */
export const importances = ['normal', 'high'] as const;
export type Importance = string;
const importance = z.string().trim().min(1).max(50);

/** The unit an agreed (shortened) term is set in, as the profile says (kamchatka-ias-2021 2.6: days; zavitinsk п.8: hours). */
export const termUnits = ['days', 'hours'] as const;
export type TermUnit = (typeof termUnits)[number];

/**
 * Every reason any regulation gives for «не подлежит обработке»; each profile
 * allows its own closed list of them (WorkflowRules.rejectReasons). `threat`
 * is the usual wording (threats to the life, health or property of an official
 * or their family); `threat_life_health` is Sobolevo п.21's shorter one;
 * `harm_intent` is "intent to harm another person"; `other` needs a note and
 * only some profiles allow it.
 */
export const rejectReasons = ['abuse', 'obscenity', 'threat', 'other', 'harm_intent', 'threat_life_health'] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** A citizen's rating of the final answer (Kamchatka 2.7, offered on the networks as an interpretation). */
export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** Where a message outside the administration's competence is forwarded: a listed body (its id) or a name typed in. */
export const forwardBodySchema = z.object({
  id: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(300),
});
export type ForwardBody = z.output<typeof forwardBodySchema>;

export const draftKinds = ['answer', 'interim', 'clarification'] as const;
export type DraftKind = (typeof draftKinds)[number];

export const outcomes = ['resolved', 'explained', 'in_progress', 'not_resolved'] as const;
export type Outcome = (typeof outcomes)[number];

export const reopenCauses = ['repeat', 'author_disagreed'] as const;

/** Why an answer goes without the photo a profile makes mandatory: kamchatka 2.5's own exception, «результаты рассмотрения … не позволяют получить». */
export const withoutPhotoReasons = ['not_obtainable'] as const;
export type WithoutPhotoReason = (typeof withoutPhotoReasons)[number];

/** What the author did to their message after it was registered: wrote one more (a burst), edited or deleted it. */
export const authorChanges = ['added', 'edited', 'deleted'] as const;
export type AuthorChange = (typeof authorChanges)[number];
/** Who deleted a citizen's message: the author, or someone else (a community moderator). */
export const deleters = ['author', 'other'] as const;

/** What a citizen may do with a thread after it was written in: like a message, or write under it. */
export const reactionKinds = ['like', 'reply'] as const;
export type ReactionKind = (typeof reactionKinds)[number];
export type ReopenCause = (typeof reopenCauses)[number];

/** Why an executor stopped acting for the administration: an admin revoked them, or the organisation file no longer lists them. */
export const removalCauses = ['revoked', 'left_staff', 'dismissed'] as const;
export type RemovalCause = (typeof removalCauses)[number];

/** A file staff attached in Telegram; the worker uploads it to the citizen's network when publishing. */
export const attachmentSchema = z.object({
  kind: z.enum(['photo', 'video', 'document']),
  fileId: z.string().min(1).max(500),
  fileName: z.string().min(1).max(500).optional(),
});
export type DraftAttachment = z.output<typeof attachmentSchema>;

const attachments = z.array(attachmentSchema).max(10).default([]);

const unique = (list: readonly string[]) => new Set(list).size === list.length;

export const commandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('triage'),
    expectedVersion,
    topics: z.array(label).min(1).refine(unique, 'duplicate_topic'),
    location: label,
    importance,
    sociallySignificant: z.boolean(),
  }),
  z
    .object({
      type: z.literal('reject'),
      expectedVersion,
      reason: z.enum(rejectReasons),
      // Optional for the obvious reasons so rejecting stays one tap; `other` must say why.
      note: note.optional(),
    })
    .refine((c) => c.reason !== 'other' || c.note !== undefined, { path: ['note'], message: 'note_required' }),
  // Not rejection: the message goes to the body whose competence it is (Severny п.6: back to ЦУР within 30 working minutes).
  z.object({ type: z.literal('forward'), expectedVersion, body: forwardBodySchema, reason: note }),
  z.object({
    type: z.literal('route'),
    expectedVersion,
    departments: z.array(departmentId).min(1).refine(unique, 'duplicate_department'),
    // Which department writes the joint answer; see WorkflowRules for who may name it.
    responsible: departmentId.optional(),
    // The order in which departments prepare their parts (zavitinsk п.16, ivanovo п.15).
    order: z.array(departmentId).optional(),
  }),
  z.object({ type: z.literal('appoint_responsible'), expectedVersion, department: departmentId }),
  z.object({ type: z.literal('take'), expectedVersion }),
  z.object({ type: z.literal('return'), expectedVersion, note }),
  z.object({ type: z.literal('submit_part'), expectedVersion, text, attachments }),
  z.object({ type: z.literal('start_draft'), expectedVersion }),
  z.object({
    type: z.literal('submit_draft'),
    expectedVersion,
    kind: z.enum(draftKinds),
    text,
    attachments,
    // The executor said there is a photo or video to show; the draft check warns if none is attached.
    photoExpected: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('approve'),
    expectedVersion,
    editedText: text.optional(),
    // Where a photo is mandatory (kamchatka 2.5), the approver's explicit reason for an answer without one.
    withoutPhoto: z.enum(withoutPhotoReasons).optional(),
  }),
  z.object({ type: z.literal('send_to_rework'), expectedVersion, comment: note }),
  z
    .object({
      type: z.literal('mark_published'),
      expectedVersion,
      messageId: z.string().trim().min(1).max(200).optional(),
      link: z.string().trim().min(1).max(2000).optional(),
    })
    .refine((c) => c.messageId !== undefined || c.link !== undefined, { message: 'message_id_or_link_required' }),
  z.object({
    type: z.literal('author_replied'),
    expectedVersion,
    text: text.optional(),
    messageId: z.string().trim().min(1).max(200).optional(),
  }),
  z.object({ type: z.literal('link_repeat'), expectedVersion, earlierIncidentId: incidentId }),
  // Ingest records the citizen's side: a message more of a burst, an edit, a deletion. Texts may be empty (a photo alone).
  z.object({
    type: z.literal('author_message'),
    expectedVersion,
    change: z.enum(authorChanges),
    /** The network's identity of the message changed (the incident's own, or one of its burst). */
    sourceKey: z.string().min(1).max(500),
    text: z.string().max(MAX_TEXT).optional(),
    previousText: z.string().max(MAX_TEXT).optional(),
    deletedBy: z.enum(deleters).optional(),
  }),
  // Ingest records what the network tells of the thread: the author's like or reply after our answer, others' likes and replies.
  z.object({
    type: z.literal('citizen_reaction'),
    expectedVersion,
    kind: z.enum(reactionKinds),
    /** The incident's author (a reaction to our answer) or someone else (engagement with the citizen's message). */
    byAuthor: z.boolean(),
    /** The network's identity of the reaction (a like of one object by one person, a reply's message): recorded once. */
    sourceKey: z.string().min(1).max(500),
  }),
  z.object({ type: z.literal('close'), expectedVersion, outcome: z.enum(outcomes) }),
  // The author rated the final answer (a button in Telegram, a digit replied in the VK/OK thread); the latest rating counts.
  z.object({
    type: z.literal('rate'),
    expectedVersion,
    score: z.int().min(MIN_RATING).max(MAX_RATING),
    /** The network's identity of the rating (a button press, a reply): recorded once. */
    sourceKey: z.string().min(1).max(500),
  }),
  z.object({ type: z.literal('reopen'), expectedVersion, cause: z.enum(reopenCauses), note: note.optional() }),
  z.object({ type: z.literal('reassign'), expectedVersion, department: departmentId, executorId: userId }),
  // The responsible executor asks the coordinator for more time (kamchatka-ias-2021 2.5), saying why.
  z.object({ type: z.literal('request_extension'), expectedVersion, reason: note }),
  // The coordinator grants days of the request, up to what the profile allows in total, or refuses it.
  z.object({ type: z.literal('grant_extension'), expectedVersion, days: z.int().min(1).max(365) }),
  z.object({ type: z.literal('refuse_extension'), expectedVersion, note: note.optional() }),
  // Whoever the profile names sets this message's own (shortened, agreed) term, in the profile's unit and bounds.
  z.object({ type: z.literal('agree_term'), expectedVersion, amount: z.int().min(1).max(1000) }),
  // Sobolevo п.23: the answered message's solution was covered in the media or the region's social networks; `link` says where.
  z.object({ type: z.literal('mark_success'), expectedVersion, link: z.string().trim().min(1).max(1000) }),
  // The mark was a mistake: the story no longer counts.
  z.object({ type: z.literal('unmark_success'), expectedVersion }),
  // The worker takes a dismissed executor's work off them; `name` is kept so the card can still say who it was.
  z.object({ type: z.literal('remove_executor'), expectedVersion, executorId: userId, name: label, cause: z.enum(removalCauses) }),
]);

/** A command as validated (defaults filled, texts trimmed). */
export type Command = z.output<typeof commandSchema>;
/** A command as a sender writes it (defaults may be left out). */
export type CommandInput = z.input<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const commandTypes = [
  'triage',
  'reject',
  'route',
  'appoint_responsible',
  'take',
  'return',
  'submit_part',
  'start_draft',
  'submit_draft',
  'approve',
  'send_to_rework',
  'mark_published',
  'author_replied',
  'link_repeat',
  'author_message',
  'citizen_reaction',
  'close',
  'reopen',
  'reassign',
  'remove_executor',
  'forward',
  'rate',
  'request_extension',
  'grant_extension',
  'refuse_extension',
  'agree_term',
  'mark_success',
  'unmark_success',
] as const satisfies readonly CommandType[];

// Fails to compile when a command is added to the schema but not to the list above.
type Missing = Exclude<CommandType, (typeof commandTypes)[number]>;
const _allListed: [Missing] extends [never] ? true : never = true;
void _allListed;

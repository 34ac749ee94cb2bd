import { IANAZone } from 'luxon';
import { z } from 'zod';
import { draftKinds, rejectReasons, type DraftKind } from '../../incident/commands.js';
import { clockSchema, durationSchema, parseDuration } from '../duration.js';

/**
 * A regulation profile: the workflow's timers as one regulation sets them,
 * with the clause each comes from. Presets live in presets/; an organisation
 * selects one and overrides what it needs, or writes a whole profile.
 */

/**
 * Process roles: the parts a regulation gives in the workflow, which a timer
 * names as who acts or who hears. `approver` and `publisher` stand for the
 * profile's choice of that name; `responsible` and `co-executor` are executors
 * by their share of a joint answer. Not the staff roles of the organisation
 * file (`Role`, shared/core/incident/roles.ts), though some names coincide.
 */
export const PROCESS_ROLES = ['curator', 'executor', 'responsible', 'co-executor', 'approver', 'publisher', 'head', 'duty'] as const;
export const processRoleSchema = z.enum(PROCESS_ROLES);
export type ProcessRole = z.infer<typeof processRoleSchema>;

/**
 * Moments: the words a timer's `start` and `stop` lists use. Each stands for
 * one of the incident's events (shared/core/incident/events.ts), named as the
 * regulations speak ("detected", "published:answer"); `momentOf` in
 * ../moments.ts is the one place they meet, checked by the compiler.
 */
export const MOMENTS = [
  'detected',
  'triaged',
  'routed',
  'returned',
  'part_submitted',
  'draft_submitted',
  'draft_returned',
  'draft_approved',
  'published',
  'clarification_answered',
  'closed',
  'rejected',
  'reopened',
  'responsible_appointed',
  'forwarded',
] as const;
export type Moment = (typeof MOMENTS)[number];

/** "published" matches any publication; "published:answer|interim" only those kinds. */
export interface EventMatch {
  type: Moment;
  kinds?: DraftKind[];
}

export function parseEventMatch(text: string): EventMatch | null {
  const [type, kinds, extra] = text.split(':');
  if (extra !== undefined || !(MOMENTS as readonly string[]).includes(type!)) return null;
  if (kinds === undefined) return { type: type as Moment };
  const list = kinds.split('|');
  if (!list.every((k) => (draftKinds as readonly string[]).includes(k))) return null;
  return { type: type as Moment, kinds: list as DraftKind[] };
}

export const eventMatchSchema = z.string().refine((s) => parseEventMatch(s) !== null, {
  message: `expected an event type (${MOMENTS.join(', ')}), optionally with draft kinds: "published:answer|interim"`,
});

const timerIdSchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'timer ids are camelCase words, e.g. "answer", "coExecutor"');

export const timerSchema = z
  .object({
    /** What the timer is for, in a few words. */
    title: z.string().min(1),
    /** Events that start the timer; it counts from the latest of them (or the first, with `once`). */
    start: z.array(eventMatchSchema).min(1),
    /** Count from the first start event only (a second interim answer does not restart the final deadline). */
    once: z.boolean().optional(),
    /** Events after the start that stop it; closing and rejecting the incident stop every timer. */
    stop: z.array(eventMatchSchema),
    duration: durationSchema,
    clock: clockSchema,
    /** Due `duration` before the named timer's due instead of after the start: "4 h before the answer deadline". */
    before: timerIdSchema.optional(),
    /**
     * Calendar clock only: a due that falls on a day without working time
     * moves to the same time of the next working day (Civil Code art. 193).
     * On a `before` timer it moves to the previous working day instead, so the
     * room left before the other timer is not eaten up ("no later than 2 days
     * before": moving forward would shorten the time that clause protects).
     */
    endsOnWorkingDay: z.boolean().optional(),
    /** Who must act. `approver` and `publisher` stand for the profile's roles of that name. */
    actor: processRoleSchema,
    /** Who hears when it is missed. */
    escalateTo: z.array(processRoleSchema),
    /** A `window` is a right that lapses silently (returning a message as not competent); a `deadline` is an obligation. */
    kind: z.enum(['deadline', 'window']).optional(),
    /** One timer per co-executing department named in the routing (everyone routed except the responsible one). */
    perCoExecutor: z.boolean().optional(),
    /** The regulation's clause, e.g. "п.10". */
    clause: z.string().min(1),
    /** Why the clock is what it is where the document does not say. */
    clockNote: z.string().optional(),
  })
  .strict();

export type Timer = z.infer<typeof timerSchema>;

export const timerOverrideSchema = timerSchema.partial().strict();
export type TimerOverride = z.infer<typeof timerOverrideSchema>;

export const reportSchema = z
  .object({
    title: z.string().min(1),
    period: z.enum(['week', 'month', 'quarter']),
    /** Due by this day of the following period (e.g. the 5th for Sobolevo's quarterly summary); the first working day of it when absent. */
    dueDay: z.number().int().min(1).max(28).optional(),
    to: processRoleSchema,
    clause: z.string().min(1),
  })
  .strict();

/** «Не подлежат обработке»: the regulation's closed list of reasons; `other` (with a note) only where a profile allows it. */
export const rejectionSchema = z
  .object({ reasons: z.array(z.enum(rejectReasons)).min(1), clause: z.string().min(1), note: z.string().optional() })
  .strict();

/** A body a message outside the competence may be forwarded to: the regional centre (ЦУР), another authority, a municipal body. */
export const forwardBodySchema = z
  .object({ id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a short id of lowercase Latin letters, digits, "-" or "_"'), name: z.string().trim().min(1) })
  .strict();

export const forwardingSchema = z
  .object({
    /** Bodies offered on the card; the curator may also type another name. */
    bodies: z.array(forwardBodySchema).default([]),
    /** Post a reply telling the citizen where the message went (a preset says so only where its document does). */
    replyToCitizen: z.boolean().default(false),
    clause: z.string().min(1),
    note: z.string().optional(),
  })
  .strict();

export const coExecutorsSchema = z
  .object({
    /** `ordered`: one after another in the order set at routing; `parallel`: all from routing. */
    sequence: z.enum(['ordered', 'parallel']),
    /** Who sets the order (with `ordered`); the route command carries it. */
    orderSetter: z.enum(['curator', 'head']).optional(),
    /** Whom a co-executor's part goes to: the curator (or the authorised person acting as curator), or the responsible executor. */
    partsTo: z.enum(['curator', 'responsible']),
    clause: z.string().min(1),
    /** The clause's own words, so the reading can be checked. */
    quote: z.string().min(1),
    /** Where the reading goes beyond the words. */
    interpretation: z.string().min(1).optional(),
  })
  .strict();

/** A draft check a regulation asks for, with its words. */
const draftCheckClauseSchema = z.object({ clause: z.string().min(1), quote: z.string().min(1) }).strict();

export const draftChecksSchema = z
  .object({
    /**
     * Spelling against hunspell's Russian dictionary. On where the regulation
     * asks for literate answers (sobolevo п.23.2) or the organisation file
     * switches it on: the dictionary costs seconds of CPU and hundreds of MB
     * to load, so it is not loaded where nobody asked for it.
     */
    spelling: draftCheckClauseSchema.optional(),
    /** «ты» towards the author. Checked under every profile (polite address is owed everywhere); the clause where one says so. */
    familiarity: draftCheckClauseSchema.optional(),
  })
  .strict();

/** A duty the regulation sets by a day of the month (not per message): staff are reminded ahead of it. */
export const reminderSchema = z
  .object({
    title: z.string().min(1),
    /** The months (1–12) it falls due in. */
    months: z.array(z.number().int().min(1).max(12)).min(1),
    /** Due by this day of those months. */
    dueDay: z.number().int().min(1).max(28),
    /** The reminder goes out this many working days before the due day (on it, with 0). */
    leadWorkingDays: z.number().int().min(0).max(20),
    /** Who is reminded: every department (its chat, else its head, else its executors), the curators or the heads. */
    to: z.enum(['departments', 'curators', 'heads']),
    clause: z.string().min(1),
    quote: z.string().min(1),
    interpretation: z.string().min(1).optional(),
  })
  .strict();

/** The most an extension may add in total: whole days ("8d"), as extensions are granted. */
const extensionMaxSchema = durationSchema.refine((s) => parseDuration(s).minutes === 0, { message: 'an extension is granted in whole days, e.g. "8d"' });

export const timezoneSchema = z.string().refine((s) => IANAZone.isValidZone(s), { message: 'expected an IANA time zone, e.g. "Europe/Moscow"' });

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    /** The regulation, cited. */
    document: z.string().min(1),
    /** The organisation the preset was written for; its zone is the profile's default. */
    example: z.object({ organisation: z.string().min(1), timezone: timezoneSchema }).strict(),
    approver: z.enum(['curator', 'head']),
    approverClause: z.string().min(1),
    publisher: z.enum(['curator', 'executor', 'responsible']),
    publisherClause: z.string().min(1),
    /** Who names the responsible executor when several departments answer (Sobolevo п.19: the head). */
    responsibleSetter: z.enum(['curator', 'head']).default('curator'),
    /** How the joint answer's author is chosen: appointed, or the last department in the routing order (Ivanovo п.15). */
    jointAnswer: z.enum(['appointed', 'last_in_order']).default('appointed'),
    timers: z.record(timerIdSchema, timerSchema),
    /** Timer changes by importance level set at triage ("high", or a category such as "local-fast"). */
    importance: z
      .record(z.string().min(1), z.object({ clause: z.string().min(1), timers: z.record(timerIdSchema, timerOverrideSchema) }).strict())
      .optional(),
    /** Timers whose clock stops from a published clarification request until the author answers. */
    clarification: z.object({ pauses: z.array(timerIdSchema).min(1), clause: z.string().min(1) }).strict().optional(),
    /**
     * A timer that may be extended on the responsible executor's request, up
     * to `max` whole days in total on `clock` (kamchatka-ias-2021 2.5): the
     * `grantedBy` role grants days of a request or refuses it
     * (request_extension / grant_extension / refuse_extension); a grant moves
     * the timer's due, and every `before` timer counted from it, by the days.
     */
    extension: z
      .object({
        timer: timerIdSchema,
        max: extensionMaxSchema,
        clock: clockSchema,
        /** Who decides a request: the coordinator as the organisation names it (the curator), or the head. */
        grantedBy: z.enum(['curator', 'head']).default('curator'),
        clause: z.string().min(1),
      })
      .strict()
      .optional(),
    /**
     * A message's own term, set per message by `setBy` (agree_term): it
     * replaces `timer`'s duration, counted from the timer's own start, as
     * `min`…`max` whole `unit`s on `clock`. Where the regulation lets the
     * curator shorten the term (zavitinsk п.8, ivanovo п.7) or the head
     * (sobolevo п.18), `max` stays under the timer's own duration; Kamchatka
     * 2.6 agrees 1–3 calendar days for fast-track messages (`levels`).
     */
    agreedTerm: z
      .object({
        timer: timerIdSchema,
        setBy: z.enum(['curator', 'head']),
        unit: z.enum(['days', 'hours']),
        min: z.int().positive().default(1),
        max: z.int().positive(),
        clock: clockSchema,
        /** Importance levels at which a term may be set; every level when absent. */
        levels: z.array(z.string().min(1)).min(1).optional(),
        clause: z.string().min(1),
      })
      .strict()
      .refine((a) => a.min <= a.max, { message: 'min is above max', path: ['min'] })
      .optional(),
    /**
     * Several departments on one message: whether their parts are prepared in
     * an order (each co-executor's part timer then starts when the previous
     * one's part is in, not at routing), who sets the order, and whom the parts
     * go to. Absent: parts in parallel, to the responsible executor.
     */
    coExecutors: coExecutorsSchema.optional(),
    /** A photo in every answer unless the approver says it could not be had (kamchatka 2.5). */
    evidence: z.object({ photoRequired: z.boolean(), clause: z.string().min(1), quote: z.string().min(1) }).strict().optional(),
    /** Draft checks the regulation asks for beyond the common ones (shared/core/checks/draft-checks.ts). */
    draftChecks: draftChecksSchema.optional(),
    reports: z.record(timerIdSchema, reportSchema).optional(),
    /** Duties by a day of the month, reminded ahead (sobolevo order п.4.3: media-plan proposals by the 25th). */
    reminders: z.record(timerIdSchema, reminderSchema).optional(),
    /** Socially significant messages and activity spikes: reported at once. */
    immediateReport: z.object({ to: processRoleSchema, clause: z.string().min(1) }).strict().optional(),
    /** «Не подлежат обработке»: the closed list; without it, the list every document shares (no "other"). */
    rejection: rejectionSchema.optional(),
    /** Forwarding a message outside the competence to another body (not a rejection); its timer, if any, stops on `forwarded`. */
    forwarding: forwardingSchema.optional(),
    /** The citizen may rate the final answer (1–5); `interpretation` says why where the document does not ask it of the networks. */
    ratings: z.object({ clause: z.string().min(1), interpretation: z.string().min(1) }).strict().optional(),
    /** Success stories covered in the media, marked on answered messages and counted in reports (sobolevo п.23). */
    successStories: z.object({ clause: z.string().min(1), quote: z.string().min(1) }).strict().optional(),
    /**
     * An executor's dismissal is told to the curator within `noticeDays` calendar days of the order
     * (sobolevo п.9); the curators are reminded while the executor's work is not handed over by then.
     */
    dismissal: z.object({ noticeDays: z.number().int().min(1).max(30), clause: z.string().min(1), quote: z.string().min(1) }).strict().optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = new Set(Object.keys(p.timers));
    const need = (id: string, path: (string | number)[]) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `no timer "${id}" in this profile (has: ${[...ids].join(', ')})` });
    };
    for (const [id, t] of Object.entries(p.timers)) {
      if (t.before !== undefined) need(t.before, ['timers', id, 'before']);
      // A chain of `before`s must end somewhere.
      const seen = new Set<string>([id]);
      let cur = t.before;
      while (cur !== undefined && p.timers[cur]) {
        if (seen.has(cur)) {
          ctx.addIssue({ code: 'custom', path: ['timers', id, 'before'], message: `timers refer to each other in a loop: ${[...seen, cur].join(' → ')}` });
          break;
        }
        seen.add(cur);
        cur = p.timers[cur]!.before;
      }
    }
    for (const [level, o] of Object.entries(p.importance ?? {})) {
      for (const id of Object.keys(o.timers)) need(id, ['importance', level, 'timers', id]);
    }
    for (const [i, id] of (p.clarification?.pauses ?? []).entries()) need(id, ['clarification', 'pauses', i]);
    if (p.extension) need(p.extension.timer, ['extension', 'timer']);
    if (p.agreedTerm) {
      need(p.agreedTerm.timer, ['agreedTerm', 'timer']);
      const known = ['normal', ...Object.keys(p.importance ?? {})];
      for (const [i, level] of (p.agreedTerm.levels ?? []).entries()) {
        if (!known.includes(level)) ctx.addIssue({ code: 'custom', path: ['agreedTerm', 'levels', i], message: `no importance level "${level}" (has: ${known.join(', ')})` });
      }
    }
  });

export type ProfileInput = z.input<typeof profileSchema>;
export type Profile = z.infer<typeof profileSchema>;

/** What an organisation file may change in a chosen profile. */
export const profileOverridesSchema = z
  .object({
    title: z.string().min(1).optional(),
    approver: z.enum(['curator', 'head']).optional(),
    publisher: z.enum(['curator', 'executor', 'responsible']).optional(),
    responsibleSetter: z.enum(['curator', 'head']).optional(),
    jointAnswer: z.enum(['appointed', 'last_in_order']).optional(),
    /** Per timer id: the fields to change; a new id adds a timer and must then be complete. A changed `clock` needs its reason in `clockNote`. */
    timers: z.record(timerIdSchema, timerOverrideSchema).optional(),
    importance: z
      .record(z.string().min(1), z.object({ clause: z.string().min(1).optional(), timers: z.record(timerIdSchema, timerOverrideSchema) }).strict())
      .optional(),
    clarification: z.object({ pauses: z.array(timerIdSchema), clause: z.string().min(1) }).strict().nullable().optional(),
    /** Replaces the profile's list of reasons (an organisation's own regulation). */
    rejection: rejectionSchema.optional(),
    /** The organisation's own bodies to forward to, added to the profile's; and whether the citizen is told. */
    forwarding: z.object({ bodies: z.array(forwardBodySchema).optional(), replyToCitizen: z.boolean().optional() }).strict().optional(),
    /** Turns the citizen's rating on (with its clause or reason) or off (null). */
    ratings: z.object({ clause: z.string().min(1), interpretation: z.string().min(1) }).strict().nullable().optional(),
    /** Turns the success-story count on (with the organisation's clause and its words) or off (null). */
    successStories: z.object({ clause: z.string().min(1), quote: z.string().min(1) }).strict().nullable().optional(),
    /** Turns the dismissal notice and its reminder on (with the days, the clause and its words) or off (null). */
    dismissal: z.object({ noticeDays: z.number().int().min(1).max(30), clause: z.string().min(1), quote: z.string().min(1) }).strict().nullable().optional(),
    /** Switch the spelling check on (or off) whatever the regulation says. */
    draftChecks: z.object({ spelling: z.boolean().optional() }).strict().optional(),
    /**
     * The extension on request (kamchatka-ias-2021 2.5): its limit in whole days, who grants it, its
     * clock; fields left out keep the profile's. Where the profile has none, a complete one (timer, max,
     * clock, clause) adds it; null removes it. A changed clock needs the organisation's clause.
     */
    extension: z
      .object({
        timer: timerIdSchema.optional(),
        max: extensionMaxSchema.optional(),
        clock: clockSchema.optional(),
        grantedBy: z.enum(['curator', 'head']).optional(),
        clause: z.string().min(1).optional(),
      })
      .strict()
      .nullable()
      .optional(),
    /**
     * A message's own (agreed or shortened) term: its bounds `min`…`max` in `unit`, who sets it, at which
     * importance levels; fields left out keep the profile's. Where the profile's term is a shortened one
     * (its max under the timer's own duration), the new max stays under it too. Null removes it.
     */
    agreedTerm: z
      .object({
        timer: timerIdSchema.optional(),
        setBy: z.enum(['curator', 'head']).optional(),
        unit: z.enum(['days', 'hours']).optional(),
        min: z.int().positive().optional(),
        max: z.int().positive().optional(),
        clock: clockSchema.optional(),
        levels: z.array(z.string().min(1)).min(1).optional(),
        clause: z.string().min(1).optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export type ProfileOverrides = z.input<typeof profileOverridesSchema>;

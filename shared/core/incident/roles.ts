import { z } from 'zod';
import { rejectReasons } from './commands.js';

/**
 * The organisation's staff roles: what the organisation file gives each
 * person (shared/platform/config/org-schema.ts reads them from here). The
 * regulation profiles' process roles (approver, responsible…) are another
 * thing: `ProcessRole` in shared/core/sla.
 */
export const roles = ['curator', 'executor', 'head', 'duty', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * Who may act on an incident: a staff role, `system` (the worker: publication
 * done) or `citizen` (the author answering a clarification request).
 */
export const actorRoles = [...roles, 'system', 'citizen'] as const;
export type ActorRole = (typeof actorRoles)[number];

const userId = z.int().positive();
const department = z.string().min(1);

/**
 * The one acting. A staff member's `userId` is their Telegram id; an executor
 * always acts for one department (the organisation file gives each executor one).
 */
export const actorSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('executor'), userId, department }),
  z.object({ role: z.enum(['curator', 'head', 'duty', 'admin']), userId }),
  z.object({ role: z.literal('system') }),
  z.object({ role: z.literal('citizen') }),
]);
export type Actor = z.output<typeof actorSchema>;

/** The Telegram id behind an actor, or null for the worker and the citizen (the audit's `actor_id`). */
export function actorUserId(actor: Actor): number | null {
  return actor.role === 'system' || actor.role === 'citizen' ? null : actor.userId;
}

/**
 * The part of a regulation profile the workflow needs. The profile engine
 * (shared/core/sla) maps each preset onto this, so the core does not depend on it:
 *
 * - `approver`: who approves drafts — the curator, or the head (sobolevo-2021 п.13–14).
 * - `responsibleSetter`: who names the responsible executor among several
 *   departments — the curator, or the head (sobolevo-2021 п.19).
 * - `jointAnswer`: `appointed` — the named responsible writes the joint answer;
 *   `last_in_order` — the last department in the curator's order does (ivanovo-2020 п.15).
 * - `publisher`: who may record a publication done by hand (a network the
 *   worker cannot post to, or a retry by hand); the worker (`system`) always may.
 * - `clarificationPausesClock`: a published clarification request stops the
 *   answer clock until the author replies (kislovodsk-2020 п.10).
 * - `interimAllowed`: an interim answer may be given.
 * - `importanceLevels`: the levels a triage may set ("normal" and the
 *   profile's own); `normal` and `high` when absent.
 * - `extension`: the answer term may be extended on the responsible
 *   executor's request, by whom and up to how many days in total
 *   (kamchatka-ias-2021 2.5); absent: no extensions.
 * - `agreedTerm`: who may set a message's own (shortened, agreed) term, in
 *   which unit and bounds, and at which importance levels (zavitinsk п.8,
 *   ivanovo п.7, sobolevo п.18, kamchatka-ias-2021 2.6); absent: none.
 * - `partsOrdered`, `partsTo`: co-executors in the order set at routing, and
 *   whom their parts go to (the profile's `coExecutors`).
 */
export const workflowRulesSchema = z.object({
  approver: z.enum(['curator', 'head']),
  responsibleSetter: z.enum(['curator', 'head']),
  jointAnswer: z.enum(['appointed', 'last_in_order']),
  publisher: z.enum(['curator', 'executor']),
  clarificationPausesClock: z.boolean(),
  interimAllowed: z.boolean(),
  /** The profile's closed list of reasons for «не подлежит обработке»; absent: any reason (tests and old callers). */
  rejectReasons: z.array(z.enum(rejectReasons)).optional(),
  /** The citizen may rate the final answer (kamchatka-ias-2021 2.7, an interpretation on the networks). */
  ratings: z.boolean().optional(),
  /** A forwarded message gets a reply telling the citizen where it went. */
  forwardReply: z.boolean().optional(),
  importanceLevels: z.array(z.string().min(1)).min(1).optional(),
  extension: z.object({ grantedBy: z.enum(['curator', 'head']), maxDays: z.int().positive() }).optional(),
  agreedTerm: z
    .object({
      setBy: z.enum(['curator', 'head']),
      unit: z.enum(['days', 'hours']),
      min: z.int().positive(),
      max: z.int().positive(),
      /** The profile timer the term replaces. */
      timer: z.string().min(1),
      /** Importance levels at which a term may be agreed (Kamchatka: fast-track only); any when absent. */
      levels: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Success stories covered in the media are marked and counted (sobolevo-2021 п.23). */
  successStories: z.boolean().optional(),
  /** Co-executors prepare their parts in the order the routing sets (zavitinsk п.16, ivanovo п.15, severny п.12). */
  partsOrdered: z.boolean().optional(),
  /** Whom a co-executor's part goes to; the responsible executor when absent. */
  partsTo: z.enum(['curator', 'responsible']).optional(),
  /** An answer must carry a photo unless the approver gives the reason it could not be had (kamchatka 2.5). */
  photoRequired: z.boolean().optional(),
});
export type WorkflowRules = z.output<typeof workflowRulesSchema>;

/** A role in the transition table: a fixed role, or one the rules decide. */
export type RoleRef =
  | ActorRole
  | 'approver'
  | 'responsibleSetter'
  | 'publisher'
  /** The executor, where the profile allows extensions; no one elsewhere. */
  | 'extensionRequester'
  | 'extensionGranter'
  | 'termSetter'
  /** The curator and the head, where the profile counts success stories; no one elsewhere. */
  | 'successCurator'
  | 'successHead';

/** The role a reference stands for under these rules; null when the profile gives the act to no one. */
export function resolveRole(ref: RoleRef, rules: WorkflowRules): ActorRole | null {
  switch (ref) {
    case 'approver':
      return rules.approver;
    case 'responsibleSetter':
      return rules.responsibleSetter;
    case 'publisher':
      return rules.publisher;
    case 'extensionRequester':
      return rules.extension ? 'executor' : null;
    case 'extensionGranter':
      return rules.extension?.grantedBy ?? null;
    case 'termSetter':
      return rules.agreedTerm?.setBy ?? null;
    case 'successCurator':
      return rules.successStories ? 'curator' : null;
    case 'successHead':
      return rules.successStories ? 'head' : null;
    default:
      return ref;
  }
}

export function resolveRoles(refs: readonly RoleRef[], rules: WorkflowRules): ActorRole[] {
  return [...new Set(refs.map((ref) => resolveRole(ref, rules)).filter((r): r is ActorRole => r !== null))];
}

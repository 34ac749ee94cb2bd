import { z } from 'zod';

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
  /** Co-executors prepare their parts in the order the routing sets (zavitinsk п.16, ivanovo п.15, severny п.12). */
  partsOrdered: z.boolean().optional(),
  /** Whom a co-executor's part goes to; the responsible executor when absent. */
  partsTo: z.enum(['curator', 'responsible']).optional(),
  /** An answer must carry a photo unless the approver gives the reason it could not be had (kamchatka 2.5). */
  photoRequired: z.boolean().optional(),
});
export type WorkflowRules = z.output<typeof workflowRulesSchema>;

/** A role in the transition table: a fixed role, or one the rules decide. */
export type RoleRef = ActorRole | 'approver' | 'responsibleSetter' | 'publisher';

export function resolveRole(ref: RoleRef, rules: WorkflowRules): ActorRole {
  switch (ref) {
    case 'approver':
      return rules.approver;
    case 'responsibleSetter':
      return rules.responsibleSetter;
    case 'publisher':
      return rules.publisher;
    default:
      return ref;
  }
}

export function resolveRoles(refs: readonly RoleRef[], rules: WorkflowRules): ActorRole[] {
  return [...new Set(refs.map((ref) => resolveRole(ref, rules)))];
}

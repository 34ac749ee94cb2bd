import { importances, type RejectReason, type WorkflowRules } from '../incident/index.js';

/** «Не подлежат обработке» as every document words it (e.g. Zavitinsk п.19): for a profile that gives no list of its own. */
export const COMMON_REJECT_REASONS: readonly RejectReason[] = ['harm_intent', 'obscenity', 'abuse', 'threat'];
import { parseDuration } from './duration.js';
import type { Profile } from './index.js';

/**
 * The workflow's rules as a regulation profile states them. The domain core
 * takes WorkflowRules, not a Profile, so it stays independent of the timer
 * engine; this is the one place the two meet.
 */
export function workflowRules(profile: Profile): WorkflowRules {
  return {
    approver: profile.approver,
    responsibleSetter: profile.responsibleSetter,
    jointAnswer: profile.jointAnswer,
    // "responsible": the responsible executor publishes; in the domain that is an executor's act.
    publisher: profile.publisher === 'curator' ? 'curator' : 'executor',
    clarificationPausesClock: Boolean(profile.clarification),
    // An interim answer is allowed where the profile times the final answer after one.
    interimAllowed: Object.values(profile.timers).some((t) => t.start.includes('published:interim')),
    rejectReasons: [...(profile.rejection?.reasons ?? COMMON_REJECT_REASONS)],
    ratings: Boolean(profile.ratings),
    successStories: Boolean(profile.successStories),
    forwardReply: profile.forwarding?.replyToCitizen ?? false,
    // Every profile marks a message normal or high (the curator's «категория важности»; high is also told at night),
    // and adds its own levels (ПОС п.10.2 "local-fast").
    importanceLevels: [...new Set([...importances, ...Object.keys(profile.importance ?? {})])],
    ...(profile.extension ? { extension: { grantedBy: profile.extension.grantedBy, maxDays: parseDuration(profile.extension.max).days } } : {}),
    ...(profile.agreedTerm
      ? {
          agreedTerm: {
            setBy: profile.agreedTerm.setBy,
            unit: profile.agreedTerm.unit,
            min: profile.agreedTerm.min,
            max: profile.agreedTerm.max,
            timer: profile.agreedTerm.timer,
            ...(profile.agreedTerm.levels ? { levels: profile.agreedTerm.levels } : {}),
          },
        }
      : {}),
    partsOrdered: profile.coExecutors?.sequence === 'ordered',
    partsTo: profile.coExecutors?.partsTo ?? 'responsible',
    photoRequired: profile.evidence?.photoRequired === true,
  };
}

import type { WorkflowRules } from '../incident/index.js';
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
    partsOrdered: profile.coExecutors?.sequence === 'ordered',
    partsTo: profile.coExecutors?.partsTo ?? 'responsible',
    photoRequired: profile.evidence?.photoRequired === true,
  };
}

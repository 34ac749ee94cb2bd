import type { IncidentEvent } from '../incident/events.js';
import { deadlines } from '../sla/deadlines.js';
import type { Profile } from '../sla/profile/schema.js';
import type { WorkTime } from '../sla/work-time.js';

/** The answer timers, the final answer's (after an interim one) first: what a citizen is told to expect. */
const ANSWER_TIMERS = ['final', 'answer'] as const;

/** When the citizen's answer is due as things stand: the running answer timer's due; null when none runs. */
export function answerDue(events: readonly IncidentEvent[], profile: Profile, workTime: WorkTime): Date | null {
  const running = deadlines(events, profile, workTime).filter((d) => d.state === 'running' && d.due !== null);
  for (const timer of ANSWER_TIMERS) {
    const found = running.find((d) => d.timer === timer);
    if (found) return new Date(found.due!);
  }
  return null;
}

import type { IncidentEvent } from '../incident/events.js';
import type { Moment } from './profile/schema.js';

/**
 * The profile's word for each of the incident's events
 * (shared/core/incident/events.ts): what a timer's `start` and `stop` lists
 * name. The SLA engine reads the incident's own events; this switch is the
 * only translation, and it is exhaustive over the event union, so a new or
 * renamed event does not compile until it is placed here. null: the event
 * moves no timer.
 */
export function momentOf(e: IncidentEvent): Moment | null {
  switch (e.type) {
    case 'incident_detected':
      return 'detected';
    case 'triaged':
    case 'routed':
    case 'responsible_appointed':
    case 'returned':
    case 'part_submitted':
    case 'draft_submitted':
    case 'draft_approved':
    case 'clarification_answered':
    case 'closed':
    case 'rejected':
    case 'reopened':
    case 'forwarded':
      return e.type;
    case 'draft_sent_to_rework':
      return 'draft_returned';
    case 'reply_published':
      return 'published';
    case 'executor_removed':
      // A dismissed executor's responsible work went back to the curator: for the timers, a return (routing starts again).
      return e.data.returnedToCurator ? 'returned' : null;
    case 'taken':
    case 'draft_started':
    case 'repeat_linked':
    case 'author_message_changed':
    case 'citizen_reacted':
    case 'citizen_rated':
    case 'reassigned':
    case 'extension_requested':
    case 'extension_granted':
    case 'extension_refused':
    case 'term_agreed':
    case 'success_marked':
    case 'success_unmarked':
      // Agreed terms and extensions move a due (deadlines.ts reads them directly); they start or stop no timer.
      return null;
    default: {
      const unmapped: never = e;
      throw new Error(`momentOf: no moment for event ${(unmapped as { type: string }).type}`);
    }
  }
}

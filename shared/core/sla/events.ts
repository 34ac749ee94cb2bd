import type { DraftKind } from '../incident/commands.js';
import type { Instant } from './work-time.js';

/**
 * The incident history as the deadline computation needs it: what happened
 * and when. The domain's own events map onto these one to one; instants are
 * epoch milliseconds or Dates.
 */
export type IncidentEvent =
  | { type: 'detected'; at: Instant }
  /** Importance (or category) set at triage: "normal", "high", or a profile's own level. */
  | { type: 'triaged'; at: Instant; importance?: string }
  /** Sent to departments; with several, `responsible` writes the joint answer (the first one when absent). */
  | { type: 'routed'; at: Instant; departments?: string[]; responsible?: string }
  /** Returned to the curator as outside the department's competence. */
  | { type: 'returned'; at: Instant; department?: string }
  /** A co-executor's part sent to the responsible executor. */
  | { type: 'part_submitted'; at: Instant; department: string }
  | { type: 'draft_submitted'; at: Instant; kind: DraftKind }
  /** Sent back for rework. */
  | { type: 'draft_returned'; at: Instant }
  | { type: 'draft_approved'; at: Instant }
  | { type: 'published'; at: Instant; kind: DraftKind }
  /** The author answered a published clarification request. */
  | { type: 'clarification_answered'; at: Instant }
  /** A granted extension of a timer (the profile's `extension`); `by` defaults to the most allowed. */
  | { type: 'extended'; at: Instant; timer: string; by?: string }
  | { type: 'closed'; at: Instant }
  | { type: 'rejected'; at: Instant }
  /** Back to work after an answer or a close (a repeat, or the author disagreed): timers may start again. */
  | { type: 'reopened'; at: Instant }
  /** Another department now writes the joint answer; co-executor timers follow without restarting. */
  | { type: 'responsible_appointed'; at: Instant; department: string };

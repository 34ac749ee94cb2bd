import type { IncidentEvent } from './events.js';
import type { DraftKind } from '../incident/commands.js';
import type { Instant } from './work-time.js';

/**
 * The domain's audit events (shared/core/incident/events.ts) as the history that
 * deadlines() reads. Matched by shape, not by import, so the pure cores stay
 * independent; events that move no timer (taken, draft_started,
 * repeat_linked, reassigned) are left out.
 */
export interface DomainEventLike {
  type: string;
  at: Instant;
  data?: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function historyFromDomain(events: readonly DomainEventLike[]): IncidentEvent[] {
  const out: IncidentEvent[] = [];
  for (const e of events) {
    const d = e.data ?? {};
    const at = e.at;
    switch (e.type) {
      case 'incident_detected':
        out.push({ type: 'detected', at });
        break;
      case 'triaged':
        out.push({ type: 'triaged', at, importance: str(d.importance) });
        break;
      case 'routed':
        out.push({ type: 'routed', at, departments: Array.isArray(d.departments) ? (d.departments as string[]) : [], responsible: str(d.responsible) });
        break;
      case 'responsible_appointed':
        out.push({ type: 'responsible_appointed', at, department: String(d.department) });
        break;
      case 'returned':
        out.push({ type: 'returned', at, department: str(d.department) });
        break;
      case 'executor_removed':
        // A dismissed executor's responsible work went back to the curator: for the timers, a return (routing starts again).
        if (d.returnedToCurator === true) out.push({ type: 'returned', at, department: str(d.department) });
        break;
      case 'part_submitted':
        out.push({ type: 'part_submitted', at, department: String(d.department) });
        break;
      case 'draft_submitted':
        out.push({ type: 'draft_submitted', at, kind: d.kind as DraftKind });
        break;
      case 'draft_sent_to_rework':
        out.push({ type: 'draft_returned', at });
        break;
      case 'draft_approved':
        out.push({ type: 'draft_approved', at });
        break;
      case 'reply_published':
        out.push({ type: 'published', at, kind: d.kind as DraftKind });
        break;
      case 'clarification_answered':
        out.push({ type: 'clarification_answered', at });
        break;
      case 'extended':
        out.push({ type: 'extended', at, timer: String(d.timer), by: str(d.by) });
        break;
      case 'closed':
      case 'rejected':
      case 'reopened':
        out.push({ type: e.type, at });
        break;
      default:
        break;
    }
  }
  return out;
}

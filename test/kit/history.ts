import type { DraftKind, Importance } from '../../shared/core/incident/commands.js';
import type { EventData, EventOf, EventType } from '../../shared/core/incident/events.js';
import type { Actor } from '../../shared/core/incident/roles.js';

/**
 * Incident histories for the SLA engine's tests, as short as the timers read
 * them: each builder makes one of the incident's own events
 * (shared/core/incident/events.ts) from the instant and the fields a timer
 * looks at; the rest is filled in plausibly. Instants are epoch ms or Dates.
 */
type When = number | Date;

const curator: Actor = { role: 'curator', userId: 1 };
const executor = (department: string): Actor => ({ role: 'executor', userId: 101, department });
const system: Actor = { role: 'system' };

function event<T extends EventType>(type: T, at: When, data: EventData<T>, actor: Actor = curator): EventOf<T> {
  // Timers read no versions; 1 keeps every event well-formed.
  return { type, data, version: 1, at: typeof at === 'number' ? new Date(at) : at, actor };
}

export const ev = {
  extensionGranted: (at: When, days: number, totalDays = days) => event('extension_granted', at, { days, totalDays }),
  termAgreed: (at: When, amount: number, unit: 'days' | 'hours' = 'days', timer = 'answer') => event('term_agreed', at, { timer, amount, unit }),
  detected: (at: When) => event('incident_detected', at, { incidentId: 1, network: 'vk' }, system),
  triaged: (at: When, importance: Importance = 'normal') =>
    event('triaged', at, { topics: ['Дороги'], location: 'Завитинск', importance, sociallySignificant: false }),
  routed: (at: When, departments: string[] = ['roads'], responsible: string | null = null, order: string[] | null = null) =>
    event('routed', at, { departments, responsible, order }),
  responsibleAppointed: (at: When, department: string) => event('responsible_appointed', at, { department, previous: null }),
  taken: (at: When, department = 'roads') => event('taken', at, { department, executorId: 101 }, executor(department)),
  returned: (at: When, department = 'roads') => event('returned', at, { department, note: 'Не наша компетенция' }, executor(department)),
  partSubmitted: (at: When, department: string) =>
    event('part_submitted', at, { department, text: 'Часть ответа', attachments: [] }, executor(department)),
  draftSubmitted: (at: When, kind: DraftKind = 'answer', department = 'roads') =>
    event('draft_submitted', at, { draft: 1, kind, text: 'Здравствуйте!', attachments: [], photoExpected: false, department }, executor(department)),
  sentToRework: (at: When) => event('draft_sent_to_rework', at, { draft: 1, comment: 'Уточните сроки' }),
  draftApproved: (at: When) => event('draft_approved', at, { draft: 1, editedText: null }),
  published: (at: When, kind: DraftKind) =>
    event('reply_published', at, { draft: 1, kind, messageId: 'm1', link: null, pausesClock: kind === 'clarification' }, system),
  clarificationAnswered: (at: When) =>
    event('clarification_answered', at, { text: 'Ответ автора', messageId: 'm2', resumesClock: true }, { role: 'citizen' }),
  executorRemoved: (at: When, department: string, returnedToCurator: boolean) =>
    event('executor_removed', at, { executorId: 101, name: 'x', cause: 'revoked', released: [department], department, returnedToCurator }),
  closed: (at: When) => event('closed', at, { outcome: 'resolved' }),
  rejected: (at: When) => event('rejected', at, { reason: 'other', note: null }),
  reopened: (at: When) => event('reopened', at, { cause: 'repeat', note: null }),
};

/**
 * A fixed week of facts for the report tests (not part of the public API).
 * Week of Monday 7 April 2025 in Moscow: no holidays or shortened days, so
 * working minutes are easy to count by hand. The expected values are worked
 * out in measures.test.ts.
 */
import { DateTime } from 'luxon';
import type { DraftFact, IncidentFact, ReportInput, StageFact } from '../../shared/core/analytics/measures.js';

export const ZONE = 'Europe/Moscow';

/** "2025-04-07 10:00" in Moscow. */
export function msk(local: string): Date {
  const d = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: ZONE });
  if (!d.isValid) throw new Error(`bad time ${local}`);
  return d.toJSDate();
}

export const ROADS = 'roads';
export const HOUSING = 'housing';
export const PETROV = 101;
export const ANDREEVA = 102;
export const SIDOROV = 103;

function incident(
  o: Partial<IncidentFact> & Pick<IncidentFact, 'incidentId' | 'network' | 'topics' | 'location' | 'receivedAt'>,
): IncidentFact {
  return {
    rejected: false,
    forwardedTo: null,
    rating: null,
    sociallySignificant: false,
    repeatOf: null,
    firstReply: null,
    interimAt: null,
    answeredAt: null,
    returns: [],
    drafts: [],
    closedAt: null,
    outcome: null,
    engagement: null,
    reacted: null,
    excerpt: `Сообщение №${o.incidentId}`,
    link: null,
    ...o,
  };
}

function draft(executorId: number, department: string, kind: DraftFact['kind'], at: string, warnings: number, result: DraftFact['result']): DraftFact {
  return { executorId, department, kind, submittedAt: msk(at), warnings, result };
}

const byId = new Map<number, IncidentFact>();

function stage(
  incidentId: number,
  stage: string,
  department: string | null,
  executorId: number | null,
  started: string,
  due: string | null,
  ended: string | null,
): StageFact {
  const i = byId.get(incidentId)!;
  const startedAt = msk(started);
  const dueAt = due === null ? null : msk(due);
  const endedAt = ended === null ? null : msk(ended);
  const calendarMinutes = endedAt === null ? 0 : (endedAt.getTime() - startedAt.getTime()) / 60_000;
  return {
    incidentId,
    network: i.network,
    topics: i.topics,
    location: i.location,
    department,
    executorId,
    stage,
    startedAt,
    dueAt,
    endedAt,
    met: endedAt === null || dueAt === null ? null : endedAt.getTime() <= dueAt.getTime(),
    // The tests never read these two; the feeder computes them with the organisation's WorkTime.
    workingMinutes: calendarMinutes,
    calendarMinutes,
  };
}

export const incidents: IncidentFact[] = [
  incident({
    incidentId: 1,
    network: 'vk',
    topics: ['ЖКХ'],
    location: 'Центр',
    receivedAt: msk('2025-04-07 10:00'),
    firstReply: { at: msk('2025-04-07 12:00'), workingMinutes: 120 },
    answeredAt: msk('2025-04-07 12:00'),
    drafts: [draft(PETROV, ROADS, 'answer', '2025-04-07 11:00', 2, 'rework'), draft(PETROV, ROADS, 'answer', '2025-04-07 11:50', 0, 'approved')],
    closedAt: msk('2025-04-09 10:00'),
    outcome: 'resolved',
    engagement: 12,
    excerpt: 'Во дворе дома 5 по ул. Ленина третий день не вывозят мусор',
    link: 'https://vk.com/wall-1_1',
  }),
  incident({
    incidentId: 2,
    network: 'ok',
    topics: ['Дороги'],
    location: 'Заречье',
    receivedAt: msk('2025-04-07 15:00'),
    returns: [{ department: HOUSING, at: msk('2025-04-07 16:00') }],
    firstReply: { at: msk('2025-04-08 10:00'), workingMinutes: 240 },
    interimAt: msk('2025-04-08 10:00'),
    answeredAt: msk('2025-04-10 12:00'),
    drafts: [draft(ANDREEVA, ROADS, 'interim', '2025-04-08 09:30', 1, 'approved'), draft(ANDREEVA, ROADS, 'answer', '2025-04-10 11:00', 0, 'approved')],
    engagement: 3,
    reacted: true,
    excerpt: 'Яма на мосту через Заречную, машины объезжают по встречной',
  }),
  incident({
    incidentId: 3,
    network: 'telegram',
    topics: ['ЖКХ', 'Благоустройство'],
    location: 'Центр',
    receivedAt: msk('2025-04-09 09:30'),
    sociallySignificant: true,
    firstReply: { at: msk('2025-04-09 11:00'), workingMinutes: 90 },
    answeredAt: msk('2025-04-09 11:00'),
    drafts: [
      draft(SIDOROV, HOUSING, 'answer', '2025-04-09 09:50', 3, 'rework'),
      draft(SIDOROV, HOUSING, 'answer', '2025-04-09 10:10', 1, 'rework'),
      draft(SIDOROV, HOUSING, 'answer', '2025-04-09 10:40', 0, 'approved'),
    ],
    closedAt: msk('2025-04-11 10:00'),
    outcome: 'explained',
    engagement: 5,
    reacted: false,
    excerpt: 'В доме 12 нет горячей воды с понедельника',
  }),
  // Rejected: its engagement must not put it among the top messages.
  incident({ incidentId: 4, network: 'vk', topics: ['Дороги'], location: null, receivedAt: msk('2025-04-10 11:00'), rejected: true, engagement: 50 }),
  // A repeat of №1.
  incident({
    incidentId: 5,
    network: 'vk',
    topics: ['ЖКХ'],
    location: 'Центр',
    receivedAt: msk('2025-04-12 12:00'),
    repeatOf: 1,
    firstReply: { at: msk('2025-04-12 12:10'), workingMinutes: 30 },
  }),
  // Received the week before: only its stages and reply outside the period matter, and they must not count.
  incident({
    incidentId: 6,
    network: 'vk',
    topics: ['ЖКХ'],
    location: 'Заречье',
    receivedAt: msk('2025-04-04 10:00'),
    sociallySignificant: true,
    firstReply: { at: msk('2025-04-04 15:00'), workingMinutes: 300 },
    drafts: [draft(SIDOROV, HOUSING, 'answer', '2025-04-04 12:00', 1, 'rework')],
  }),
  // Late on the last Sunday, Moscow time (20:30 UTC): still this week.
  incident({ incidentId: 7, network: 'ok', topics: ['Транспорт'], location: 'Заречье', receivedAt: msk('2025-04-13 23:30') }),
  // Just after midnight on Monday, Moscow time (21:30 UTC on Sunday): next week.
  incident({ incidentId: 8, network: 'vk', topics: ['ЖКХ'], location: 'Центр', receivedAt: msk('2025-04-14 00:30') }),
];
for (const i of incidents) byId.set(i.incidentId, i);

export const stages: StageFact[] = [
  stage(1, 'route', null, null, '2025-04-07 10:00', '2025-04-07 12:00', '2025-04-07 10:30'),
  stage(1, 'draft', ROADS, PETROV, '2025-04-07 10:30', '2025-04-07 14:30', '2025-04-07 11:00'),
  stage(1, 'approval', null, null, '2025-04-07 11:00', '2025-04-07 13:00', '2025-04-07 11:20'),
  stage(1, 'rework', ROADS, PETROV, '2025-04-07 11:20', '2025-04-07 13:20', '2025-04-07 11:50'),
  stage(1, 'approval', null, null, '2025-04-07 11:50', '2025-04-07 13:50', '2025-04-07 12:00'),
  stage(2, 'route', null, null, '2025-04-07 15:00', '2025-04-07 17:00', '2025-04-07 15:30'),
  stage(2, 'return', HOUSING, SIDOROV, '2025-04-07 15:30', '2025-04-07 17:30', '2025-04-07 16:00'),
  stage(2, 'route', null, null, '2025-04-07 16:00', '2025-04-08 09:00', '2025-04-07 16:20'),
  stage(2, 'draft', ROADS, ANDREEVA, '2025-04-07 16:20', '2025-04-08 10:00', '2025-04-08 12:00'), // late
  stage(2, 'final', ROADS, ANDREEVA, '2025-04-08 10:00', '2025-04-10 18:00', '2025-04-10 12:00'),
  stage(3, 'route', null, null, '2025-04-09 09:30', '2025-04-09 11:30', '2025-04-09 09:40'),
  stage(3, 'draft', HOUSING, SIDOROV, '2025-04-09 09:40', '2025-04-09 13:40', '2025-04-09 10:40'),
  stage(5, 'route', null, null, '2025-04-12 12:00', '2025-04-14 11:00', '2025-04-12 12:30'),
  // Due after the period, overdue at asOf: overdue now, not judged this week.
  stage(5, 'draft', ROADS, PETROV, '2025-04-12 12:30', '2025-04-14 08:00', null),
  // Started last week, due this week, never ended: a miss this week and overdue now.
  stage(6, 'draft', HOUSING, SIDOROV, '2025-04-04 11:00', '2025-04-09 12:00', null),
  stage(6, 'route', null, null, '2025-04-04 10:00', '2025-04-04 12:00', '2025-04-04 10:30'),
  // Running and not yet due.
  stage(7, 'route', null, null, '2025-04-13 23:30', '2025-04-14 11:00', null),
  // Paused for a clarification (no due): neither judged nor overdue.
  stage(7, 'answer', null, null, '2025-04-13 23:30', null, null),
];

export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    organisation: { id: 'ivanovo', name: 'Администрация города Иваново' },
    period: { kind: 'week', from: msk('2025-04-07 00:00'), to: msk('2025-04-14 00:00'), timezone: ZONE },
    asOf: msk('2025-04-14 09:00'),
    incidents,
    stages,
    names: {
      departments: { [ROADS]: 'Дорожное хозяйство', [HOUSING]: 'Отдел ЖКХ' },
      executors: { [PETROV]: 'Петров П. П.', [ANDREEVA]: 'Андреева А. А.', [SIDOROV]: 'Сидоров С. С.' },
    },
    ...overrides,
  };
}

import type { ProfileInput } from '../schema.js';
import { ESCALATE, UNSAID } from './common.js';

/**
 * Severny district (Novosibirsk oblast), resolution No. 746 of 28.12.2022:
 * the order for messages from open sources. The district's authorised person
 * (управление делами) receives, returns or routes, and writes the drafts
 * with the departments' parts; the regional curator (ЦУР НСО) approves.
 * Both act in Otklik's curator role; the drafts are the responsible's.
 */
export const severny2022: ProfileInput = {
  id: 'severny-2022',
  title: 'Северный район: сообщения из открытых источников',
  document: 'Постановление администрации Северного района Новосибирской области от 28.12.2022 № 746, Порядок работы с сообщениями (жалобами) из открытых источников',
  example: { organisation: 'Администрация Северного района Новосибирской области', timezone: 'Asia/Novosibirsk' },
  approver: 'curator',
  approverClause: 'п.7, п.8',
  publisher: 'curator',
  publisherClause: 'п.10',
  timers: {
    return: {
      title: 'return to the regional curator as outside the competence',
      start: ['detected', 'reopened'],
      stop: ['forwarded', 'returned', 'routed'],
      duration: '30m',
      clock: 'working',
      kind: 'window',
      actor: 'curator',
      escalateTo: [],
      clause: 'п.6',
    },
    route: {
      title: 'route to the department, agreed with the head of управление делами',
      start: ['detected', 'reopened'],
      stop: ['routed', 'returned'],
      duration: '1h',
      clock: 'working',
      actor: 'curator',
      escalateTo: ESCALATE.staff,
      clause: 'п.6',
      clockNote: UNSAID,
    },
    answer: {
      title: 'approved answer published',
      start: ['detected', 'reopened'],
      stop: ['published:answer|interim'],
      duration: '9h',
      clock: 'working',
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: 'п.10',
    },
    draft: {
      title: 'draft sent to the curator for approval',
      start: ['routed'],
      stop: ['draft_submitted'],
      before: 'answer',
      duration: '2h',
      clock: 'working',
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.7',
      clockNote: UNSAID,
    },
    approval: {
      title: 'draft approved or returned',
      start: ['draft_submitted'],
      stop: ['draft_approved', 'draft_returned'],
      duration: '30m',
      clock: 'working',
      actor: 'approver',
      escalateTo: ESCALATE.staff,
      clause: 'п.8',
    },
    rework: {
      title: 'returned draft fixed and resubmitted',
      start: ['draft_returned'],
      stop: ['draft_submitted'],
      duration: '1h',
      clock: 'working',
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.9',
    },
    final: {
      title: 'final draft after an interim answer',
      start: ['published:interim'],
      once: true,
      stop: ['draft_submitted:answer'],
      duration: '7d',
      clock: 'working',
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.11',
    },
    coExecutor: {
      title: "department official's part sent",
      start: ['routed'],
      stop: ['part_submitted'],
      perCoExecutor: true,
      duration: '2h',
      clock: 'working',
      actor: 'co-executor',
      escalateTo: ESCALATE.executor,
      clause: 'п.12',
    },
  },
  immediateReport: { to: 'head', clause: 'п.17' },
  rejection: { reasons: ['harm_intent', 'obscenity', 'abuse', 'threat'], clause: 'п.15' },
  forwarding: {
    bodies: [{ id: 'cur-nso', name: 'ЦУР НСО' }],
    replyToCitizen: false,
    clause: 'п.6',
    note: 'п.6: a message outside the district\'s competence goes back to the regional curator (ЦУР НСО) within 30 working minutes; ЦУР answers it, so the district posts no reply of its own',
  },
  coExecutors: {
    sequence: 'ordered',
    orderSetter: 'curator',
    partsTo: 'curator',
    clause: 'п.12',
    quote:
      '1) очередность подготовки информации определяет начальник управления делами; 2) должностное лицо структурного подразделения, подготовившее необходимую информацию …, направляет ее уполномоченному лицу управления делами; 3) … не более 2 часов рабочего времени с момента поступления сообщения … для подготовки информации',
    interpretation:
      'управление делами acts in Otklik\'s curator role (its head and its authorised person), so the order is set when routing and the parts go to the curators\' chat; each part is timed from when the previous one is in',
  },
  notes: [
    'п.10: publication has no term of its own; it must fall within the 9 working hours of the answer.',
    'п.12: the head of управление делами sets the order of the departments\' parts.',
    'п.3: users\' personal data is handled under the personal data law.',
  ],
};

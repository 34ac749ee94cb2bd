import type { ProfileInput } from '../schema.js';
import { ESCALATE, UNSAID } from './common.js';

const CALENDAR_DAYS =
  'п.10 says plain «дней» while п.11–13 of the same order say «рабочих дней»: the contrast reads as calendar days; ' +
  'a term ending on a day off ends on the next working day (Civil Code art. 193). An organisation that counts working days ' +
  'sets clock: working here in its file, with its reason in clockNote';
const CALENDAR_DAYS_BEFORE =
  'п.9.2 «не позднее чем за 2 дня до истечения срока» counts plain days like п.10, so calendar days; a due on a day off moves ' +
  'to the previous working day, since moving it later would eat the time before the answer that the clause keeps';
const HALF_TERM = 'half of the п.10 term, counted like it (calendar days; a day off moves the end to the next working day)';

/**
 * Severny district (Novosibirsk oblast), resolution No. 746 of 28.12.2022:
 * the order for messages (complaints) from the Gosuslugi feedback platform
 * (ПОС). The answer term depends on the message's category (п.10): 20 days by
 * default, 8 for the federal fast-track category ("high"), 14 for the local
 * fast-track category ("local-fast"); co-executors get half of it (п.14).
 * Those terms and п.9.2's "2 days before" are plain «дней» where п.11–13 say
 * «рабочих дней», so they are calendar days (see CALENDAR_DAYS).
 */
export const severnyPos2022: ProfileInput = {
  id: 'severny-pos-2022',
  title: 'Северный район: сообщения (жалобы) на платформе обратной связи Госуслуг',
  document: 'Постановление администрации Северного района Новосибирской области от 28.12.2022 № 746, Порядок работы с сообщениями (жалобами), поданными через ЕПГУ (ПОС)',
  example: { organisation: 'Администрация Северного района Новосибирской области', timezone: 'Asia/Novosibirsk' },
  approver: 'curator',
  approverClause: 'п.11',
  publisher: 'curator',
  publisherClause: 'п.7, п.8',
  timers: {
    route: {
      title: 'route to the competent executor',
      start: ['detected', 'returned', 'reopened'],
      stop: ['routed'],
      duration: '1h',
      clock: 'working',
      actor: 'curator',
      escalateTo: ESCALATE.staff,
      clause: 'п.8',
      clockNote: `${UNSAID}; п.7 says the curator works by the administration's working hours`,
    },
    return: {
      title: 'return as outside the competence',
      start: ['routed'],
      stop: ['returned', 'draft_submitted'],
      duration: '30m',
      clock: 'working',
      kind: 'window',
      actor: 'executor',
      escalateTo: [],
      clause: 'п.9.1',
    },
    answer: {
      title: 'answer prepared and published',
      start: ['detected', 'reopened'],
      stop: ['published:answer|interim'],
      duration: '20d',
      clock: 'calendar',
      endsOnWorkingDay: true,
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: 'п.10.3',
      clockNote: CALENDAR_DAYS,
    },
    draft: {
      title: 'draft sent for approval',
      start: ['routed'],
      stop: ['draft_submitted'],
      before: 'answer',
      duration: '2d',
      clock: 'calendar',
      endsOnWorkingDay: true,
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.9.2',
      clockNote: CALENDAR_DAYS_BEFORE,
    },
    approval: {
      title: 'draft approved or returned',
      start: ['draft_submitted'],
      stop: ['draft_approved', 'draft_returned'],
      duration: '1d',
      clock: 'working',
      actor: 'approver',
      escalateTo: ESCALATE.staff,
      clause: 'п.11',
    },
    rework: {
      title: 'returned draft fixed and resubmitted',
      start: ['draft_returned'],
      stop: ['draft_submitted'],
      duration: '1d',
      clock: 'working',
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.12',
    },
    final: {
      title: 'final answer after an interim one',
      start: ['published:interim'],
      once: true,
      stop: ['published:answer'],
      duration: '7d',
      clock: 'working',
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: 'п.13',
    },
    coExecutor: {
      title: "executor's part sent to the responsible executor",
      start: ['routed'],
      stop: ['part_submitted'],
      perCoExecutor: true,
      duration: '10d',
      clock: 'calendar',
      endsOnWorkingDay: true,
      actor: 'co-executor',
      escalateTo: ESCALATE.executor,
      clause: 'п.14.2 (half of the answer term)',
      clockNote: HALF_TERM,
    },
  },
  importance: {
    high: {
      clause: 'п.10.1 (federal fast-track category: 8 days)',
      timers: {
        answer: { duration: '8d', clause: 'п.10.1' },
        coExecutor: { duration: '4d', clause: 'п.14.2 (half of the answer term)' },
      },
    },
    'local-fast': {
      clause: 'п.10.2 (local fast-track category: 14 days)',
      timers: {
        answer: { duration: '14d', clause: 'п.10.2' },
        coExecutor: { duration: '7d', clause: 'п.14.2 (half of the answer term)' },
      },
    },
  },
  rejection: { reasons: ['harm_intent', 'obscenity', 'abuse', 'threat'], clause: 'п.17' },
  forwarding: {
    bodies: [],
    replyToCitizen: false,
    clause: 'п.9.1',
    note: 'the document returns a message outside the competence to the curator; forwarding it on to the body it belongs to is the curator\'s act, listed in the organisation file',
  },
  coExecutors: {
    sequence: 'parallel',
    partsTo: 'responsible',
    clause: 'п.14',
    quote:
      '2) Исполнители, в соответствие со своей компетенцией, направляют информацию по рассмотрению вопроса ответственному исполнителю в течение половины срока, предусмотренного пунктом 10',
  },
  draftChecks: {
    familiarity: {
      clause: 'п.16',
      quote: 'составлен в вежливой форме с соблюдением правил деловой этики и не содержит оскорбление, фамильярности по отношению к автору',
    },
  },
  notes: [
    'п.10, п.9.2, п.14.2: plain «дней», read as calendar days (п.11–13 say «рабочих дней»); a term ending on a day off ends on the next working day (Civil Code art. 193), a "before" term on the previous one.',
    'п.14.1: the curator names the responsible executor.',
    'п.16: the answer starts with a greeting, is polite, exhaustive on the substance, with photos or videos where there are any.',
  ],
};

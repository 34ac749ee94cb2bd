import type { ProfileInput } from '../schema.js';
import { ESCALATE, UNSAID } from './common.js';

/** Sobolevo district (Kamchatka krai), order of 2021, annex 1: social networks. */
export const sobolevo2021: ProfileInput = {
  id: 'sobolevo-2021',
  title: 'Соболевский район: сообщения в социальных сетях',
  document: 'Распоряжение администрации Соболевского муниципального района (2021), приложение 1: Положение о порядке работы с сообщениями, размещёнными в социальных сетях',
  example: { organisation: 'Администрация Соболевского муниципального района', timezone: 'Asia/Kamchatka' },
  approver: 'head',
  approverClause: 'п.13, п.14',
  publisher: 'curator',
  publisherClause: 'п.16',
  responsibleSetter: 'head', // п.19: the head names the responsible executor
  timers: {
    route: {
      title: 'route to the competent department',
      start: ['detected', 'returned', 'reopened'],
      stop: ['routed'],
      duration: '30m',
      clock: 'working',
      actor: 'curator',
      escalateTo: ESCALATE.staff,
      clause: 'п.10',
      clockNote: UNSAID,
    },
    return: {
      title: 'return as outside the competence, with a note on the card',
      start: ['routed'],
      stop: ['returned', 'draft_submitted'],
      duration: '30m',
      clock: 'working',
      kind: 'window',
      actor: 'executor',
      escalateTo: [],
      clause: 'п.11',
      clockNote: UNSAID,
    },
    answer: {
      title: 'answer prepared and published',
      start: ['detected', 'reopened'],
      stop: ['published:answer|interim'],
      duration: '8h',
      clock: 'working',
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: 'п.12',
    },
    draft: {
      title: 'draft sent to the head for approval',
      start: ['routed'],
      stop: ['draft_submitted'],
      before: 'answer',
      duration: '4h',
      clock: 'working',
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.13',
      clockNote: UNSAID,
    },
    approval: {
      title: 'head approves or returns the draft',
      start: ['draft_submitted'],
      stop: ['draft_approved', 'draft_returned'],
      duration: '1h',
      clock: 'working',
      actor: 'approver',
      escalateTo: ESCALATE.staff,
      clause: 'п.14',
      clockNote: UNSAID,
    },
    rework: {
      title: 'returned draft fixed and resubmitted',
      start: ['draft_returned'],
      stop: ['draft_submitted'],
      duration: '1h',
      clock: 'working',
      actor: 'responsible',
      escalateTo: ESCALATE.executor,
      clause: 'п.15',
      clockNote: UNSAID,
    },
    publish: {
      title: 'approved answer handed to the curator and published',
      start: ['draft_approved'],
      stop: ['published'],
      duration: '1h',
      clock: 'working',
      actor: 'publisher',
      escalateTo: ESCALATE.staff,
      clause: 'п.16',
      clockNote: `${UNSAID}; in Otklik the approved text reaches the curator at once, so the hour covers publication`,
    },
    final: {
      title: 'final answer published after an interim one',
      start: ['published:interim'],
      once: true,
      stop: ['published:answer'],
      duration: '7d',
      clock: 'working',
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: 'п.17',
    },
    coExecutor: {
      title: "co-executor's part sent to the responsible executor",
      start: ['routed'],
      stop: ['part_submitted'],
      perCoExecutor: true,
      duration: '2h',
      clock: 'working',
      actor: 'co-executor',
      escalateTo: ESCALATE.executor,
      clause: 'п.19',
      clockNote: UNSAID,
    },
  },
  importance: {
    high: {
      clause: 'п.10 (high importance: no more than 4 hours from detection), п.18',
      timers: {
        answer: { duration: '4h', clause: 'п.10', clockNote: UNSAID },
        // Interpretation, not the letter of п.13: see the note below.
        draft: {
          duration: '2h',
          clause: 'п.13, read for the 4-hour track (interpretation)',
          clockNote: `${UNSAID}; п.13's "4 h before" would put the draft at routing, so for the 4-hour answer the draft is due 2 h before it, leaving the head's approval (п.14, 1 h) and the hand-over for publication (п.16, 1 h) their hour each`,
        },
      },
    },
  },
  coExecutors: {
    sequence: 'parallel',
    partsTo: 'responsible',
    clause: 'п.19',
    quote:
      '2) Исполнитель, подготовивший необходимую информацию …, направляет ее ответственному исполнителю; 3) … не более 2 часов с момента поступления Исполнителю сообщения для подготовки информации',
  },
  draftChecks: {
    spelling: {
      clause: 'п.23.2',
      quote: 'При оценке качества подготовленных Исполнителем ответов … учитываются: … 2) грамотность, отсутствие орфографических и пунктуационных ошибок.',
    },
  },
  reminders: {
    mediaPlan: {
      title: 'proposals for the media plan on success stories',
      months: [3, 6, 9, 12],
      dueDay: 25,
      leadWorkingDays: 5,
      to: 'departments',
      clause: 'распоряжение п.4.3',
      quote:
        'ежеквартально, не позднее 25 числа месяца квартала направлять в Отделение предложения для формирования медиаплана по освещению успешных практик решения проблем граждан',
      interpretation: '«месяца квартала» read as the quarter\'s last month (the plan is for the next quarter); reminded five working days ahead',
    },
  },
  reports: {
    quarterly: {
      title: 'timeliness, quality and dynamics; top messages of the quarter',
      period: 'quarter',
      dueDay: 5,
      to: 'head',
      clause: 'п.24',
    },
  },
  // The head decides (п.18); the seed sets no bounds: shorter than п.12's 8 hours, at least an hour. High importance
  // already has its 4-hour term (п.10), so the shortened term is set on normal messages (interpretation).
  agreedTerm: {
    timer: 'answer',
    setBy: 'head',
    unit: 'hours',
    min: 1,
    max: 7,
    clock: 'working',
    levels: ['normal'],
    clause: 'п.18 «В зависимости от категории важности сообщения из открытого источника Глава Соболевского муниципального района может принять решение о необходимости реагирования на сообщение в сокращенный срок»',
  },
  immediateReport: { to: 'head', clause: 'п.25' },
  // п.21 names threats to life and health only, not an official's property or family as the other documents do.
  rejection: { reasons: ['harm_intent', 'obscenity', 'abuse', 'threat_life_health'], clause: 'п.21' },
  forwarding: {
    bodies: [],
    replyToCitizen: false,
    clause: 'п.11',
    note: 'the document returns a message outside a department\'s competence to the curator; forwarding it on to the body it belongs to is the curator\'s act, listed in the organisation file',
  },
  successStories: {
    clause: 'п.23',
    quote:
      '… количество освещенных в средствах массовой информации и социальных сетях региона успешных практик решения проблем граждан, озвученных в сообщениях из открытых источников, учитываются при оценке эффективности деятельности муниципальных служащих при премировании.',
  },
  dismissal: {
    noticeDays: 3,
    clause: 'п.9',
    quote:
      'В случае увольнения Исполнителя руководитель структурного подразделения … обязан проинформировать об этом Куратора в течение 3 календарных дней со дня издания распоряжения об увольнении.',
  },
  notes: [
    'п.13 says "4 h before the deadline" for every message; with the 4-hour answer of high importance (п.10) that is the moment of routing, so a "due" notice and an escalation would fire on almost every such message. The preset reads п.13 for the priority track as leaving room for approval (п.14, 1 h) and hand-over (п.16, 1 h): the draft is due 2 h before the answer. This is an interpretation; an organisation may set importance.high.timers.draft in its file.',
    'п.19: the head names the responsible executor who writes the joint answer.',
    'п.9: an executor\'s dismissal is reported to the curator within 3 calendar days (not an incident timer): `/dismiss` records it with the order\'s date, the curators are told and hand the executor\'s work over; while it is not handed over, the curators are reminded once the 3 days are out.',
    'п.23: answers are judged for brevity, conversational style, no bureaucratese, no spelling or punctuation errors.',
  ],
};

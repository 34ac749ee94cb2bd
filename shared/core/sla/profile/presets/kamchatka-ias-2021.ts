import type { ProfileInput } from '../schema.js';
import { ESCALATE } from './common.js';

/**
 * Sobolevo district, order of 2021, annex 2: the regional portal
 * «Камчатка в порядке». Messages are assigned by the topic classifier (2.2),
 * so there is no routing timer; the answer is counted in calendar days.
 */
export const kamchatkaIas2021: ProfileInput = {
  id: 'kamchatka-ias-2021',
  title: 'ИАС «Камчатка в порядке»: модуль «Сообщения»',
  document: 'Распоряжение администрации Соболевского муниципального района (2021), приложение 2: Положение о порядке работы в ИАС «Камчатка в порядке»',
  example: { organisation: 'Администрация Соболевского муниципального района', timezone: 'Asia/Kamchatka' },
  approver: 'head',
  approverClause: '2.4',
  publisher: 'executor',
  publisherClause: '2.3, 2.5',
  timers: {
    repeatCheck: {
      title: 'decide whether the message repeats an earlier one',
      start: ['detected', 'reopened'],
      stop: ['triaged', 'routed'],
      duration: '1d',
      clock: 'working',
      actor: 'executor',
      escalateTo: ESCALATE.executor,
      clause: '2.9',
    },
    answer: {
      title: 'answer with confirming photos published',
      start: ['detected', 'reopened'],
      stop: ['published:answer'],
      duration: '10d',
      clock: 'calendar',
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: '2.5',
    },
  },
  importance: {
    high: {
      clause: '2.6 (fast-track: 1 to 3 calendar days from assignment, agreed with the coordinator; the preset takes 3)',
      timers: { answer: { start: ['routed'], duration: '3d', clock: 'calendar', clause: '2.6' } },
    },
  },
  // The coordinator is the Отделение по информационной политике (2.1.10), the curators' office in the organisation file.
  extension: {
    timer: 'answer',
    max: '8d',
    clock: 'calendar',
    grantedBy: 'curator',
    clause: '2.5 «Исполнитель может запросить продление срока рассмотрения сообщения (не более 8 календарных дней) посредством направления запроса координатору с комментарием»',
  },
  // Fast-track messages (marked «важное», the "high" level): 1 to 3 calendar days from assignment, agreed with the coordinator.
  agreedTerm: {
    timer: 'answer',
    setBy: 'curator',
    unit: 'days',
    min: 1,
    max: 3,
    clock: 'calendar',
    levels: ['high'],
    clause: '2.6 «Такое сообщение рассматривается исполнителем в срок от 1 до 3 календарных дней со дня закрепления сообщения за исполнителем (по согласованию с координатором)»',
  },
  evidence: {
    photoRequired: true,
    clause: '2.5',
    quote:
      'При этом обязательно размещение подтверждающих фотоматериалов, иных документов, за исключением тех случаев, когда результаты рассмотрения сообщений не позволяют получить указанные документы.',
  },
  reports: {
    quarterly: {
      title: 'results of the executors\' work; top messages of the quarter',
      period: 'quarter',
      dueDay: 5,
      to: 'head',
      clause: '2.13',
    },
  },
  immediateReport: { to: 'head', clause: '2.14' },
  rejection: {
    reasons: ['harm_intent', 'obscenity', 'abuse', 'threat_life_health', 'other'],
    clause: '2.1(5), interpretation',
    note: 'annex 2 leaves moderation to the IAS\'s own rules (2.1(5): «единые правила модерации»), which the document does not list: the list is Sobolevo п.21\'s, and "other" with a note stands for the IAS rules',
  },
  ratings: {
    clause: '2.7',
    interpretation: 'on the IAS the author may confirm the problem is solved, rate the answer and comment (2.7); Otklik offers the same on VK, OK and Telegram: rating buttons under a Telegram answer, a reply of a digit 1–5 in the VK/OK thread',
  },
  notes: [
    '2.7–2.8: the author can confirm, rate, comment or disagree; disagreement sends the message back for rework the same day (no term is set for the repeated answer).',
  ],
};

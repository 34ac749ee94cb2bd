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
  extension: { timer: 'answer', max: '8d', clock: 'calendar', clause: '2.5' },
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
  notes: [
    '2.7–2.8: the author can confirm, rate, comment or disagree; disagreement sends the message back for rework the same day (no term is set for the repeated answer).',
  ],
};

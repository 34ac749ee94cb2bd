import type { ProfileInput } from '../schema.js';
import { ESCALATE } from './common.js';

/**
 * Kislovodsk city (Stavropol krai), resolution No. 494 of 08.07.2020.
 * Messages arrive from the regional curator already selected (п.5); the
 * city's executor distributes them to departments without a set time (п.7),
 * so there is no routing timer, and "detected" is the curator's dispatch.
 */
export const kislovodsk2020: ProfileInput = {
  id: 'kislovodsk-2020',
  title: 'Кисловодск: сообщения из открытых источников',
  document: 'Постановление администрации города-курорта Кисловодска от 08.07.2020 № 494, Положение об организации работы с сообщениями из открытых источников',
  example: { organisation: 'Администрация города-курорта Кисловодска', timezone: 'Europe/Moscow' },
  approver: 'curator',
  approverClause: 'п.12',
  publisher: 'executor',
  publisherClause: 'п.6, п.10',
  timers: {
    answer: {
      title: 'answer prepared and published',
      start: ['detected', 'reopened'],
      stop: ['published:answer|interim'],
      duration: '9h',
      clock: 'working',
      actor: 'publisher',
      escalateTo: ESCALATE.answer,
      clause: 'п.8',
    },
    draft: {
      title: 'draft sent for approval',
      start: ['detected', 'reopened'],
      stop: ['draft_submitted'],
      before: 'answer',
      duration: '4h',
      clock: 'working',
      actor: 'executor',
      escalateTo: ESCALATE.executor,
      clause: 'п.9',
    },
    clarification: {
      title: 'last moment to post a clarification request',
      start: ['detected', 'reopened'],
      stop: ['published'],
      before: 'answer',
      duration: '4h',
      clock: 'working',
      kind: 'window',
      actor: 'executor',
      escalateTo: [],
      clause: 'п.10',
    },
    approval: {
      title: 'draft approved or returned',
      start: ['draft_submitted'],
      stop: ['draft_approved', 'draft_returned'],
      duration: '30m',
      clock: 'working',
      actor: 'approver',
      escalateTo: ESCALATE.staff,
      clause: 'п.12',
    },
    rework: {
      title: 'returned draft fixed and resubmitted',
      start: ['draft_returned'],
      stop: ['draft_submitted'],
      duration: '1h',
      clock: 'working',
      actor: 'executor',
      escalateTo: ESCALATE.executor,
      clause: 'п.12',
    },
    final: {
      title: 'final draft after an interim answer',
      start: ['published:interim'],
      once: true,
      stop: ['draft_submitted:answer'],
      duration: '7d',
      clock: 'working',
      actor: 'executor',
      escalateTo: ESCALATE.executor,
      clause: 'п.13',
    },
  },
  clarification: { pauses: ['answer'], clause: 'п.10' },
  rejection: { reasons: ['harm_intent', 'obscenity', 'abuse', 'threat'], clause: 'п.15' },
  forwarding: {
    bodies: [],
    replyToCitizen: false,
    clause: 'п.7',
    note: 'the document returns a message outside the competence to the curator; forwarding it on to the body it belongs to is the curator\'s act, listed in the organisation file',
  },
  notes: ['п.14: an answer to a repeat message reports the measures taken, with photos or videos where there are any.'],
};

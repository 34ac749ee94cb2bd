import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../core/incident/index.js';
import { ev } from '../../../test/kit/history.js';
import { LESSONS, lessonsDone } from './lessons.js';

/** Each lesson: a history that completes it, and the same with one step skipped or out of order, which does not. */
const t = (minutes: number) => Date.UTC(2026, 11, 7, 1, minutes);
const withPhoto = (e: ReturnType<typeof ev.draftSubmitted>): IncidentEvent => ({ ...e, data: { ...e.data, attachments: [{ kind: 'photo', fileId: 'AgACAgIAAx' }] } });
const rejected = (reason: 'abuse' | 'other'): IncidentEvent => ({ ...ev.rejected(t(5)), data: { reason, note: reason === 'other' ? 'спам' : null } });

const cases: Record<string, { done: IncidentEvent[]; skipped: IncidentEvent[] }> = {
  route: {
    done: [ev.detected(t(0)), ev.triaged(t(1)), ev.routed(t(2))],
    skipped: [ev.detected(t(0)), ev.triaged(t(1))],
  },
  return: {
    done: [ev.detected(t(0)), ev.triaged(t(1)), ev.routed(t(2)), ev.returned(t(3))],
    skipped: [ev.detected(t(0)), ev.triaged(t(1)), ev.routed(t(2)), ev.taken(t(3))],
  },
  'draft-photo': {
    done: [ev.detected(t(0)), ev.routed(t(2)), withPhoto(ev.draftSubmitted(t(4)))],
    skipped: [ev.detected(t(0)), ev.routed(t(2)), ev.draftSubmitted(t(4))],
  },
  'approve-rework': {
    done: [ev.draftSubmitted(t(4)), ev.sentToRework(t(5)), ev.draftSubmitted(t(6)), ev.draftApproved(t(7))],
    // Approved at once: the rework step was skipped.
    skipped: [ev.draftSubmitted(t(4)), ev.draftApproved(t(5))],
  },
  'interim-final': {
    done: [ev.draftApproved(t(4)), ev.published(t(5), 'interim'), ev.draftApproved(t(8)), ev.published(t(9), 'answer')],
    // A final answer only: no interim one before it.
    skipped: [ev.draftApproved(t(8)), ev.published(t(9), 'answer')],
  },
  abuse: {
    done: [ev.detected(t(0)), rejected('abuse')],
    // Rejected, but for "other": not the abusive-message exercise.
    skipped: [ev.detected(t(0)), rejected('other')],
  },
};

describe('training lessons', () => {
  it('has a case for every lesson', () => {
    expect(Object.keys(cases).sort()).toEqual(LESSONS.map((l) => l.id).sort());
  });

  it.each(LESSONS.map((l) => l.id))('%s: done by its history, not with a step skipped', (id) => {
    const c = cases[id]!;
    expect(lessonsDone([c.done]).has(id)).toBe(true);
    expect(lessonsDone([c.skipped]).has(id)).toBe(false);
  });

  it('is done by one incident, never by steps spread over two', () => {
    expect(lessonsDone([[ev.detected(t(0)), ev.published(t(5), 'interim')], [ev.detected(t(0)), ev.published(t(9), 'answer')]]).has('interim-final')).toBe(false);
  });
});

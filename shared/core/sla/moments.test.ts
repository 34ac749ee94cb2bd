import { describe, expect, it } from 'vitest';
import { ev } from '../../../test/kit/history.js';
import { eventTypes, type EventType, type IncidentEvent } from '../incident/events.js';
import { deadlines } from './deadlines.js';
import { momentOf } from './moments.js';
import { presets } from './profile/presets/index.js';
import { MOMENTS } from './profile/schema.js';
import { WorkTime } from './work-time.js';

/** An event of this type; momentOf reads the data of a dismissal only. */
const sample = (type: EventType, data: Record<string, unknown> = {}) =>
  ({ type, data, version: 1, at: new Date(0), actor: { role: 'system' } }) as IncidentEvent;

describe('momentOf', () => {
  it("names every one of the incident's events, or leaves it out as moving no timer", () => {
    const named = Object.fromEntries(eventTypes.map((type) => [type, momentOf(sample(type, { returnedToCurator: true }))]));
    expect(named).toEqual({
      incident_detected: 'detected',
      triaged: 'triaged',
      rejected: 'rejected',
      routed: 'routed',
      responsible_appointed: 'responsible_appointed',
      taken: null,
      returned: 'returned',
      part_submitted: 'part_submitted',
      draft_started: null,
      draft_submitted: 'draft_submitted',
      draft_approved: 'draft_approved',
      draft_sent_to_rework: 'draft_returned',
      reply_published: 'published',
      clarification_answered: 'clarification_answered',
      repeat_linked: null,
      author_message_changed: null,
      citizen_reacted: null,
      closed: 'closed',
      reopened: 'reopened',
      reassigned: null,
      executor_removed: 'returned',
      forwarded: 'forwarded',
      citizen_rated: null,
      extension_requested: null,
      extension_granted: null,
      extension_refused: null,
      term_agreed: null,
      success_marked: null,
      success_unmarked: null,
    });
  });

  it('gives every word a profile may use an event that produces it', () => {
    const produced = new Set(eventTypes.map((type) => momentOf(sample(type, { returnedToCurator: true }))).filter((m) => m !== null));
    expect([...produced].sort()).toEqual([...MOMENTS].sort());
  });

  it("reads a dismissal as a return only when the responsible executor's work went back to the curator", () => {
    expect(momentOf(ev.executorRemoved(0, 'roads', true))).toBe('returned');
    expect(momentOf(ev.executorRemoved(0, 'housing', false))).toBeNull();
  });
});

describe('deadlines() over the incident\'s events', () => {
  it('counts a high-importance triage from detection (sobolevo-2021 п.10)', () => {
    const wt = new WorkTime({ timezone: 'Asia/Kamchatka', warn: () => {} });
    const detected = Date.parse('2025-03-02T22:00:00Z'); // Monday 10:00 in Kamchatka
    const list = deadlines([ev.detected(detected), ev.triaged(detected, 'high')], presets['sobolevo-2021'], wt);
    expect(list.find((d) => d.timer === 'answer')!.due).toBe(Date.parse('2025-03-03T03:00:00Z')); // 15:00 local, 4 h
  });

  it("restarts routing when a dismissed executor's responsible work goes back to the curator, not for a co-executor's part", () => {
    const wt = new WorkTime({ timezone: 'Asia/Yakutsk', warn: () => {} });
    const at = (h: number, m = 0) => Date.parse(`2025-03-03T${String(h - 9).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`); // Monday, local hours
    const base = [ev.detected(at(10)), ev.routed(at(10, 10), ['roads', 'housing'], 'roads'), ev.taken(at(10, 20), 'roads')];
    const route = (extra: IncidentEvent[]) => deadlines([...base, ...extra], presets['zavitinsk-2020'], wt).find((d) => d.timer === 'route');
    expect(route([])).toBeUndefined();
    expect(route([ev.executorRemoved(at(11), 'roads', true)])).toMatchObject({ state: 'running', startedAt: at(11), due: at(11, 30) });
    expect(route([ev.executorRemoved(at(11), 'housing', false)])).toBeUndefined();
  });

  it('is not moved by events that move no timer', () => {
    const wt = new WorkTime({ timezone: 'Asia/Yakutsk', warn: () => {} });
    const t0 = Date.parse('2025-03-03T01:00:00Z');
    const plain = [ev.detected(t0), ev.routed(t0 + 600_000)];
    const busy = [...plain, ev.taken(t0 + 1_200_000), sample('draft_started'), sample('repeat_linked'), sample('reassigned')].map((e, i) =>
      i < plain.length + 1 ? e : { ...e, at: new Date(t0 + 1_800_000) },
    );
    expect(deadlines(busy, presets['zavitinsk-2020'], wt)).toEqual(deadlines(plain, presets['zavitinsk-2020'], wt));
  });
});

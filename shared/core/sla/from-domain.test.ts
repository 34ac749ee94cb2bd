import { describe, expect, it } from 'vitest';
import { deadlines } from './deadlines.js';
import { historyFromDomain } from './from-domain.js';
import { presets } from './profile/presets/index.js';
import { WorkTime } from './work-time.js';

describe('historyFromDomain', () => {
  it('maps the domain audit events onto the deadline history', () => {
    const t = (h: number) => new Date(Date.UTC(2025, 2, 3, h));
    const history = historyFromDomain([
      { type: 'incident_detected', at: t(6), data: { incidentId: 1, network: 'vk' } },
      { type: 'triaged', at: t(6), data: { importance: 'high', topics: ['Дороги'] } },
      { type: 'routed', at: t(7), data: { departments: ['roads', 'health'], responsible: null, order: null } },
      { type: 'taken', at: t(7), data: { department: 'roads', executorId: 5 } },
      { type: 'draft_submitted', at: t(8), data: { kind: 'clarification', draft: 1 } },
      { type: 'draft_sent_to_rework', at: t(8), data: { draft: 1, comment: 'x' } },
      { type: 'reply_published', at: t(9), data: { kind: 'clarification', pausesClock: true } },
      { type: 'clarification_answered', at: t(10), data: { resumesClock: true } },
      { type: 'reopened', at: t(11), data: { cause: 'repeat' } },
    ]);
    expect(history.map((e) => e.type)).toEqual([
      'detected', 'triaged', 'routed', 'draft_submitted', 'draft_returned', 'published', 'clarification_answered', 'reopened',
    ]);
    expect(history[1]).toEqual({ type: 'triaged', at: t(6), importance: 'high' });
    expect(history[2]).toEqual({ type: 'routed', at: t(7), departments: ['roads', 'health'], responsible: undefined });
    expect(history[5]).toEqual({ type: 'published', at: t(9), kind: 'clarification' });
  });

  it('feeds deadlines() directly', () => {
    const wt = new WorkTime({ timezone: 'Asia/Kamchatka', warn: () => {} });
    const detected = Date.parse('2025-03-02T22:00:00Z'); // Monday 10:00 in Kamchatka
    const list = deadlines(
      historyFromDomain([
        { type: 'incident_detected', at: detected },
        { type: 'triaged', at: detected, data: { importance: 'high' } },
      ]),
      presets['sobolevo-2021'],
      wt,
    );
    expect(list.find((d) => d.timer === 'answer')!.due).toBe(Date.parse('2025-03-03T03:00:00Z')); // 15:00 local, 4 h (п.10)
  });

  it('restarts routing when a dismissed executor\'s responsible work goes back to the curator, not for a co-executor\'s part', () => {
    const wt = new WorkTime({ timezone: 'Asia/Yakutsk', warn: () => {} });
    const at = (h: number, m = 0) => Date.parse(`2025-03-03T${String(h - 9).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`); // Monday, local hours
    const base = [
      { type: 'incident_detected', at: at(10) },
      { type: 'routed', at: at(10, 10), data: { departments: ['roads', 'housing'], responsible: 'roads', order: null } },
      { type: 'taken', at: at(10, 20), data: { department: 'roads', executorId: 5 } },
    ];
    const removed = (returnedToCurator: boolean, department: string) => ({
      type: 'executor_removed',
      at: at(11),
      data: { executorId: 5, name: 'x', cause: 'revoked', released: [department], department, returnedToCurator },
    });
    const route = (extra: { type: string; at: number; data: Record<string, unknown> }[]) =>
      deadlines(historyFromDomain([...base, ...extra]), presets['zavitinsk-2020'], wt).find((d) => d.timer === 'route');
    expect(route([])).toBeUndefined();
    expect(historyFromDomain([removed(true, 'roads')]).map((e) => e.type)).toEqual(['returned']);
    expect(route([removed(true, 'roads')])).toMatchObject({ state: 'running', startedAt: at(11), due: at(11, 30) });
    expect(historyFromDomain([removed(false, 'housing')])).toEqual([]);
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ev } from '../../../test/kit/history.js';
import type { IncidentEvent } from '../incident/events.js';
import { deadlines, presetIds, presets, WorkTime, type Deadline } from './index.js';
import { DEFAULT_ESCALATION, firingId, inWorkingTime, planFirings, type PlannedFiring } from './plan.js';

const zone = 'Asia/Yakutsk';
const wt = new WorkTime({ timezone: zone, warn: () => {} });
const at = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
const show = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
const zav = presets['zavitinsk-2020'];

const plan = (h: IncidentEvent[], importance = 'normal', profile = zav, escalation = DEFAULT_ESCALATION) =>
  planFirings(deadlines(h, profile, wt), profile, wt, { importance, escalation });
const of = (fs: PlannedFiring[], timer: string) =>
  fs.filter((f) => f.timer === timer).map((f) => `${f.step} ${show(f.at)}${f.department ? ` ${f.department}` : ''}`);

// 2026-11-23 is a Monday; 09:00–13:00 and 14:00–18:00.
describe('planFirings(): the ladder of one deadline', () => {
  it('route (30 working min): reminder 10 min before (the floor beats 25 %), due, escalation 30 working min later', () => {
    const fs = plan([ev.detected(at('2026-11-23 10:00'))]);
    expect(of(fs, 'route')).toEqual(['reminder 2026-11-23 10:20', 'due 2026-11-23 10:30', 'escalation 2026-11-23 11:00']);
  });

  it('answer (8 working h): the reminder is 25 % (2 h) before; the escalation crosses the night', () => {
    const fs = plan([ev.detected(at('2026-11-23 10:00'))]);
    // 10:00 + 8 h = 10:00 next day; 2 working hours earlier is 17:00 today.
    expect(of(fs, 'answer')).toEqual(['reminder 2026-11-23 17:00', 'due 2026-11-24 10:00', 'escalation 2026-11-24 10:30']);
  });

  it('the grace counts working minutes: a due at 17:45 escalates the next morning, not at night', () => {
    const fs = plan([ev.detected(at('2026-11-23 17:15'))]);
    expect(of(fs, 'route')).toEqual(['reminder 2026-11-23 17:35', 'due 2026-11-23 17:45', 'escalation 2026-11-24 09:15']);
  });

  it('a due at the end of the day (18:00) is told at 18:00', () => {
    const fs = plan([ev.detected(at('2026-11-23 17:30'))]);
    expect(of(fs, 'route')).toEqual(['reminder 2026-11-23 17:50', 'due 2026-11-23 18:00', 'escalation 2026-11-24 09:30']);
  });

  it('no reminder when the lead is as long as the timer itself', () => {
    const fs = plan([ev.detected(at('2026-11-23 09:00'))], 'normal', zav, { ...DEFAULT_ESCALATION, reminderAtLeastMinutes: 30 });
    expect(of(fs, 'route')).toEqual(['due 2026-11-23 09:30', 'escalation 2026-11-23 10:00']);
  });

  it('calendar-clock reminders: normal importance moves a night reminder earlier, high importance keeps it', () => {
    const kam = presets['kamchatka-ias-2021'];
    const h: IncidentEvent[] = [ev.detected(at('2026-11-23 10:00')), ev.triaged(at('2026-11-23 10:05'), 'normal')];
    const ds = deadlines(h, kam, wt).filter((d) => d.timer === 'answer');
    expect(ds).toHaveLength(1);
    // A synthetic calendar deadline due at 03:00 with a 1 h length: the reminder (at least 10 min, 25 % = 15 min) is 02:45.
    const d: Deadline = { ...ds[0]!, startedAt: at('2026-11-24 02:00'), due: at('2026-11-24 03:00') };
    const normal = planFirings([d], kam, wt, { importance: 'normal' });
    expect(normal.find((f) => f.step === 'reminder')).toBeUndefined(); // no working minute between 02:00 and 02:45
    const high = planFirings([d], kam, wt, { importance: 'high' });
    expect(show(high.find((f) => f.step === 'reminder')!.at)).toBe('2026-11-24 02:45');
    expect(show(high.find((f) => f.step === 'due')!.at)).toBe('2026-11-24 03:00');
    // Normal importance: the due is told at the next working moment; the escalation half an hour of work after the due.
    expect(show(normal.find((f) => f.step === 'due')!.at)).toBe('2026-11-24 09:00');
    expect(show(normal.find((f) => f.step === 'escalation')!.at)).toBe('2026-11-24 09:30');
    // A longer one that started in the afternoon: the night reminder moves to the last working minute.
    const long: Deadline = { ...d, startedAt: at('2026-11-23 15:00'), due: at('2026-11-24 03:00') };
    expect(show(planFirings([long], kam, wt, { importance: 'normal' }).find((f) => f.step === 'reminder')!.at)).toBe('2026-11-23 17:59');
    expect(show(planFirings([long], kam, wt, { importance: 'high' }).find((f) => f.step === 'reminder')!.at)).toBe('2026-11-24 00:00');
  });

  it('windows lapse silently, paused and stopped timers plan nothing, and no escalation without anyone to escalate to', () => {
    const routed: IncidentEvent[] = [ev.detected(at('2026-11-23 10:00')), ev.routed(at('2026-11-23 10:10'), ['roads'])];
    const fs = plan(routed);
    expect(of(fs, 'return')).toEqual([]);
    expect(of(fs, 'route')).toEqual([]);
    const d = deadlines(routed, zav, wt).find((x) => x.timer === 'draft')!;
    expect(planFirings([{ ...d, escalateTo: [] }], zav, wt, { importance: 'normal' }).map((f) => f.step)).toEqual(['reminder', 'due']);
    expect(planFirings([{ ...d, state: 'paused', due: null }], zav, wt, { importance: 'normal' })).toEqual([]);
    expect(planFirings([{ ...d, state: 'stopped' }], zav, wt, { importance: 'normal' })).toEqual([]);
  });

  it('per-co-executor timers plan one ladder per department', () => {
    const fs = plan([
      ev.detected(at('2026-11-23 10:00')),
      ev.routed(at('2026-11-23 10:10'), ['roads', 'housing', 'parks'], 'roads'),
    ]);
    expect(of(fs, 'coExecutor')).toEqual([
      'reminder 2026-11-23 11:40 housing',
      'reminder 2026-11-23 11:40 parks',
      'due 2026-11-23 12:10 housing',
      'due 2026-11-23 12:10 parks',
      'escalation 2026-11-23 12:40 housing',
      'escalation 2026-11-23 12:40 parks',
    ]);
  });

  it('ids are distinct per incident, timer, department, step and due, and carry no colon', () => {
    const fs = plan([
      ev.detected(at('2026-11-23 10:00')),
      ev.routed(at('2026-11-23 10:10'), ['roads', 'housing'], 'roads'),
    ]);
    const ids = fs.map((f) => firingId(7, f));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => !id.includes(':') && id.startsWith('timer-7-'))).toBe(true);
    expect(firingId(7, fs[0]!)).not.toBe(firingId(8, fs[0]!));
  });

  it('a moved deadline plans new firings with new ids (an extension, a returned message)', () => {
    const h: IncidentEvent[] = [ev.detected(at('2026-11-23 10:00'))];
    const before = plan(h).filter((f) => f.timer === 'route').map((f) => firingId(1, f));
    h.push(ev.routed(at('2026-11-23 10:10'), ['roads']), ev.returned(at('2026-11-23 10:40'), 'roads'));
    const after = plan(h).filter((f) => f.timer === 'route').map((f) => firingId(1, f));
    expect(after).toHaveLength(3);
    expect(after.some((id) => before.includes(id))).toBe(false);
  });
});

describe('planFirings(): every preset', () => {
  // Walks every preset through a routed incident with a submitted draft, so most timers run at some point.
  const histories = (detected: number): IncidentEvent[][] => [
    [ev.detected(detected)],
    [ev.detected(detected), ev.routed(detected + 20 * 60_000, ['roads', 'housing'], 'roads')],
    [
      ev.detected(detected),
      ev.routed(detected + 20 * 60_000, ['roads']),
      ev.draftSubmitted(detected + 60 * 60_000, 'answer'),
    ],
    [
      ev.detected(detected),
      ev.routed(detected + 20 * 60_000, ['roads']),
      ev.draftSubmitted(detected + 60 * 60_000, 'answer'),
      ev.draftApproved(detected + 70 * 60_000),
    ],
  ];

  for (const id of presetIds) {
    const profile = presets[id];
    it(`${id}: each running deadline gets reminder < due ≤ escalation, all after its start`, () => {
      for (const h of histories(at('2026-11-23 10:00'))) {
        const ds = deadlines(h, profile, wt);
        const fs = planFirings(ds, profile, wt, { importance: 'normal' });
        for (const d of ds.filter((x) => x.state === 'running' && x.kind === 'deadline')) {
          const mine = fs.filter((f) => f.timer === d.timer && f.department === d.department);
          const due = mine.find((f) => f.step === 'due')!;
          expect(due.due).toBe(d.due);
          const rem = mine.find((f) => f.step === 'reminder');
          if (rem) expect(rem.at > d.startedAt && rem.at < d.due!).toBe(true);
          const esc = mine.find((f) => f.step === 'escalation');
          expect(Boolean(esc)).toBe(d.escalateTo.length > 0);
          if (esc) expect(esc.at).toBeGreaterThanOrEqual(due.at);
        }
      }
    });

    it(`${id}: for normal importance nothing fires outside working time, whenever the message came`, () => {
      fc.assert(
        fc.property(fc.integer({ min: at('2026-01-01 00:00'), max: at('2026-12-20 00:00') }), (detected) => {
          for (const h of histories(detected)) {
            for (const f of planFirings(deadlines(h, profile, wt), profile, wt, { importance: 'normal' })) {
              if (!inWorkingTime(wt, f.at)) throw new Error(`${f.timer} ${f.step} at ${show(f.at)} (detected ${show(detected)})`);
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deadlines } from './deadlines.js';
import type { IncidentEvent } from '../incident/events.js';
import { ev } from '../../../test/kit/history.js';
import { presets } from './profile/presets/index.js';
import { WorkTime } from './work-time.js';

const zone = 'Europe/Moscow';
const wt = new WorkTime({ timezone: zone, warn: () => {} });
const at = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
const ivanovo = presets['ivanovo-2020'];
const timers = (h: IncidentEvent[], p = ivanovo) => deadlines(h, p, wt).map((d) => d.timer);

describe('deadlines(): which timers run', () => {
  const base: IncidentEvent[] = [ev.detected(at('2025-03-03 10:00'))];

  it('a detected incident runs the routing and answer timers', () => {
    expect(timers(base)).toEqual(['route', 'answer']);
  });

  it('routing stops the routing timer and starts the executor\'s', () => {
    const h: IncidentEvent[] = [...base, ev.routed(at('2025-03-03 10:30'), ['roads'])];
    expect(timers(h)).toEqual(['return', 'draft', 'answer']);
  });

  it('the workflow moves draft → approval → rework → approval → publish', () => {
    const h: IncidentEvent[] = [...base, ev.routed(at('2025-03-03 10:30'), ['roads'])];
    h.push(ev.draftSubmitted(at('2025-03-03 11:00'), 'answer'));
    expect(timers(h)).toEqual(['approval', 'answer']);
    h.push(ev.sentToRework(at('2025-03-03 11:30')));
    expect(timers(h)).toEqual(['rework', 'answer']);
    h.push(ev.draftSubmitted(at('2025-03-03 12:00'), 'answer'));
    expect(timers(h)).toEqual(['approval', 'answer']);
    h.push(ev.draftApproved(at('2025-03-03 12:10')));
    expect(timers(h)).toEqual(['publish', 'answer']);
    h.push(ev.published(at('2025-03-03 12:20'), 'answer'));
    expect(timers(h)).toEqual([]);
  });

  it('an interim answer opens the final deadline; the final draft closes it', () => {
    const h: IncidentEvent[] = [
      ...base,
      ev.routed(at('2025-03-03 10:30'), ['roads']),
      ev.draftSubmitted(at('2025-03-03 14:00'), 'interim'),
      ev.draftApproved(at('2025-03-03 14:30')),
      ev.published(at('2025-03-03 15:00'), 'interim'),
    ];
    expect(timers(h)).toEqual(['final']);
    const second = [...h, ev.published(at('2025-03-05 15:00'), 'interim')];
    expect(deadlines(second, ivanovo, wt)[0]!.startedAt).toBe(at('2025-03-03 15:00')); // `once`: the first interim counts
    expect(timers([...h, ev.draftSubmitted(at('2025-03-10 10:00'), 'answer')])).toEqual(['approval']);
  });

  it('closing or rejecting stops every timer', () => {
    expect(timers([...base, ev.rejected(at('2025-03-03 10:05'))])).toEqual([]);
    expect(timers([...base, ev.closed(at('2025-03-03 10:05'))])).toEqual([]);
  });

  it('a department that returns the message loses its co-executor timer', () => {
    const h: IncidentEvent[] = [
      ...base,
      ev.routed(at('2025-03-03 10:30'), ['roads', 'health', 'schools'], 'roads'),
      ev.returned(at('2025-03-03 10:40'), 'health'),
    ];
    const co = deadlines(h, ivanovo, wt).filter((d) => d.timer === 'coExecutor');
    expect(co.map((d) => d.department)).toEqual(['schools']);
  });

  it('with includeStopped, stopped timers keep their due and say when they stopped', () => {
    const h: IncidentEvent[] = [...base, ev.routed(at('2025-03-03 10:30'), ['roads'])];
    const route = deadlines(h, ivanovo, wt, { includeStopped: true }).find((d) => d.timer === 'route')!;
    expect(route).toMatchObject({ state: 'stopped', due: at('2025-03-03 11:30'), stoppedAt: at('2025-03-03 10:30') });
  });

  it('orders by due and accepts Dates', () => {
    const h: IncidentEvent[] = [ev.detected(new Date(at('2025-03-03 10:00')))];
    const list = deadlines(h, ivanovo, wt);
    expect(list.map((d) => d.due)).toEqual([at('2025-03-03 11:30'), at('2025-03-04 11:00')]);
  });

  it('events out of order are taken in time order', () => {
    const h: IncidentEvent[] = [
      ev.routed(at('2025-03-03 10:30'), ['roads']),
      ev.detected(at('2025-03-03 10:00')),
    ];
    expect(timers(h)).toEqual(['return', 'draft', 'answer']);
  });
});

describe('deadlines(): who acts and who hears', () => {
  it('resolves the approver and the publisher to roles', () => {
    const h: IncidentEvent[] = [
      ev.detected(at('2025-03-03 10:00')),
      ev.routed(at('2025-03-03 10:00'), ['roads']),
      ev.draftSubmitted(at('2025-03-03 11:00'), 'answer'),
    ];
    const sobolevo = deadlines(h, presets['sobolevo-2021'], wt);
    expect(sobolevo.find((d) => d.timer === 'approval')).toMatchObject({ actor: 'head', escalateTo: ['duty'], clause: 'п.14' });
    expect(sobolevo.find((d) => d.timer === 'answer')).toMatchObject({ actor: 'curator', escalateTo: ['head', 'duty'] });
    const ivanovoList = deadlines(h, ivanovo, wt);
    expect(ivanovoList.find((d) => d.timer === 'answer')).toMatchObject({ actor: 'executor' });
  });

  it('a return window lapses silently', () => {
    const h: IncidentEvent[] = [
      ev.detected(at('2025-03-03 10:00')),
      ev.routed(at('2025-03-03 10:00'), ['roads']),
    ];
    expect(deadlines(h, ivanovo, wt).find((d) => d.timer === 'return')).toMatchObject({ kind: 'window', escalateTo: [] });
  });
});

describe('deadlines(): clarification pauses (Kislovodsk п.10)', () => {
  const k = presets['kislovodsk-2020'];
  const h: IncidentEvent[] = [
    ev.detected(at('2025-03-03 10:00')),
    ev.published(at('2025-03-03 15:00'), 'clarification'),
  ];

  it('is paused with no due until the author answers', () => {
    const answer = deadlines(h, k, wt).find((d) => d.timer === 'answer')!;
    expect(answer).toMatchObject({ state: 'paused', due: null });
  });

  it('two pauses add up', () => {
    const list = deadlines(
      [
        ...h,
        ev.clarificationAnswered(at('2025-03-03 16:00')),
        ev.published(at('2025-03-04 09:00'), 'clarification'),
        ev.clarificationAnswered(at('2025-03-04 10:00')),
      ],
      k,
      wt,
    );
    // 9 w-h from Mon 10:00 is Tue 11:00; 1 h + 1 h paused makes it 13:00 (the earliest instant, before lunch).
    expect(list.find((d) => d.timer === 'answer')!.due).toBe(at('2025-03-04 13:00'));
  });

  it('does not pause other profiles', () => {
    const list = deadlines(h, ivanovo, wt);
    expect(list.find((d) => d.timer === 'answer')!.due).toBe(at('2025-03-04 11:00'));
  });
});

describe('deadlines(): reopening and a new responsible', () => {
  const closedOnce: IncidentEvent[] = [
    ev.detected(at('2025-03-03 10:00')),
    ev.routed(at('2025-03-03 10:30'), ['roads']),
    ev.published(at('2025-03-03 15:00'), 'answer'),
    ev.closed(at('2025-03-03 15:05')),
  ];

  it('nothing runs after a close', () => {
    expect(timers(closedOnce)).toEqual([]);
  });

  it('a reopening restarts routing and the answer from that moment', () => {
    const h: IncidentEvent[] = [...closedOnce, ev.reopened(at('2025-03-05 11:00'))];
    const list = deadlines(h, ivanovo, wt);
    expect(list.map((d) => [d.timer, d.due])).toEqual([
      ['route', at('2025-03-05 12:30')],
      ['answer', at('2025-03-06 12:00')],
    ]);
  });

  it('co-executor timers follow a newly appointed responsible department', () => {
    const h: IncidentEvent[] = [
      ev.detected(at('2025-03-03 10:00')),
      ev.routed(at('2025-03-03 10:30'), ['roads', 'health'], 'roads'),
      ev.responsibleAppointed(at('2025-03-03 10:40'), 'health'),
    ];
    expect(deadlines(h, ivanovo, wt).filter((d) => d.timer === 'coExecutor').map((d) => d.department)).toEqual(['roads']);
  });
});

describe('deadlines(): extensions and agreed terms', () => {
  const kamchatka = presets['kamchatka-ias-2021'];
  const kam = new WorkTime({ timezone: 'Asia/Kamchatka', warn: () => {} });
  const kat = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: 'Asia/Kamchatka' }).toMillis();
  const answer = (h: IncidentEvent[], p = kamchatka, w = kam) => deadlines(h, p, w).find((d) => d.timer === 'answer');
  const base: IncidentEvent[] = [ev.detected(kat('2026-11-02 10:00')), ev.triaged(kat('2026-11-02 10:10'))];

  it('kamchatka 2.5: granted days move the answer due on, in calendar days, and add up', () => {
    expect(answer(base)!.due).toBe(kat('2026-11-12 10:00'));
    const once = [...base, ev.extensionGranted(kat('2026-11-05 12:00'), 3)];
    expect(answer(once)!.due).toBe(kat('2026-11-15 10:00'));
    const twice = [...once, ev.extensionGranted(kat('2026-11-09 12:00'), 5, 8)];
    expect(answer(twice)!.due).toBe(kat('2026-11-20 10:00'));
  });

  it('kamchatka 2.6: a fast-track term agreed at 1 day counts from assignment (routing), and the latest agreement counts', () => {
    const routedAt = kat('2026-11-02 11:00');
    const fast: IncidentEvent[] = [ev.detected(kat('2026-11-02 10:00')), ev.triaged(kat('2026-11-02 10:10'), 'high'), ev.routed(routedAt)];
    expect(answer(fast)!.due).toBe(kat('2026-11-05 11:00')); // the preset's 3 days until agreed
    const agreed = [...fast, ev.termAgreed(kat('2026-11-02 11:30'), 1)];
    expect(answer(agreed)).toMatchObject({ due: kat('2026-11-03 11:00'), clause: expect.stringContaining('2.6') });
    expect(answer([...agreed, ev.termAgreed(kat('2026-11-02 12:00'), 2)])!.due).toBe(kat('2026-11-04 11:00'));
  });

  it('zavitinsk п.8: a shortened term in working hours replaces the 8-hour answer, and the draft "4 h before" follows it', () => {
    const zav = presets['zavitinsk-2020'];
    const z = new WorkTime({ timezone: 'Asia/Yakutsk', warn: () => {} });
    const zat = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: 'Asia/Yakutsk' }).toMillis();
    const h: IncidentEvent[] = [ev.detected(zat('2026-11-23 09:00')), ev.triaged(zat('2026-11-23 09:10')), ev.termAgreed(zat('2026-11-23 09:10'), 7, 'hours')];
    const list = deadlines([...h, ev.routed(zat('2026-11-23 09:15'))], zav, z);
    expect(list.find((d) => d.timer === 'answer')).toMatchObject({ due: zat('2026-11-23 17:00'), clause: expect.stringContaining('п.8') });
    // 7 working hours from 9:00 over the lunch hour; the draft 4 working hours before that.
    expect(list.find((d) => d.timer === 'draft')!.due).toBe(zat('2026-11-23 12:00'));
  });

  it('a reopening starts over: earlier extensions and terms no longer count', () => {
    const h = [...base, ev.extensionGranted(kat('2026-11-05 12:00'), 3), ev.published(kat('2026-11-06 10:00'), 'answer'), ev.reopened(kat('2026-11-07 10:00'))];
    expect(answer(h)!.due).toBe(kat('2026-11-17 10:00'));
  });
});

describe('deadlines(): co-executors in order', () => {
  const coOf = (h: IncidentEvent[], p = ivanovo) =>
    deadlines(h, p, wt, { includeStopped: true })
      .filter((d) => d.timer === 'coExecutor')
      .map((d) => ({ department: d.department, startedAt: d.startedAt, due: d.due, state: d.state }));
  // Ivanovo п.15: the curator's order health → schools → roads; roads (last) writes the joint answer.
  const routed = [
    ev.detected(at('2025-03-03 10:00')),
    ev.routed(at('2025-03-03 10:30'), ['roads', 'health', 'schools'], 'roads', ['health', 'schools', 'roads']),
  ];

  it('only the first department in the order is timed from routing', () => {
    expect(coOf(routed)).toEqual([{ department: 'health', startedAt: at('2025-03-03 10:30'), due: at('2025-03-03 12:30'), state: 'running' }]);
  });

  it("the second department's part starts when the first's is submitted", () => {
    const h = [...routed, ev.partSubmitted(at('2025-03-03 11:15'), 'health')];
    expect(coOf(h)).toEqual([
      { department: 'health', startedAt: at('2025-03-03 10:30'), due: at('2025-03-03 12:30'), state: 'stopped' },
      // Two working hours from 11:15, over the 13:00–14:00 break.
      { department: 'schools', startedAt: at('2025-03-03 11:15'), due: at('2025-03-03 14:15'), state: 'running' },
    ]);
  });

  it('a part sent before its turn is in: the turn passes on at the previous part', () => {
    const h = [...routed, ev.partSubmitted(at('2025-03-03 10:45'), 'schools'), ev.partSubmitted(at('2025-03-03 11:00'), 'health')];
    expect(coOf(h).map((d) => [d.department, d.state])).toEqual([
      ['schools', 'stopped'],
      ['health', 'stopped'],
    ]);
    expect(deadlines(h, ivanovo, wt).filter((d) => d.timer === 'coExecutor')).toEqual([]);
  });

  it('without an order, or under a profile that does not order parts, every part runs from routing', () => {
    const unordered = [ev.detected(at('2025-03-03 10:00')), ev.routed(at('2025-03-03 10:30'), ['roads', 'health', 'schools'], 'roads')];
    expect(coOf(unordered).map((d) => d.startedAt)).toEqual([at('2025-03-03 10:30'), at('2025-03-03 10:30')]);
    expect(coOf(routed, presets['sobolevo-2021']).map((d) => d.startedAt)).toEqual([at('2025-03-03 10:30'), at('2025-03-03 10:30')]);
  });

  it('the presets say whom the parts go to, with the clause quoted', () => {
    expect(presets['ivanovo-2020'].coExecutors).toMatchObject({ sequence: 'ordered', partsTo: 'curator', clause: 'п.15' });
    expect(presets['zavitinsk-2020'].coExecutors).toMatchObject({ sequence: 'ordered', partsTo: 'curator', clause: 'п.16' });
    expect(presets['severny-2022'].coExecutors).toMatchObject({ sequence: 'ordered', partsTo: 'curator', clause: 'п.12' });
    expect(presets['sobolevo-2021'].coExecutors).toMatchObject({ sequence: 'parallel', partsTo: 'responsible' });
    expect(presets['ivanovo-2020'].coExecutors!.quote).toContain('очередность подготовки информации');
  });
});

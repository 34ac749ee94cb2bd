import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deadlines } from '../deadlines.js';
import { ev } from '../../../../test/kit/history.js';
import { WorkTime } from '../work-time.js';
import { presets } from './presets/index.js';
import { workflowRules } from '../workflow-rules.js';
import { ProfileOverrideError, resolveProfile } from './resolve.js';
import { profileSchema } from './schema.js';

describe('resolveProfile', () => {
  it('returns a preset by id', () => {
    expect(resolveProfile({ profile: 'ivanovo-2020' })).toEqual(presets['ivanovo-2020']);
  });

  it('overrides a timer\'s duration and clock, keeping the rest', () => {
    const p = resolveProfile({
      profile: 'zavitinsk-2020',
      overrides: { timers: { route: { duration: '1h', clock: 'calendar', clockNote: 'the curator is on duty round the clock' } } },
    });
    expect(p.timers.route).toMatchObject({ duration: '1h', clock: 'calendar', clause: 'п.8', actor: 'curator', clockNote: 'the curator is on duty round the clock' });
    expect(p.timers.answer).toEqual(presets['zavitinsk-2020'].timers.answer);
  });

  it('wants the reason for a changed clock, in clockNote', () => {
    expect(() => resolveProfile({ profile: 'zavitinsk-2020', overrides: { timers: { route: { clock: 'calendar' } } } })).toThrow(
      /timers\.route: the clock changes from working to calendar; say why in clockNote/,
    );
    expect(() =>
      resolveProfile({ profile: 'severny-pos-2022', overrides: { importance: { high: { timers: { answer: { clock: 'working' } } } } } }),
    ).toThrow(/importance\.high\.timers\.answer: the clock changes from calendar to working/);
    // The same clock again is no change.
    expect(resolveProfile({ profile: 'zavitinsk-2020', overrides: { timers: { route: { clock: 'working' } } } }).timers.route!.clock).toBe('working');
  });

  it('lets an organisation count the ПОС terms in working days, with its reason', () => {
    const reason = 'распоряжение главы района № 12: сроки ПОС в рабочих днях';
    const working = { clock: 'working', clockNote: reason } as const;
    const p = resolveProfile({ profile: 'severny-pos-2022', overrides: { timers: { answer: working, draft: working, coExecutor: working } } });
    const zone = 'Asia/Novosibirsk';
    const wt = new WorkTime({ timezone: zone, warn: () => {} });
    const at = DateTime.fromISO('2026-12-04T10:00', { zone }).toMillis();
    const history = [ev.detected(at), ev.routed(at, ['a', 'b'], 'a')];
    const due = (profile: typeof p, timer: string) => {
      const d = deadlines(history, profile, wt).find((x) => x.timer === timer)!;
      return DateTime.fromMillis(d.due!, { zone }).toFormat('yyyy-MM-dd HH:mm');
    };
    // 20 working days over the New Year (31 Dec 2026 and 1–10 Jan 2027 off), as the preset counted before issue #19.
    expect(due(p, 'answer')).toBe('2027-01-12 10:00');
    expect(due(p, 'draft')).toBe('2026-12-30 10:00'); // 2 working days before: 11 January, 30 December
    expect(due(p, 'coExecutor')).toBe('2026-12-18 10:00');
    expect(p.timers.answer!.clockNote).toBe(reason);
    // The preset itself: calendar days.
    const preset = resolveProfile({ profile: 'severny-pos-2022' });
    expect(due(preset, 'answer')).toBe('2026-12-24 10:00');
  });

  it('overrides importance levels and the approver', () => {
    const p = resolveProfile({
      profile: 'ivanovo-2020',
      overrides: { approver: 'head', importance: { high: { clause: 'local order No. 5', timers: { answer: { duration: '4h' } } } } },
    });
    expect(p.approver).toBe('head');
    expect(p.importance?.high).toEqual({ clause: 'local order No. 5', timers: { answer: { duration: '4h' } } });
  });

  it('adds a clarification pause, or removes one', () => {
    expect(resolveProfile({ profile: 'ivanovo-2020', overrides: { clarification: { pauses: ['answer'], clause: 'local' } } }).clarification).toEqual({
      pauses: ['answer'],
      clause: 'local',
    });
    expect(resolveProfile({ profile: 'kislovodsk-2020', overrides: { clarification: null } }).clarification).toBeUndefined();
  });

  it('switches the success-story count and the dismissal notice on for another regulation, or off', () => {
    const own = { clause: 'Положение п.12', quote: 'учитываются успешные практики' };
    const on = resolveProfile({ profile: 'ivanovo-2020', overrides: { successStories: own, dismissal: { noticeDays: 5, ...own } } });
    expect(on.successStories).toEqual(own);
    expect(on.dismissal).toEqual({ noticeDays: 5, ...own });
    const off = resolveProfile({ profile: 'sobolevo-2021', overrides: { successStories: null, dismissal: null } });
    expect(off.successStories).toBeUndefined();
    expect(off.dismissal).toBeUndefined();
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { dismissal: { noticeDays: 0, ...own } } })).toThrow(/dismissal\.noticeDays/);
  });

  it('names a bad override by its path', () => {
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { timers: { route: { duration: 'soon' } } } })).toThrow(/timers\.route\.duration/);
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { timers: { approval: { before: 'nothing' } } } })).toThrow(/no timer "nothing"/);
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { timers: { newTimer: { duration: '1h' } } } })).toThrow(/timers\.newTimer/);
  });

  it("lets an organisation change Kamchatka's extension limit and who grants it; the deadline follows", () => {
    const p = resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { extension: { max: '10d', grantedBy: 'head' } } });
    expect(p.extension).toEqual({ timer: 'answer', max: '10d', clock: 'calendar', grantedBy: 'head', clause: 'organisation file' });
    expect(workflowRules(p).extension).toEqual({ grantedBy: 'head', maxDays: 10 });
    // The preset's own: 8 days, granted by the coordinator (the curator).
    expect(workflowRules(resolveProfile({ profile: 'kamchatka-ias-2021' })).extension).toEqual({ grantedBy: 'curator', maxDays: 8 });

    const zone = 'Asia/Kamchatka';
    const wt = new WorkTime({ timezone: zone, warn: () => {} });
    const at = DateTime.fromISO('2026-11-02T10:00', { zone }).toMillis();
    const answerDue = (history: Parameters<typeof deadlines>[0]) =>
      DateTime.fromMillis(deadlines(history, p, wt).find((d) => d.timer === 'answer')!.due!, { zone }).toISODate();
    const routed = [ev.detected(at), ev.routed(at, ['a'], 'a')];
    const before = answerDue(routed);
    const after = answerDue([...routed, ev.extensionGranted(at + 3_600_000, 10)]);
    // Ten calendar days more, as the organisation's limit allows.
    expect(DateTime.fromISO(after!).diff(DateTime.fromISO(before!), 'days').days).toBe(10);

    expect(resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { extension: null } }).extension).toBeUndefined();
  });

  it('lets an organisation change the agreed or shortened term bounds and who sets them', () => {
    const p = resolveProfile({ profile: 'zavitinsk-2020', overrides: { agreedTerm: { min: 2, max: 6, setBy: 'head', clause: 'постановление № 7' } } });
    expect(p.agreedTerm).toMatchObject({ timer: 'answer', unit: 'hours', min: 2, max: 6, setBy: 'head', clock: 'working', clause: 'постановление № 7' });
    expect(workflowRules(p).agreedTerm).toMatchObject({ setBy: 'head', unit: 'hours', min: 2, max: 6 });
    // Kamchatka's fast-track: 1 to 5 days instead of 1 to 3.
    expect(resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { agreedTerm: { max: 5 } } }).agreedTerm).toMatchObject({ min: 1, max: 5, levels: ['high'] });
    // A longer answer term leaves room for a longer shortened one.
    expect(resolveProfile({ profile: 'zavitinsk-2020', overrides: { timers: { answer: { duration: '10h' } }, agreedTerm: { max: 9 } } }).agreedTerm!.max).toBe(9);
    expect(resolveProfile({ profile: 'zavitinsk-2020', overrides: { agreedTerm: null } }).agreedTerm).toBeUndefined();
  });

  it('names a bad extension or agreed-term override at its own field', () => {
    const issuesOf = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        if (e instanceof ProfileOverrideError) return e.issues;
        throw e;
      }
      throw new Error('expected the overrides to be refused');
    };
    // Extensions are granted in whole days.
    expect(() => resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { extension: { max: '8d4h' } } })).toThrow(/whole days[\s\S]*extension\.max/);
    expect(issuesOf(() => resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { extension: { clock: 'working' } } }))).toEqual([
      { path: ['extension', 'clock'], message: 'the clock changes from calendar to working; say why in extension.clause' },
    ]);
    // A profile without extensions gets one only whole.
    expect(issuesOf(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { extension: { max: '5d' } } })).map((i) => i.path.join('.'))).toEqual([
      'extension.timer',
      'extension.clock',
    ]);
    expect(resolveProfile({ profile: 'ivanovo-2020', overrides: { extension: { timer: 'answer', max: '5d', clock: 'working' } } }).extension).toMatchObject({
      max: '5d',
      grantedBy: 'curator',
    });
    // A shortened term stays shorter than the term it shortens (Zavitinsk п.8: the answer's 8 working hours).
    expect(issuesOf(() => resolveProfile({ profile: 'zavitinsk-2020', overrides: { agreedTerm: { max: 8 } } }))).toEqual([
      { path: ['agreedTerm', 'max'], message: expect.stringMatching(/8 hours is not shorter than the "answer" timer's own 8h.*at most 7/) },
    ]);
    expect(issuesOf(() => resolveProfile({ profile: 'kamchatka-ias-2021', overrides: { agreedTerm: { min: 4 } } }))).toEqual([
      { path: ['agreedTerm', 'min'], message: 'min is above max' },
    ]);
    expect(issuesOf(() => resolveProfile({ profile: 'sobolevo-2021', overrides: { agreedTerm: { levels: ['urgent'] } } }))).toEqual([
      { path: ['agreedTerm', 'levels', '0'], message: expect.stringMatching(/no importance level "urgent"/) },
    ]);
  });

  it('rejects an unknown preset, listing the known ones', () => {
    expect(() => resolveProfile({ profile: 'moscow-2030' })).toThrow(/presets: zavitinsk-2020/);
  });

  it('accepts a whole profile of the organisation\'s own', () => {
    const own = { ...presets['ivanovo-2020'], id: 'own-2025', title: 'Own' };
    expect(resolveProfile({ profile: own }).id).toBe('own-2025');
  });

  it('rejects timers that count before each other in a loop', () => {
    const p = structuredClone(presets['ivanovo-2020']);
    p.timers.answer = { ...p.timers.answer!, before: 'draft' };
    const r = profileSchema.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/loop/);
  });
});

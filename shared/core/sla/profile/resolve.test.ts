import { describe, expect, it } from 'vitest';
import { presets } from './presets/index.js';
import { resolveProfile } from './resolve.js';
import { profileSchema } from './schema.js';

describe('resolveProfile', () => {
  it('returns a preset by id', () => {
    expect(resolveProfile({ profile: 'ivanovo-2020' })).toEqual(presets['ivanovo-2020']);
  });

  it('overrides a timer\'s duration and clock, keeping the rest', () => {
    const p = resolveProfile({ profile: 'zavitinsk-2020', overrides: { timers: { route: { duration: '1h', clock: 'calendar' } } } });
    expect(p.timers.route).toMatchObject({ duration: '1h', clock: 'calendar', clause: 'п.8', actor: 'curator' });
    expect(p.timers.answer).toEqual(presets['zavitinsk-2020'].timers.answer);
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

  it('names a bad override by its path', () => {
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { timers: { route: { duration: 'soon' } } } })).toThrow(/timers\.route\.duration/);
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { timers: { approval: { before: 'nothing' } } } })).toThrow(/no timer "nothing"/);
    expect(() => resolveProfile({ profile: 'ivanovo-2020', overrides: { timers: { newTimer: { duration: '1h' } } } })).toThrow(/timers\.newTimer/);
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

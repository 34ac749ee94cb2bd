import { describe, expect, it } from 'vitest';
import { loadOrg, type Org } from '../../platform/config/org.js';
import { silentLogger } from '../../platform/log.js';
import { orgSettings } from '../../networks/context.js';
import { changedFields, deadlinesChanged } from './reload.js';

const example = loadOrg(new URL('../../../examples/org.example.yaml', import.meta.url).pathname);
const settings = (org: Org) => orgSettings(org, silentLogger);
const base = settings(example);
const changes = (edit: Partial<Org>) => deadlinesChanged(base, settings({ ...example, ...edit }));

describe('what re-plans running deadlines', () => {
  it('the profile, its overrides, the time zone, the schedule, the calendar and the escalation ladder', () => {
    expect(changes({ profile: 'kislovodsk-2020' })).toBe(true);
    expect(changes({ profileOverrides: { timers: { route: { duration: '2h' } } } } as Partial<Org>)).toBe(true);
    expect(changes({ timezone: 'Europe/Moscow' })).toBe(true);
    expect(changes({ schedule: { mon: ['08:00-17:00'] } } as Partial<Org>)).toBe(true);
    expect(changes({ calendar: { holidays: [{ date: '2026-12-31', note: 'Канун Нового года' }] } } as Partial<Org>)).toBe(true);
    expect(changes({ escalation: { grace: '45m' } } as Partial<Org>)).toBe(true);
  });

  it('not names, staff, chats or topics; and not the same file read again', () => {
    const departments = example.departments.map((d) => (d.id === 'roads' ? { ...d, name: 'Дорожный отдел' } : d));
    expect(changes({ departments, staff: example.staff.slice(1), topics: ['Дороги'], chats: { ...example.chats, duty: -1 } })).toBe(false);
    expect(deadlinesChanged(base, settings(loadOrg(new URL('../../../examples/org.example.yaml', import.meta.url).pathname)))).toBe(false);
  });

  it('names the top-level fields that differ', () => {
    expect(changedFields(example, { ...example, topics: ['Дороги'], networks: {} })).toEqual(['networks', 'topics']);
    expect(changedFields(example, structuredClone(example))).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run as calendar } from './calendar.js';
import { run as deadlinesCommand } from './deadlines.js';
import { presetIds, presets } from '../../core/sla/profile/presets/index.js';

/** The two commands whose output later issues and admins rely on. */

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await fn();
    const out = log.mock.calls.map((c) => c.join(' ')).join('\n');
    const err = error.mock.calls.map((c) => c.join(' ')).join('\n');
    return { code, out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('otklik calendar', () => {
  it('prints the 2025 norms as JSON', async () => {
    const { code, out } = await capture(() => calendar(['2025', '--json']));
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['year', 'months', 'total']);
    expect(json.year).toBe(2025);
    expect(json.months[0]).toEqual({ month: 1, workDays: 17, workHours: 136 });
    expect(json.months).toHaveLength(12);
    expect(json.total).toEqual({ workDays: 247, workHours: 1972 });
  });

  it('prints 2026 as JSON and as a table', async () => {
    expect(JSON.parse((await capture(() => calendar(['2026', '--json']))).out).total).toEqual({ workDays: 247, workHours: 1972 });
    const table = await capture(() => calendar(['2026']));
    expect(table.out).toMatch(/January\s+15\s+120/);
    expect(table.out).toMatch(/Total\s+247\s+1972/);
    expect(table.out).toContain('№ 1466');
  });

  it('prints 2027 as decree No. 1187 has it, without a provisional warning', async () => {
    const r = await capture(() => calendar(['2027', '--json']));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(json.months).toEqual([
      { month: 1, workDays: 15, workHours: 120 },
      { month: 2, workDays: 19, workHours: 151 }, // Saturday 20th worked, shortened; Monday 22nd off
      { month: 3, workDays: 22, workHours: 176 },
      { month: 4, workDays: 22, workHours: 175 },
      { month: 5, workDays: 19, workHours: 152 },
      { month: 6, workDays: 21, workHours: 167 },
      { month: 7, workDays: 22, workHours: 176 },
      { month: 8, workDays: 22, workHours: 176 },
      { month: 9, workDays: 22, workHours: 176 },
      { month: 10, workDays: 21, workHours: 168 },
      { month: 11, workDays: 20, workHours: 159 }, // 5 November off (from 2 January)
      { month: 12, workDays: 22, workHours: 176 }, // 31 December off (from 3 January), 30th a full day
    ]);
    expect(json.total).toEqual({ workDays: 247, workHours: 1972 });
    const table = await capture(() => calendar(['2027']));
    expect(table.out).toContain('№ 1187');
    expect(table.out).toContain('Shortened: 02-20 04-30 06-11 11-03');
  });

  it('warns on stderr for a year without data and still answers', async () => {
    const r = await capture(() => calendar(['2035', '--json']));
    expect(r.code).toBe(0);
    expect(r.err).toContain('no data for 2035');
    expect(JSON.parse(r.out).year).toBe(2035);
  });

  it('--org lays the organisation file\'s calendar over the data; a decree entered there stops the warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otklik-calendar-'));
    try {
      const file = join(dir, 'org.yaml');
      const example = readFileSync(new URL('../../../examples/org.example.yaml', import.meta.url), 'utf8');
      writeFileSync(
        file,
        `${example}\ncalendar:\n` +
          '  decrees: [{ year: 2028, source: "Постановление Правительства РФ (пример для теста) «О переносе выходных дней в 2028 году»" }]\n' +
          '  holidays: [{ date: "2028-01-10", note: "перенос с 1 января" }]\n',
      );
      const before = await capture(() => calendar(['2028', '--json']));
      expect(before.err).toContain('no data for 2028');
      const after = await capture(() => calendar(['2028', '--org', file, '--json']));
      expect(after.code).toBe(0);
      expect(after.err).toBe('');
      expect(JSON.parse(after.out).months[0].workDays).toBe(JSON.parse(before.out).months[0].workDays - 1);
      const table = await capture(() => calendar(['2028', '--org', file]));
      expect(table.out).toMatch(/Source: .*пример для теста.*\[organisation\]/);
      expect((await capture(() => calendar(['2028', '--org', join(dir, 'missing.yaml')]))).code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad year', async () => {
    expect((await capture(() => calendar(['soon']))).code).toBe(2);
  });
});

describe('otklik deadlines', () => {
  it.each(presetIds)('%s: route, answer and draft where the profile has them, in the example zone', async (id) => {
    const { code, out } = await capture(() => deadlinesCommand(['--profile', id, '--detected', '2025-03-03T10:00:00+03:00', '--json']));
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, string>;
    const p = presets[id];
    expect(json.profile).toBe(id);
    expect(json.timezone).toBe(p.example.timezone);
    for (const t of ['route', 'answer', 'draft'] as const) expect(t in json, t).toBe(t in p.timers);
    for (const [key, value] of Object.entries(json)) {
      if (key === 'profile' || key === 'timezone') continue;
      expect(key in p.timers, key).toBe(true);
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    }
  });

  it('reads the instant in the profile zone, honours --tz and --importance', async () => {
    const plain = JSON.parse((await capture(() => deadlinesCommand(['--profile', 'sobolevo-2021', '--detected', '2025-03-03T10:00', '--json']))).out);
    expect(plain).toMatchObject({ timezone: 'Asia/Kamchatka', route: '2025-03-03T10:30:00+12:00', answer: '2025-03-04T10:00:00+12:00', draft: '2025-03-03T15:00:00+12:00' });
    const high = JSON.parse((await capture(() => deadlinesCommand(['--profile', 'sobolevo-2021', '--detected', '2025-03-03T10:00', '--importance', 'high', '--json']))).out);
    expect(high.answer).toBe('2025-03-03T15:00:00+12:00');
    const moscow = JSON.parse((await capture(() => deadlinesCommand(['--profile', 'sobolevo-2021', '--detected', '2025-03-03T10:00', '--tz', 'Europe/Moscow', '--json']))).out);
    expect(moscow).toMatchObject({ timezone: 'Europe/Moscow', answer: '2025-03-04T10:00:00+03:00' });
  });

  it('severny-pos-2022 counts calendar days by default, a day off moving the end to the next working day', async () => {
    const json = async (...extra: string[]) =>
      JSON.parse((await capture(() => deadlinesCommand(['--profile', 'severny-pos-2022', '--detected', '2026-12-04T10:00', ...extra, '--json']))).out);
    // 20 days in the "all other categories" class (п.10.3): 24 December, not 12 January as working days gave.
    expect(await json()).toMatchObject({ answer: '2026-12-24T10:00:00+07:00', draft: '2026-12-22T10:00:00+07:00', coExecutor: '2026-12-14T10:00:00+07:00' });
    // 8 days (п.10.1) end on Saturday 12 December: Monday 14th; the draft's 2 days before fall on Saturday: Friday 11th.
    expect(await json('--importance', 'high')).toMatchObject({ answer: '2026-12-14T10:00:00+07:00', draft: '2026-12-11T10:00:00+07:00', coExecutor: '2026-12-08T10:00:00+07:00' });
    const table = (await capture(() => deadlinesCommand(['--profile', 'severny-pos-2022', '--detected', '2026-12-04T10:00']))).out;
    expect(table).toMatch(/answer\s+Thu 24\.12\.2026 10:00\s+20d calendar, off → later\s+curator\s+п\.10\.3/);
  });

  it('severny-pos-2022 takes the local fast-track category, 14 days (п.10.2)', async () => {
    const { code, out } = await capture(() => deadlinesCommand(['--profile', 'severny-pos-2022', '--detected', '2026-12-04T10:00', '--importance', 'local-fast', '--json']));
    expect(code).toBe(0);
    // Half of the 14 days for a co-executor (п.14.2): 7 days, Friday 11th.
    expect(JSON.parse(out)).toMatchObject({ answer: '2026-12-18T10:00:00+07:00', draft: '2026-12-16T10:00:00+07:00', coExecutor: '2026-12-11T10:00:00+07:00' });
    const table = (await capture(() => deadlinesCommand(['--profile', 'severny-pos-2022', '--detected', '2026-12-04T10:00', '--importance', 'local-fast']))).out;
    expect(table).toContain('importance local-fast');
    expect(table).toMatch(/answer\s+Fri 18\.12\.2026 10:00\s+14d calendar, off → later\s+curator\s+п\.10\.2/);
  });

  it('sobolevo-2021, high importance: the draft 2 h before the 4-hour answer, not at routing', async () => {
    const at = async (detected: string) =>
      JSON.parse((await capture(() => deadlinesCommand(['--profile', 'sobolevo-2021', '--detected', detected, '--importance', 'high', '--json']))).out);
    expect(await at('2025-03-03T14:00')).toMatchObject({ route: '2025-03-03T14:30:00+12:00', answer: '2025-03-03T18:00:00+12:00', draft: '2025-03-03T16:00:00+12:00' });
    // Two working hours before 15:00 with lunch at 13:00–14:00: 12:00.
    expect(await at('2025-03-03T10:00')).toMatchObject({ answer: '2025-03-03T15:00:00+12:00', draft: '2025-03-03T12:00:00+12:00' });
    // Normal importance keeps п.13's 4 h before the 8-hour answer.
    const normal = JSON.parse((await capture(() => deadlinesCommand(['--profile', 'sobolevo-2021', '--detected', '2025-03-03T14:00', '--json']))).out);
    expect(normal).toMatchObject({ answer: '2025-03-04T13:00:00+12:00', draft: '2025-03-04T09:00:00+12:00' });
  });

  it('prints a readable table without --json', async () => {
    const { out } = await capture(() => deadlinesCommand(['--profile', 'ivanovo-2020', '--detected', '2025-03-03T10:00']));
    expect(out).toMatch(/answer\s+Tue 04\.03\.2025 11:00\s+9h working\s+executor\s+п\.9/);
  });

  it('refuses unknown profiles, zones and importance levels', async () => {
    expect((await capture(() => deadlinesCommand(['--profile', 'nowhere', '--detected', '2025-03-03T10:00']))).code).toBe(2);
    expect((await capture(() => deadlinesCommand(['--profile', 'ivanovo-2020', '--detected', '2025-03-03T10:00', '--tz', 'Mars/Base']))).code).toBe(2);
    expect((await capture(() => deadlinesCommand(['--profile', 'ivanovo-2020', '--detected', '2025-03-03T10:00', '--importance', 'vip']))).code).toBe(2);
    expect((await capture(() => deadlinesCommand(['--profile', 'ivanovo-2020', '--detected', 'yesterday']))).code).toBe(2);
  });
});

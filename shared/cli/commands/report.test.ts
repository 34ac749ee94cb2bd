/**
 * `otklik report` against a real database holding the fixed history
 * (test/kit/report-history.ts): the workbook it writes opens with
 * exceljs and holds the five sheets and the week's numbers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { storeHistory } from '../../../test/kit/report-history.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { run } from './report.js';

const dir = mkdtempSync(join(tmpdir(), 'otklik-report-cli-'));
const orgFile = join(dir, 'org.yaml');
let database: Database;
let drop: () => Promise<void>;
let out: string[];
let err: string[];

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  database = connectDatabase(db.url);
  await applyMigrations(database);
  await storeHistory(database.db);
  writeFileSync(
    orgFile,
    [
      'name: Администрация города Иваново',
      'timezone: Europe/Moscow',
      'profile: ivanovo-2020',
      'chats: { curators: -1001, duty: -1002, heads: -1003 }',
      'departments:',
      '  - { id: roads, name: Дорожное хозяйство }',
      '  - { id: housing, name: Отдел ЖКХ }',
      'staff:',
      '  - { telegramId: 1, name: Иванова Ирина, roles: [curator] }',
      '  - { telegramId: 101, name: Петров Пётр, roles: [executor], department: roads }',
      '  - { telegramId: 102, name: Волкова Мария, roles: [executor], department: housing }',
      'topics: [Дороги, ЖКХ, Транспорт]',
      'locations: [Центр, Заречье]',
    ].join('\n'),
  );
  vi.stubEnv('DATABASE_URL', db.url);
  vi.stubEnv('OTKLIK_ORG', orgFile);
  vi.stubEnv('LOG_LEVEL', 'silent');
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await database?.close();
  await drop?.();
});

describe('otklik report', () => {
  it('writes the week’s workbook: five sheets, the numbers of the history', async () => {
    const file = join(dir, 'week.xlsx');
    expect(await run(['--from', '2025-04-07', '--to', '2025-04-13', '--out', file, '--png', join(dir, 'week.png')])).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toContain('Written:');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Сводка', 'По подразделениям', 'По исполнителям', 'Просрочено', 'Топ сообщений']);
    const summary = wb.getWorksheet('Сводка')!;
    const value = (label: string) => {
      for (let r = 1; r <= summary.rowCount; r++) if (summary.getCell(r, 1).value === label) return summary.getCell(r, 2).value;
      throw new Error(`no row ${label}`);
    };
    expect(value('Организация')).toBe('Администрация города Иваново');
    expect(value('Период')).toBe('Неделя 07.04.2025 — 13.04.2025');
    // A, B and C (facts.test.ts): three received, two by VK; one rejected. Judged as of today (long after the
    // week): facts.test.ts's 12 stages as of Tuesday 12:30, plus B's answer, due Tuesday 17:00 and never given:
    // 13 judged, 9 on time.
    expect(value('Поступило сообщений')).toBe(3);
    expect(value('— ВКонтакте')).toBe(2);
    expect(value('Этапов со сроком в периоде')).toBe(13);
    expect(value('Доля этапов в срок')).toBeCloseTo(9 / 13);
    expect(value('Первый ответ: медиана, рабочих минут')).toBe(250);
    expect(value('Отклонено как не подлежащие обработке')).toBe(1);
    // B's draft is overdue as of today, whatever today is: the list names it with its department.
    const overdue = wb.getWorksheet('Просрочено')!;
    const rows: unknown[][] = [];
    overdue.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.flat()).toContain('Дорожное хозяйство');
    expect(readFileSync(join(dir, 'week.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('refuses bad dates and a reversed period with exit 2, writing nothing', async () => {
    err = [];
    expect(await run(['--from', '2025-13-01', '--to', '2025-04-13', '--out', join(dir, 'x.xlsx')])).toBe(2);
    expect(await run(['--from', '2025-04-13', '--to', '2025-04-07', '--out', join(dir, 'x.xlsx')])).toBe(2);
    expect(await run(['--from', '2025-04-07'])).toBe(2);
    expect(err[0]).toBe('otklik report: expected dates as YYYY-MM-DD, got --from 2025-13-01');
    expect(err[1]).toBe('otklik report: --to 2025-04-07 is before --from 2025-04-13');
    expect(err[2]).toMatch(/^Usage: otklik report/);
    expect(() => readFileSync(join(dir, 'x.xlsx'))).toThrow();
  });
});

import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkTime } from '../../core/sla/index.js';
import { aggregate } from '../../core/analytics/measures.js';
import { ZONE, sampleInput } from '../../../test/kit/reports.js';
import { buildWorkbook } from './workbook.js';

const data = aggregate(sampleInput({ workingMinutesBetween: (a, b) => createWorkTime({ timezone: ZONE }).workingMinutesBetween(a, b) }));
const wb = new ExcelJS.Workbook();
let buffer: Buffer;

beforeAll(async () => {
  buffer = await buildWorkbook(data);
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
});

const sheet = (name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** Rows below the header as arrays of values, column A first. */
function body(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

function header(ws: ExcelJS.Worksheet, row = 1): unknown[] {
  return (ws.getRow(row).values as unknown[]).slice(1);
}

/** The value next to a label in column A of the summary. */
function summary(label: string): { value: unknown; numFmt: string } {
  const ws = sheet('Сводка');
  for (let r = 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, 1).value === label) return { value: ws.getCell(r, 2).value, numFmt: ws.getCell(r, 2).numFmt };
  }
  throw new Error(`no row ${label}`);
}

describe('buildWorkbook', () => {
  it('is an xlsx (a zip) with the five sheets in order', () => {
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Сводка', 'По подразделениям', 'По исполнителям', 'Просрочено', 'Топ сообщений']);
  });

  it('freezes every header row, and the name column where rows are named', () => {
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet('По подразделениям').views[0]).toMatchObject({ xSplit: 1 });
  });

  it('puts the measures on the summary, with percent and minute formats', () => {
    expect(header(sheet('Сводка'))).toEqual(['Показатель', 'Значение']);
    expect(summary('Организация').value).toBe('Администрация города Иваново');
    expect(summary('Период').value).toBe('Неделя 07.04.2025 — 13.04.2025');
    // Written as the Moscow wall clock: Monday 09:00.
    expect(summary('Сформирован').value).toEqual(new Date(Date.UTC(2025, 3, 14, 9, 0)));
    expect(summary('Поступило сообщений').value).toBe(6);
    expect(summary('— ВКонтакте').value).toBe(3);
    expect(summary('Этапов со сроком в периоде').value).toBe(14);
    expect(summary('Доля этапов в срок')).toEqual({ value: 12 / 14, numFmt: '0%' });
    expect(summary('Первый ответ: медиана, рабочих минут')).toEqual({ value: 90, numFmt: '#,##0' });
    expect(summary('Первый ответ: 90-й процентиль, рабочих минут').value).toBe(240);
    expect(summary('Просрочено сейчас').value).toBe(2);
    expect(summary('Доработок на согласованный проект').value).toBe(0.75);
    expect(summary('Доля ответов после промежуточного').value).toBeCloseTo(1 / 3);
    expect(summary('Отклонено как не подлежащие обработке').value).toBe(1);
    expect(summary('— Решено').value).toBe(1);
    expect(summary('Решено положительно из топа сообщений').value).toBe(1);
  });

  it('adds on time by stage, topics and locations below the measures', () => {
    const ws = sheet('Сводка');
    const rowOf = (text: string) => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === text) return r;
      throw new Error(`no ${text}`);
    };
    const stages = rowOf('В срок по этапам');
    expect(header(ws, stages)).toEqual(['В срок по этапам', 'Этапов со сроком', 'В срок', 'Доля в срок']);
    expect(header(ws, stages + 3)).toEqual(['Проект ответа', 4, 2, 0.5]);
    const topics = rowOf('Поступило по темам');
    expect(header(ws, topics + 1)).toEqual(['ЖКХ', 3]);
    expect(header(ws, rowOf('Поступило по территориям') + 1)).toEqual(['Центр', 3]);
  });

  it('lists departments with on time per stage, returns and overdue', () => {
    const ws = sheet('По подразделениям');
    expect(header(ws)).toEqual([
      'Подразделение',
      'Этапов со сроком',
      'В срок',
      'Доля в срок',
      'Возврат, в срок',
      'Проект ответа, в срок',
      'Доработка, в срок',
      'Окончательный ответ, в срок',
      'Возвраты',
      'Просрочено сейчас',
    ]);
    expect(body(ws)).toEqual([
      ['Дорожное хозяйство', 4, 3, 0.75, undefined, 0.5, 1, 1, 0, 1],
      ['Отдел ЖКХ', 3, 2, 2 / 3, 1, 0.5, undefined, undefined, 1, 1],
    ]);
    expect(ws.getCell('D2').numFmt).toBe('0%');
  });

  it('lists executors with drafts and draft-check warnings', () => {
    const ws = sheet('По исполнителям');
    const h = header(ws);
    const rows = body(ws).map((r) => [r[0], r[1], r[2], r[3], r[h.indexOf('Проектов ответа')], r[h.indexOf('Замечаний проверки')]]);
    expect(rows).toEqual([
      ['Андреева А. А.', 'Дорожное хозяйство', 2, 1, 2, 1],
      ['Петров П. П.', 'Дорожное хозяйство', 2, 2, 2, 2],
      ['Сидоров С. С.', 'Отдел ЖКХ', 3, 2, 3, 4],
    ]);
  });

  it('lists overdue stages with wall-clock times and working and calendar minutes', () => {
    const ws = sheet('Просрочено');
    const [first, second] = body(ws);
    expect(first).toEqual([
      6,
      'Проект ответа',
      'ВКонтакте',
      'Отдел ЖКХ',
      'Сидоров С. С.',
      new Date(Date.UTC(2025, 3, 4, 11, 0)),
      new Date(Date.UTC(2025, 3, 9, 12, 0)),
      1260,
      // exceljs reads a cell with a time format back as a Date; stored is the day fraction 7020 / 1440 (117:00).
      new Date(Date.UTC(1899, 11, 30) + 7020 * 60_000),
    ]);
    expect(second!.slice(0, 2)).toEqual([5, 'Проект ответа']);
    expect(ws.getCell('I2').numFmt).toBe('[h]:mm');
    expect(ws.getCell('G2').numFmt).toBe('dd.mm.yyyy hh:mm');
  });

  it('lists top messages with their outcome and a link', () => {
    const ws = sheet('Топ сообщений');
    const rows = body(ws);
    expect(rows.map((r) => [r[0], r[6], r[7], r[8]])).toEqual([
      [1, 12, 1, 'Решено'],
      [3, 5, 0, 'Разъяснено'],
      [2, 3, 0, 'Не закрыто'],
    ]);
    expect(ws.getCell('J2').value).toEqual({ text: 'открыть', hyperlink: 'https://vk.com/wall-1_1' });
    expect(ws.getCell('F2').alignment).toMatchObject({ wrapText: true });
  });

  it('fits column widths to what they hold', () => {
    const ws = sheet('Сводка');
    // The longest label, «Первый ответ: 90-й процентиль, рабочих минут» (44 characters), its indent and a margin of 2.
    expect(ws.getColumn(1).width).toBe(44 + 1 + 2);
    expect(sheet('Топ сообщений').getColumn(6).width).toBe(60);
    // The header «Подразделение» (13 bold characters, 15 wide) is narrower than «Дорожное хозяйство» (18).
    expect(sheet('По подразделениям').getColumn(1).width).toBe(18 + 1 + 2);
    // «Окончательный ответ, в срок» breaks best as «Окончательный» / «ответ, в срок»: 13 characters, bold → 15, + indent.
    const departments = sheet('По подразделениям');
    expect(departments.getCell('H1').value).toBe('Окончательный ответ, в срок');
    expect(departments.getColumn(8).width).toBe(Math.ceil(13 * 1.15) + 1 + 2);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TELEGRAM_CAPTION_LIMIT, aggregate, chartSize, renderReport } from './index.js';
import { sampleInput } from '../../../test/kit/reports.js';

describe('renderReport', () => {
  it('gives the photo, its caption, the workbook and its file name for one delivery', async () => {
    const data = aggregate(sampleInput());
    const r = await renderReport(data);
    expect(r.png.readUInt32BE(16)).toBe(chartSize(data).width);
    expect(r.caption.startsWith('Администрация города Иваново. Неделя 07.04.2025 — 13.04.2025\n')).toBe(true);
    expect(r.caption.length).toBeLessThanOrEqual(TELEGRAM_CAPTION_LIMIT);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(5);
    expect(r.fileName).toBe('Отчёт 07.04.2025 — 13.04.2025.xlsx');
  });
});

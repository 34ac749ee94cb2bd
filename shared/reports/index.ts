/**
 * shared/reports — the presentation half of the periodic reports: pure,
 * no database and no clock. Facts in (`aggregate`), then the three things a
 * head receives: one PNG of charts, a short Russian caption, an .xlsx.
 */
export {
  aggregate,
  percentile,
  share,
  judgedStages,
  overdueStages,
  periodDays,
  compareStages,
  STAGE_ORDER,
  type StageFact,
  type DraftFact,
  type IncidentFact,
  type ReportInput,
  type ReportData,
  type Period,
  type PeriodKind,
  type Organisation,
  type Count,
  type OnTime,
  type StageOnTime,
  type DayCount,
  type DepartmentRow,
  type ExecutorRow,
  type OverdueItem,
  type TopMessage,
} from './measures.js';
export { renderChartPng, renderChartSvg, chartOption, chartLayout, chartSize, CHART_WIDTH, SCALE, FONT_FILES } from './chart.js';
export { buildWorkbook, SHEETS } from './workbook.js';
export { renderSummary, TELEGRAM_CAPTION_LIMIT } from './summary.js';
export { formatMinutes, formatPercent, networkLabel, outcomeLabel, periodLabel, reportFileName, stageLabel } from './labels.js';

import type { ReportData } from './measures.js';
import { renderChartPng } from './chart.js';
import { reportFileName } from './labels.js';
import { renderSummary } from './summary.js';
import { buildWorkbook } from './workbook.js';

/** Everything one report delivery sends: the photo, its caption, the document and its file name. */
export async function renderReport(data: ReportData): Promise<{ png: Buffer; caption: string; xlsx: Buffer; fileName: string }> {
  return { png: renderChartPng(data), caption: renderSummary(data), xlsx: await buildWorkbook(data), fileName: reportFileName(data.period) };
}

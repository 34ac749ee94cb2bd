/**
 * shared/flows/reports — the presentation half of the periodic reports: pure,
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
} from '../../core/analytics/measures.js';
export { renderChartPng, renderChartSvg, chartOption, chartLayout, chartSize, CHART_WIDTH, SCALE, FONT_FILES } from '../../staffchat/reports/chart.js';
export { buildWorkbook, SHEETS } from '../../staffchat/reports/workbook.js';
export { renderSummary, TELEGRAM_CAPTION_LIMIT } from '../../staffchat/reports/summary.js';
export { formatMinutes, formatPercent, networkLabel, outcomeLabel, periodLabel, reportFileName, stageLabel } from '../../staffchat/reports/labels.js';

import type { ReportData } from '../../core/analytics/measures.js';
import { renderChartPng } from '../../staffchat/reports/chart.js';
import { reportFileName } from '../../staffchat/reports/labels.js';
import { renderSummary } from '../../staffchat/reports/summary.js';
import { buildWorkbook } from '../../staffchat/reports/workbook.js';

/** Everything one report delivery sends: the photo, its caption, the document and its file name. */
export async function renderReport(data: ReportData): Promise<{ png: Buffer; caption: string; xlsx: Buffer; fileName: string }> {
  return { png: renderChartPng(data), caption: renderSummary(data), xlsx: await buildWorkbook(data), fileName: reportFileName(data.period) };
}

/**
 * The report as an .xlsx a head can forward: a summary, then per department,
 * per executor, what is overdue now and the top messages. Numbers stay
 * numbers (shares as fractions with a percent format, minutes as minutes) so
 * the reader can sort and sum them; times are written as the organisation's
 * wall-clock time, which is what Excel shows, since it has no time zones.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { t } from '../../platform/i18n.js';
import { networkLabel, outcomeLabel, periodLabel, stageLabel } from './labels.js';
import { compareStages, type ExecutorRow, type DepartmentRow, type ReportData, type StageOnTime } from '../../core/analytics/measures.js';

export const SHEETS = {
  summary: 'report-sheet-summary',
  departments: 'report-sheet-departments',
  executors: 'report-sheet-executors',
  overdue: 'report-sheet-overdue',
  top: 'report-sheet-top',
} as const;

const FMT = {
  count: '0',
  percent: '0%',
  minutes: '#,##0',
  /** Minutes stored as a fraction of a day, shown as hours:minutes past 24. */
  hoursMinutes: '[h]:mm',
  dateTime: 'dd.mm.yyyy hh:mm',
} as const;

type Value = string | number | Date | null | { text: string; hyperlink: string };

type Column<R> = {
  header: string;
  value: (row: R) => Value;
  numFmt?: string | ((row: R) => string | undefined);
  /** A fixed width in characters, for long text that wraps. */
  width?: number;
};

/** Excel has no zones: a Date whose UTC fields are the organisation's wall clock shows that wall clock. */
function wallClock(d: Date, zone: string): Date {
  const l = DateTime.fromJSDate(d, { zone });
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second));
}

/** exceljs's default face, named: a font without a name opens as a serif in LibreOffice. */
const FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };

/** Writes a header row and rows from `startRow`; returns the next free row. */
function writeTable<R>(ws: ExcelJS.Worksheet, startRow: number, columns: Column<R>[], rows: readonly R[], headers: Set<string>): number {
  const header = ws.getRow(startRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'left', indent: 1 };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF9AA5B1' } } };
    headers.add(cell.address);
  });
  // Two lines of header text: widths are fitted to the data, and long headers wrap.
  header.height = 32;
  rows.forEach((r, j) => {
    const row = ws.getRow(startRow + 1 + j);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = c.value(r);
      const fmt = typeof c.numFmt === 'function' ? c.numFmt(r) : c.numFmt;
      if (fmt) cell.numFmt = fmt;
      // Text keeps off the number to its left: printed sheets have no grid lines.
      if (typeof cell.value === 'string' || (cell.value !== null && typeof cell.value === 'object' && 'text' in cell.value)) {
        cell.alignment = { horizontal: 'left', indent: 1, ...(c.width !== undefined ? { wrapText: true, vertical: 'top' } : {}) };
      }
    });
  });
  columns.forEach((c, i) => {
    if (c.width !== undefined) ws.getColumn(i + 1).width = c.width;
  });
  return startRow + 1 + rows.length;
}

/** How many characters a cell shows, roughly, for fitting column widths. */
function shownLength(cell: ExcelJS.Cell, header: boolean): number {
  const v = cell.value;
  if (v === null || v === undefined) return 0;
  if (header) {
    // The narrowest two-line break at a space, a bit wider for bold type, plus the indent.
    const words = String(v).split(/\s+/);
    let best = words.join(' ').length;
    for (let i = 1; i < words.length; i++) {
      best = Math.min(best, Math.max(words.slice(0, i).join(' ').length, words.slice(i).join(' ').length));
    }
    return Math.ceil(best * 1.15) + 1;
  }
  if (v instanceof Date) return 16;
  if (typeof v === 'number') {
    if (cell.numFmt === FMT.percent) return 5;
    if (cell.numFmt === FMT.hoursMinutes) return 7;
    return Math.round(v).toLocaleString('ru-RU').length;
  }
  if (typeof v === 'object' && 'text' in v) return String(v.text).length + 1;
  return Math.max(...String(v).split('\n').map((l) => l.length)) + 1;
}

/** Column widths that fit what they hold (headers wrap to two lines), between 6 and 60 characters. */
function fitColumns(ws: ExcelJS.Worksheet, headers: Set<string>, fixed: ReadonlySet<number>): void {
  const widths = new Map<number, number>();
  ws.eachRow((row) =>
    row.eachCell((cell, col) => {
      widths.set(col, Math.max(widths.get(col) ?? 0, shownLength(cell, headers.has(cell.address))));
    }),
  );
  for (const [col, w] of widths) if (!fixed.has(col)) ws.getColumn(col).width = Math.min(60, Math.max(6, w + 2));
}

function sheet(wb: ExcelJS.Workbook, key: keyof typeof SHEETS, freezeColumns = 0): ExcelJS.Worksheet {
  return wb.addWorksheet(t(SHEETS[key]), {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: 1 }],
    // Printed, each sheet is one page wide, as long as it needs to be.
    pageSetup: { paperSize: 9, orientation: key === 'summary' ? 'portrait' : 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

/** The stages that occur in any of the rows, in display order: one share column each. */
function stagesOf(rows: readonly { byStage: readonly StageOnTime[] }[]): string[] {
  return [...new Set(rows.flatMap((r) => r.byStage.map((s) => s.stage)))].sort(compareStages);
}

function stageColumns<R extends { byStage: readonly StageOnTime[] }>(stages: string[]): Column<R>[] {
  return stages.map((stage) => ({
    header: t('report-col-stage-share', { stage: stageLabel(stage) }),
    value: (r) => r.byStage.find((s) => s.stage === stage)?.share ?? null,
    numFmt: FMT.percent,
  }));
}

type SummaryRow = { label: string; value: Value; numFmt?: string };

function summaryRows(data: ReportData): SummaryRow[] {
  const zone = data.period.timezone;
  const count = (label: string, value: number): SummaryRow => ({ label, value, numFmt: FMT.count });
  const percent = (label: string, value: number | null): SummaryRow => ({ label, value, numFmt: FMT.percent });
  const minutes = (label: string, value: number | null): SummaryRow => ({ label, value, numFmt: FMT.minutes });
  return [
    { label: t('report-row-organisation'), value: data.organisation.name },
    { label: t('report-row-period'), value: periodLabel(data.period) },
    { label: t('report-row-as-of'), value: wallClock(data.asOf, zone), numFmt: FMT.dateTime },
    count(t('report-row-received'), data.received.total),
    ...data.received.byNetwork.map((n) => count(t('report-row-received-network', { network: networkLabel(n.key) }), n.count)),
    count(t('report-row-judged'), data.onTime.total.judged),
    count(t('report-row-on-time'), data.onTime.total.onTime),
    percent(t('report-row-on-time-share'), data.onTime.total.share),
    count(t('report-row-first-reply-count'), data.firstReply.count),
    minutes(t('report-row-first-reply-median'), data.firstReply.medianWorkingMinutes),
    minutes(t('report-row-first-reply-p90'), data.firstReply.p90WorkingMinutes),
    count(t('report-row-overdue'), data.overdue.total),
    count(t('report-row-returns'), data.returns.total),
    count(t('report-row-drafts'), data.drafts.submitted),
    count(t('report-row-warnings'), data.drafts.warnings),
    { label: t('report-row-rework'), value: data.drafts.reworkPerDraft, numFmt: '0.00' },
    count(t('report-row-rework-max'), data.drafts.maxReworkRounds),
    percent(t('report-row-interim'), data.interim.share),
    percent(t('report-row-reaction'), data.reaction.share),
    count(t('report-row-repeats'), data.repeats),
    count(t('report-row-rejected'), data.rejected),
    count(t('report-row-forwarded'), data.forwarded.total),
    ...data.forwarded.byBody.map((b) => count(t('report-row-forwarded-body', { body: b.key }), b.count)),
    count(t('report-row-ratings'), data.ratings.count),
    { label: t('report-row-rating-average'), value: data.ratings.average, numFmt: '0.0' },
    count(t('report-row-significant'), data.sociallySignificant),
    count(t('report-row-extended'), data.terms.extended),
    count(t('report-row-extended-days'), data.terms.extendedDays),
    count(t('report-row-agreed-term'), data.terms.agreed),
    count(t('report-row-closed'), data.outcomes.closed),
    ...(Object.entries(data.outcomes.byOutcome) as [keyof typeof data.outcomes.byOutcome, number][]).map(([o, n]) =>
      count(t('report-row-outcome', { outcome: outcomeLabel(o) }), n),
    ),
    count(t('report-row-top-resolved'), data.top.resolvedPositively),
    ...(data.successStories
      ? [
          count(t('report-row-success'), data.successStories.count),
          ...data.successStories.items.map((s): SummaryRow => ({ label: t('report-row-success-item', { id: s.incidentId }), value: s.link })),
        ]
      : []),
  ];
}

export async function buildWorkbook(data: ReportData): Promise<Buffer> {
  const zone = data.period.timezone;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otklik';
  wb.created = data.asOf;

  // Summary: the measures, then on time by stage, by topic and by location.
  {
    const ws = sheet(wb, 'summary');
    const headers = new Set<string>();
    let row = writeTable<SummaryRow>(
      ws,
      1,
      [
        { header: t('report-col-measure'), value: (r) => r.label },
        { header: t('report-col-value'), value: (r) => r.value, numFmt: (r) => r.numFmt },
      ],
      summaryRows(data),
      headers,
    );
    row = writeTable<StageOnTime>(
      ws,
      row + 1,
      [
        { header: t('report-section-stages'), value: (s) => stageLabel(s.stage) },
        { header: t('report-col-judged'), value: (s) => s.judged, numFmt: FMT.count },
        { header: t('report-col-on-time'), value: (s) => s.onTime, numFmt: FMT.count },
        { header: t('report-col-on-time-share'), value: (s) => s.share, numFmt: FMT.percent },
      ],
      data.onTime.byStage,
      headers,
    );
    const counts = { header: t('report-col-count'), value: (c: { count: number }) => c.count, numFmt: FMT.count };
    row = writeTable(ws, row + 1, [{ header: t('report-section-topics'), value: (c) => c.key }, counts], data.received.byTopic, headers);
    writeTable(ws, row + 1, [{ header: t('report-section-locations'), value: (c) => c.key }, counts], data.received.byLocation, headers);
    fitColumns(ws, headers, new Set());
  }

  const onTimeColumns = <R extends { onTime: { judged: number; onTime: number; share: number | null } }>(): Column<R>[] => [
    { header: t('report-col-judged'), value: (r) => r.onTime.judged, numFmt: FMT.count },
    { header: t('report-col-on-time'), value: (r) => r.onTime.onTime, numFmt: FMT.count },
    { header: t('report-col-on-time-share'), value: (r) => r.onTime.share, numFmt: FMT.percent },
  ];

  {
    const ws = sheet(wb, 'departments', 1);
    const headers = new Set<string>();
    const end = writeTable<DepartmentRow>(
      ws,
      1,
      [
        { header: t('report-col-department'), value: (d) => d.name },
        ...onTimeColumns<DepartmentRow>(),
        ...stageColumns<DepartmentRow>(stagesOf(data.departments)),
        { header: t('report-col-returns'), value: (d) => d.returns, numFmt: FMT.count },
        { header: t('report-col-overdue-now'), value: (d) => d.overdueNow, numFmt: FMT.count },
      ],
      data.departments,
      headers,
    );
    if (end > 2) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: end - 1, column: ws.columnCount } };
    fitColumns(ws, headers, new Set());
  }

  {
    const ws = sheet(wb, 'executors', 1);
    const headers = new Set<string>();
    const deptName = new Map(data.departments.map((d) => [d.department, d.name]));
    const end = writeTable<ExecutorRow>(
      ws,
      1,
      [
        { header: t('report-col-executor'), value: (e) => e.name },
        { header: t('report-col-department'), value: (e) => (e.department === null ? null : (deptName.get(e.department) ?? e.department)) },
        ...onTimeColumns<ExecutorRow>(),
        ...stageColumns<ExecutorRow>(stagesOf(data.executors)),
        { header: t('report-col-drafts'), value: (e) => e.drafts, numFmt: FMT.count },
        { header: t('report-col-warnings'), value: (e) => e.warnings, numFmt: FMT.count },
        { header: t('report-col-overdue-now'), value: (e) => e.overdueNow, numFmt: FMT.count },
      ],
      data.executors,
      headers,
    );
    if (end > 2) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: end - 1, column: ws.columnCount } };
    fitColumns(ws, headers, new Set());
  }

  {
    const ws = sheet(wb, 'overdue', 1);
    const headers = new Set<string>();
    writeTable(
      ws,
      1,
      [
        { header: t('report-col-incident'), value: (o) => o.incidentId, numFmt: FMT.count },
        { header: t('report-col-stage'), value: (o) => stageLabel(o.stage) },
        { header: t('report-col-network'), value: (o) => networkLabel(o.network) },
        { header: t('report-col-department'), value: (o) => o.departmentName },
        { header: t('report-col-executor'), value: (o) => o.executorName },
        { header: t('report-col-started'), value: (o) => wallClock(o.startedAt, zone), numFmt: FMT.dateTime },
        { header: t('report-col-due'), value: (o) => wallClock(o.dueAt, zone), numFmt: FMT.dateTime },
        { header: t('report-col-overdue-working'), value: (o) => o.overdueWorkingMinutes, numFmt: FMT.minutes },
        { header: t('report-col-overdue-calendar'), value: (o) => o.overdueCalendarMinutes / 1440, numFmt: FMT.hoursMinutes },
      ],
      data.overdue.items,
      headers,
    );
    fitColumns(ws, headers, new Set());
  }

  {
    const ws = sheet(wb, 'top', 1);
    const headers = new Set<string>();
    const TEXT_COLUMN = 6;
    writeTable(
      ws,
      1,
      [
        { header: t('report-col-incident'), value: (m) => m.incidentId, numFmt: FMT.count },
        { header: t('report-col-network'), value: (m) => networkLabel(m.network) },
        { header: t('report-col-topics'), value: (m) => m.topics.join(', ') },
        { header: t('report-col-location'), value: (m) => m.location },
        { header: t('report-col-received'), value: (m) => wallClock(m.receivedAt, zone), numFmt: FMT.dateTime },
        { header: t('report-col-text'), value: (m) => m.excerpt, width: 60 },
        { header: t('report-col-engagement'), value: (m) => m.engagement, numFmt: FMT.count },
        { header: t('report-col-repeats'), value: (m) => m.repeats, numFmt: FMT.count },
        { header: t('report-col-outcome'), value: (m) => outcomeLabel(m.outcome) },
        { header: t('report-col-link'), value: (m) => (m.link === null ? null : { text: t('report-col-link-text'), hyperlink: m.link }) },
      ],
      data.top.items,
      headers,
    );
    ws.getColumn(10).eachCell((cell, row) => {
      if (row > 1 && cell.value) cell.font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
    });
    fitColumns(ws, headers, new Set([TEXT_COLUMN]));
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

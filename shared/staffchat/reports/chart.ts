/**
 * The report's one picture for the heads' Telegram chat: received per day by
 * network, on-time share per department, overdue by stage. ECharts lays it
 * out as SVG on the server (no browser, no canvas) and resvg rasterises it.
 *
 * Fonts: PT Sans is loaded from its npm package and nothing else, so Cyrillic
 * renders the same on any host. ECharts cannot measure text without a canvas
 * and guesses a full em for every non-Latin letter, which doubles the width
 * of Russian labels and breaks legends and margins; it measures with the same
 * font's real advance widths instead (opentype.js).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { DateTime } from 'luxon';
import opentype from 'opentype.js';
import { t } from '../../platform/i18n.js';
import { formatPercent, networkLabel, percentOf, periodLabel, stageLabel } from './labels.js';
import type { ReportData } from '../../core/analytics/measures.js';

const require = createRequire(import.meta.url);
const FONT_FAMILY = 'PT Sans';
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf'),
};

/** Layout width in CSS pixels; the PNG is SCALE times larger so text stays sharp when a phone zooms in. */
export const CHART_WIDTH = 720;
export const SCALE = 2;

const COLORS = {
  text: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  good: '#2f9e5b',
  fair: '#e0a100',
  poor: '#d64541',
  networks: { vk: '#0077ff', ok: '#f7931e', telegram: '#5ac8fa', manual: '#9aa5b1' } as Record<string, string>,
  other: ['#7b61ff', '#00a3a3', '#c05621'],
};

// ---------------------------------------------------------------- text measurement

type Face = { getAdvanceWidth(text: string, fontSize: number, options: { kerning: boolean }): number };
let faces: { regular: Face; bold: Face } | null = null;

function loadFace(path: string): Face {
  const b = readFileSync(path);
  return opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Width of `text` in a CSS font shorthand such as "bold 22px PT Sans". */
export function measureText(text: string, font: string): number {
  faces ??= { regular: loadFace(FONT_FILES.regular), bold: loadFace(FONT_FILES.bold) };
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  const bold = /\bbold(er)?\b|\b[6-9]00\b/.test(font);
  // Without kerning widths add up, as zrender assumes when it wraps a label letter by letter.
  return (bold ? faces.bold : faces.regular).getAdvanceWidth(text, size, { kerning: false });
}

/**
 * Breaks `text` into at most `maxLines` lines of at most `width` pixels at
 * word boundaries; the last line ends with an ellipsis when text is left over.
 * Done here rather than by ECharts, which cannot cap the number of lines.
 */
export function wrapText(text: string, width: number, font: string, maxLines: number): string[] {
  const fits = (s: string) => measureText(s, font) <= width;
  const truncate = (s: string) => {
    if (fits(s)) return s;
    let cut = s;
    while (cut.length > 1 && !fits(`${cut}…`)) cut = cut.slice(0, -1).trimEnd();
    return `${cut}…`;
  };
  const lines: string[] = [];
  let rest = text.split(/\s+/).filter(Boolean);
  while (rest.length > 0 && lines.length < maxLines - 1) {
    let n = 1;
    while (n < rest.length && fits(rest.slice(0, n + 1).join(' '))) n++;
    lines.push(rest.slice(0, n).join(' '));
    rest = rest.slice(n);
  }
  if (rest.length > 0) lines.push(rest.join(' '));
  return lines.map(truncate);
}

echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: measureText(text, font ?? `12px ${FONT_FAMILY}`) }) });

// ---------------------------------------------------------------- layout

const PAD = 24;
const HEADER = 118;
const DAYS_PANEL = 330;
const PANEL_TITLE = 44;
const ROW = 40;
const AXIS = 28;
const EMPTY_PANEL = 84;
const LABEL_MAX = 250;
const LABEL_FONT = `14px ${FONT_FAMILY}`;
const TITLE_FONT = `bold 22px ${FONT_FAMILY}`;
const TITLE_LINE = 28;

type Layout = {
  width: number;
  titleLines: string[];
  /** How far the title's extra line pushes everything below it down. */
  titleShift: number;
  height: number;
  daysTop: number;
  onTimeTop: number;
  onTimeRows: number;
  overdueTop: number;
  overdueRows: number;
};

function departmentsShown(data: ReportData) {
  // The weakest first: a head reads from the top and stops.
  return data.departments
    .filter((d) => d.onTime.share !== null)
    .sort((a, b) => a.onTime.share! - b.onTime.share! || b.onTime.judged - a.onTime.judged);
}

/** Where each panel goes; the height grows with the number of departments and overdue stages. */
export function chartLayout(data: ReportData): Layout {
  const onTimeRows = departmentsShown(data).length;
  const overdueRows = data.overdue.byStage.length;
  const titleLines = wrapText(data.organisation.name, CHART_WIDTH - 2 * PAD, TITLE_FONT, 2);
  const titleShift = (titleLines.length - 1) * TITLE_LINE;
  const daysTop = HEADER + titleShift;
  const onTimeTop = daysTop + DAYS_PANEL;
  const onTimeHeight = onTimeRows === 0 ? EMPTY_PANEL : PANEL_TITLE + onTimeRows * ROW + AXIS;
  const overdueTop = onTimeTop + onTimeHeight;
  const overdueHeight = overdueRows === 0 ? EMPTY_PANEL : PANEL_TITLE + overdueRows * ROW + 12;
  return { width: CHART_WIDTH, height: overdueTop + overdueHeight + PAD, titleLines, titleShift, daysTop, onTimeTop, onTimeRows, overdueTop, overdueRows };
}

/** The pixel size of the PNG. */
export function chartSize(data: ReportData): { width: number; height: number } {
  const l = chartLayout(data);
  return { width: l.width * SCALE, height: l.height * SCALE };
}

function shareColor(share: number): string {
  return share >= 0.9 ? COLORS.good : share >= 0.75 ? COLORS.fair : COLORS.poor;
}

function networkColor(network: string, i: number): string {
  return COLORS.networks[network] ?? COLORS.other[i % COLORS.other.length]!;
}

/** The ECharts option: pure, so tests and a future web view can use it as it is. */
export function chartOption(data: ReportData): echarts.EChartsCoreOption {
  const l = chartLayout(data);
  const zone = data.period.timezone;
  const days = data.received.byDay;
  const networks = data.received.byNetwork.map((n) => n.key);
  const depts = departmentsShown(data);
  const overdue = data.overdue.byStage;
  // Category labels of at most two lines; the plot starts right after the widest.
  const wrapLabels = (labels: string[]) => labels.map((s) => wrapText(s, LABEL_MAX, LABEL_FONT, 2));
  const labelWidth = (wrapped: string[][]) => Math.ceil(Math.max(0, ...wrapped.flat().map((s) => measureText(s, LABEL_FONT)))) + 8;
  const deptLabels = wrapLabels(depts.map((d) => d.name));
  const stageLabels = wrapLabels(overdue.map((s) => stageLabel(s.key)));
  const deptLabelWidth = labelWidth(deptLabels);
  const stageLabelWidth = labelWidth(stageLabels);
  const few = days.length <= 31;

  const panelTitle = (text: string, top: number) => ({
    text,
    left: PAD,
    top,
    textStyle: { fontSize: 17, fontWeight: 'bold', color: COLORS.text },
  });
  const empty = (text: string, top: number, fill: string) => ({
    type: 'text',
    // Titles have ECharts' default padding of 5; line up with them.
    left: PAD + 5,
    top: top + PANEL_TITLE - 4,
    // Not the `font` shorthand: resvg reads only the longhand properties.
    style: { text, fill, fontSize: 16, fontFamily: FONT_FAMILY },
  });

  const grid = [
    { left: PAD + 28, right: PAD, top: l.daysTop + 84, height: DAYS_PANEL - 84 - 44, containLabel: false },
    { left: PAD + deptLabelWidth + 10, right: 130, top: l.onTimeTop + PANEL_TITLE, height: Math.max(1, l.onTimeRows) * ROW },
    { left: PAD + stageLabelWidth + 10, right: 130, top: l.overdueTop + PANEL_TITLE, height: Math.max(1, l.overdueRows) * ROW },
  ];

  const axisText = { color: COLORS.muted, fontSize: 13, fontFamily: FONT_FAMILY };
  const maxOverdue = Math.max(1, ...overdue.map((s) => s.count));

  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY, color: COLORS.text },
    title: [
      {
        text: l.titleLines.join('\n'),
        left: PAD,
        top: 18,
        textStyle: { fontSize: 22, fontWeight: 'bold', color: COLORS.text, lineHeight: TITLE_LINE },
      },
      { text: periodLabel(data.period), left: PAD, top: 52 + l.titleShift, textStyle: { fontSize: 16, fontWeight: 'normal', color: COLORS.muted } },
      {
        text: t('report-chart-kpi', {
          received: data.received.total,
          onTime: formatPercent(data.onTime.total.share),
          overdue: data.overdue.total,
        }),
        left: PAD,
        top: 80 + l.titleShift,
        textStyle: { fontSize: 16, fontWeight: 'bold', color: COLORS.text },
      },
      panelTitle(t('report-chart-received'), l.daysTop),
      panelTitle(t('report-chart-ontime'), l.onTimeTop),
      panelTitle(t('report-chart-overdue'), l.overdueTop),
    ],
    legend: {
      data: networks.map(networkLabel),
      left: PAD,
      top: l.daysTop + 40,
      icon: 'roundRect',
      itemWidth: 14,
      itemHeight: 14,
      itemGap: 20,
      textStyle: { fontSize: 14, color: COLORS.text },
    },
    grid,
    xAxis: [
      {
        gridIndex: 0,
        type: 'category',
        data: days.map((d) => DateTime.fromISO(d.date, { zone }).toFormat('dd.MM')),
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: COLORS.grid } },
        axisLabel: { ...axisText, hideOverlap: true },
      },
      { gridIndex: 1, type: 'value', min: 0, max: 100, interval: 25, axisLabel: { ...axisText, formatter: (v: number) => formatPercent(v / 100) }, splitLine: { lineStyle: { color: COLORS.grid } }, show: l.onTimeRows > 0 },
      { gridIndex: 2, type: 'value', min: 0, max: maxOverdue, minInterval: 1, show: false },
    ],
    yAxis: [
      { gridIndex: 0, type: 'value', minInterval: 1, axisLabel: axisText, splitLine: { lineStyle: { color: COLORS.grid } } },
      {
        gridIndex: 1,
        type: 'category',
        inverse: true,
        data: deptLabels.map((lines) => lines.join('\n')),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: COLORS.text, fontSize: 14, lineHeight: 16 },
        show: l.onTimeRows > 0,
      },
      {
        gridIndex: 2,
        type: 'category',
        inverse: true,
        data: stageLabels.map((lines) => lines.join('\n')),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: COLORS.text, fontSize: 14, lineHeight: 16 },
        show: l.overdueRows > 0,
      },
    ],
    series: [
      ...networks.map((n, i) => ({
        name: networkLabel(n),
        type: 'bar',
        stack: 'received',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 36,
        itemStyle: { color: networkColor(n, i) },
        data: days.map((d) => d.byNetwork[n] ?? 0),
      })),
      // Day totals above the stacks, while there is room for them.
      {
        type: 'scatter',
        xAxisIndex: 0,
        yAxisIndex: 0,
        symbolSize: 0,
        silent: true,
        data: few ? days.map((d) => d.total) : [],
        label: { show: true, position: 'top', distance: 4, fontSize: 13, color: COLORS.text, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      },
      {
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barWidth: 22,
        data: depts.map((d) => ({ value: percentOf(d.onTime.share!), itemStyle: { color: shareColor(d.onTime.share!), borderRadius: [0, 4, 4, 0] } })),
        label: {
          show: true,
          position: 'right',
          fontSize: 14,
          color: COLORS.text,
          formatter: (p: { dataIndex: number }) => {
            const d = depts[p.dataIndex]!;
            return t('report-chart-ontime-label', { percent: percentOf(d.onTime.share!), onTime: d.onTime.onTime, judged: d.onTime.judged });
          },
        },
      },
      {
        type: 'bar',
        xAxisIndex: 2,
        yAxisIndex: 2,
        barWidth: 22,
        itemStyle: { color: COLORS.poor, borderRadius: [0, 4, 4, 0] },
        data: overdue.map((s) => s.count),
        label: { show: true, position: 'right', fontSize: 14, fontWeight: 'bold', color: COLORS.poor },
      },
    ],
    graphic: [
      ...(data.received.total === 0 ? [empty(t('report-chart-received-none'), l.daysTop, COLORS.muted)] : []),
      ...(l.onTimeRows === 0 ? [empty(t('report-chart-ontime-none'), l.onTimeTop, COLORS.muted)] : []),
      ...(l.overdueRows === 0 ? [empty(t('report-chart-overdue-none'), l.overdueTop, COLORS.good)] : []),
    ],
  };
}

export function renderChartSvg(data: ReportData): string {
  const { width, height } = chartLayout(data);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(data));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The PNG for Telegram: `chartSize(data)` pixels, white background, fonts from FONT_FILES only. */
export function renderChartPng(data: ReportData): Buffer {
  const svg = renderChartSvg(data);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

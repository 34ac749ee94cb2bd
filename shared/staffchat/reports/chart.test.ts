import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, SCALE, chartLayout, chartSize, measureText, renderChartPng, renderChartSvg, wrapText } from './chart.js';
import { aggregate } from '../../core/analytics/measures.js';
import { sampleInput } from '../../../test/kit/reports.js';

const data = aggregate(sampleInput());

type Rgb = readonly [number, number, number];
type Box = { x0: number; y0: number; x1: number; y1: number };

/** How many pixels of the box satisfy `test`. */
function count(png: PNG, test: (p: Rgb) => boolean, box: Box = { x0: 0, y0: 0, x1: png.width, y1: png.height }): number {
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * png.width + x) * 4;
      if (test([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!])) n++;
    }
  }
  return n;
}

const near = (hex: string, tolerance = 24) => {
  const b = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return (a: Rgb) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
};
const notWhite = (p: Rgb) => p.some((v) => v < 250);
const isDark = (p: Rgb) => p.every((v) => v < 90);

describe('renderChartPng', () => {
  const png = renderChartPng(data);

  it('is a PNG whose header gives the size chartSize promised', () => {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    // Two departments and one overdue stage: header 118 + days 330 + (44 + 2·40 + 28) + (44 + 1·40 + 12) + 24.
    expect(size).toEqual({ width: CHART_WIDTH * SCALE, height: (118 + 330 + 152 + 96 + 24) * SCALE });
    expect(size).toEqual(chartSize(data));
  });

  it('decodes, and is not blank: the bars and the title text are drawn', () => {
    const image = PNG.sync.read(png);
    expect(count(image, notWhite) / (image.width * image.height)).toBeGreaterThan(0.05);
    // VK's blue and OK's orange bars, the red of the weakest department and of overdue stages.
    for (const colour of ['#0077ff', '#f7931e', '#d64541']) expect(count(image, near(colour))).toBeGreaterThan(1000);
    // The title line holds dark glyphs: system fonts are off, so these come from the shipped PT Sans.
    expect(count(image, isDark, { x0: 24 * SCALE, y0: 18 * SCALE, x1: 400 * SCALE, y1: 46 * SCALE })).toBeGreaterThan(500);
  });
});

describe('renderChartSvg', () => {
  it('writes the Russian labels in PT Sans', () => {
    const svg = renderChartSvg(data);
    for (const text of ['Администрация города Иваново', 'Неделя 07.04.2025 — 13.04.2025', 'ВКонтакте', 'Отдел ЖКХ', 'Проект ответа', '67 %  (2 из 3)']) {
      expect(svg).toContain(text);
    }
    expect(svg).toContain('font-family:PT Sans');
    expect(svg).not.toMatch(/font-family:sans-serif/);
  });

  it('says so when there is nothing to show', () => {
    const svg = renderChartSvg(aggregate(sampleInput({ incidents: [], stages: [] })));
    expect(svg).toContain('Сообщений за период не поступало');
    expect(svg).toContain('Сроков за период не наступало');
    expect(svg).toContain('Просроченных этапов нет');
  });
});

describe('layout', () => {
  it('gives a long organisation name a second line and moves the panels down by it', () => {
    const long = aggregate(sampleInput({ organisation: { id: 'x', name: 'Администрация Соболевского муниципального района Камчатского края' } }));
    expect(chartLayout(long).titleLines).toEqual(['Администрация Соболевского муниципального района Камчатского', 'края']);
    expect(chartLayout(long).daysTop - chartLayout(data).daysTop).toBe(28);
  });

  it('measures Cyrillic with the font, not at a full em per letter as ECharts guesses', () => {
    const width = measureText('ВКонтакте', '12px PT Sans');
    expect(width).toBeGreaterThan(40);
    expect(width).toBeLessThan(9 * 12 * 0.7);
    expect(measureText('ВКонтакте', 'bold 12px PT Sans')).toBeGreaterThan(width);
  });

  it('wraps labels into two lines at most, with an ellipsis when text is left over', () => {
    const font = '14px PT Sans';
    expect(wrapText('Отдел ЖКХ', 250, font, 2)).toEqual(['Отдел ЖКХ']);
    expect(wrapText('Управление жилищно-коммунального хозяйства и благоустройства', 250, font, 2)).toEqual([
      'Управление жилищно-коммунального',
      'хозяйства и благоустройства',
    ]);
    const cut = wrapText('Управление жилищно-коммунального хозяйства, благоустройства, дорожной деятельности и транспорта', 250, font, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]).toMatch(/…$/);
    for (const line of cut) expect(measureText(line, font)).toBeLessThanOrEqual(250);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outcomes } from '../../core/incident/index.js';
import { formatMinutes, formatPercent, networkLabel, outcomeLabel, periodLabel, stageLabel } from './labels.js';
import { STAGE_ORDER } from '../../core/analytics/measures.js';
import { ZONE, msk } from '../../../test/kit/reports.js';

const ftl = readFileSync(new URL('../../platform/locales/ru/report.ftl', import.meta.url), 'utf8');
const defined = new Set([...ftl.matchAll(/^(report-[A-Za-z_-]+) =/gm)].map((m) => m[1]!));

describe('report.ftl', () => {
  it('defines every key the report code names literally', () => {
    // The report code: its rendering here, its flow, and its pure measures.
    const dirs = ['./', '../../flows/reports/', '../../core/analytics/'].map((d) => new URL(d, import.meta.url));
    const used = dirs.flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/'(report-[A-Za-z_-]+[A-Za-z])'/g)].map((m) => m[1]!)),
    );
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !defined.has(k))).toEqual([]);
  });

  it('names every known stage, outcome and network', () => {
    for (const s of STAGE_ORDER) expect(defined).toContain(`report-stage-${s}`);
    for (const o of [...outcomes, 'open']) expect(defined).toContain(`report-outcome-${o}`);
    for (const n of ['vk', 'ok', 'telegram', 'manual']) expect(defined).toContain(`report-network-${n}`);
  });
});

describe('labels', () => {
  it('reads names in Russian, and a profile’s own timer or network as it is', () => {
    expect(stageLabel('approval')).toBe('Согласование');
    expect(stageLabel('nightShift')).toBe('nightShift');
    expect(networkLabel('ok')).toBe('Одноклассники');
    expect(networkLabel('max')).toBe('MAX');
    expect(networkLabel('facebook')).toBe('facebook');
    expect(outcomeLabel('not_resolved')).toBe('Не решено');
    expect(outcomeLabel(null)).toBe('Не закрыто');
  });

  it('formats percents, minutes and periods', () => {
    expect(formatPercent(0.855)).toBe('86 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatMinutes(45)).toBe('45 мин');
    expect(formatMinutes(120)).toBe('2 ч');
    expect(formatMinutes(90)).toBe('1 ч 30 мин');
    expect(formatMinutes(1500)).toBe('25 ч');
    expect(periodLabel({ kind: 'quarter', from: msk('2025-01-01 00:00'), to: msk('2025-04-01 00:00'), timezone: ZONE })).toBe(
      'Квартал 01.01.2025 — 31.03.2025',
    );
    expect(periodLabel({ kind: 'custom', from: msk('2025-04-03 00:00'), to: msk('2025-04-04 00:00'), timezone: ZONE })).toBe(
      'Период 03.04.2025 — 03.04.2025',
    );
  });
});

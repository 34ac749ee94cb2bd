/**
 * How report values read in Russian, shared by the chart, the workbook and
 * the summary so all three say the same thing the same way. Wording is in
 * shared/platform/locales/ru/report.ftl.
 */
import { DateTime } from 'luxon';
import type { Outcome } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { STAGE_ORDER, type Period } from '../../core/analytics/measures.js';

const KNOWN_NETWORKS = ['vk', 'ok', 'telegram', 'max', 'manual'];

export function networkLabel(network: string): string {
  return KNOWN_NETWORKS.includes(network) ? t(`report-network-${network}`) : network;
}

/** A profile's own timer has no Russian name in the locale file: it shows its id. */
export function stageLabel(stage: string): string {
  return (STAGE_ORDER as readonly string[]).includes(stage) ? t(`report-stage-${stage}`) : stage;
}

export function outcomeLabel(outcome: Outcome | null): string {
  return t(`report-outcome-${outcome ?? 'open'}`);
}

/** Whole percent, rounded half up: 0.857 → 86. */
export function percentOf(share: number): number {
  return Math.round(share * 100);
}

/** "86 %", or a dash when there was nothing to judge. */
export function formatPercent(share: number | null): string {
  return share === null ? t('report-none') : t('report-percent', { value: percentOf(share) });
}

/** "45 мин", "2 ч", "1 ч 30 мин"; a dash for none. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return t('report-none');
  const m = Math.round(minutes);
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (hours === 0) return t('report-minutes', { minutes: rest });
  return rest === 0 ? t('report-hours', { hours }) : t('report-hours-minutes', { hours, minutes: rest });
}

export function formatDate(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat('dd.MM.yyyy');
}

export function formatDateTime(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat('dd.MM.yyyy HH:mm');
}

/** The period's last day is the day before `to`: a week from Monday reads "07.04.2025 — 13.04.2025". */
export function periodLabel(period: Period): string {
  const last = new Date(period.to.getTime() - 1);
  return t('report-period', { kind: period.kind, from: formatDate(period.from, period.timezone), to: formatDate(last, period.timezone) });
}

/** The workbook's file name as the chat shows it: «Отчёт 07.04.2025 — 13.04.2025.xlsx». */
export function reportFileName(period: Period): string {
  const last = new Date(period.to.getTime() - 1);
  return t('report-file-name', { from: formatDate(period.from, period.timezone), to: formatDate(last, period.timezone) });
}

/**
 * The few lines a head reads under the report's picture in Telegram. Plain
 * text (no parse mode needed, nothing to escape), and always within the
 * caption limit: optional lines go first when a long name would overflow it.
 */
import { t } from '../../platform/i18n.js';
import { formatMinutes, networkLabel, percentOf, periodLabel, stageLabel } from './labels.js';
import type { ReportData } from '../../core/analytics/measures.js';

/** Telegram's limit on a photo's caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** A stage's name inside a sentence: «проект ответа», not «Проект ответа». */
function inSentence(label: string): string {
  return label.charAt(0).toLocaleLowerCase('ru') + label.slice(1);
}

type Line = { text: string; optional: boolean };

function lines(data: ReportData): Line[] {
  const out: Line[] = [];
  const must = (text: string) => out.push({ text, optional: false });
  const may = (text: string) => out.push({ text, optional: true });

  must(t('report-summary-title', { org: data.organisation.name, period: periodLabel(data.period) }));

  const networks = data.received.byNetwork.map((n) => t('report-summary-network', { network: networkLabel(n.key), count: n.count })).join(', ');
  must(t('report-summary-received', { kind: data.period.kind, count: data.received.total, networks: networks ? ` (${networks})` : '' }));

  const total = data.onTime.total;
  must(
    total.share === null
      ? t('report-summary-on-time-none')
      : t('report-summary-on-time', { percent: percentOf(total.share), onTime: total.onTime, judged: total.judged }),
  );

  if (data.firstReply.count > 0) {
    must(
      t('report-summary-first-reply', {
        median: formatMinutes(data.firstReply.medianWorkingMinutes),
        p90: formatMinutes(data.firstReply.p90WorkingMinutes),
      }),
    );
  }

  const overdue = data.overdue.byStage.map((s) => `${inSentence(stageLabel(s.key))} — ${s.count}`).join(', ');
  must(data.overdue.total === 0 ? t('report-summary-overdue-none') : t('report-summary-overdue', { count: data.overdue.total, stages: overdue }));

  const judged = data.departments.filter((d) => d.onTime.share !== null);
  const lowest = [...judged].sort((a, b) => a.onTime.share! - b.onTime.share!)[0];
  if (judged.length > 1 && lowest && lowest.onTime.share! < 1) {
    may(t('report-summary-lowest', { department: lowest.name, percent: percentOf(lowest.onTime.share!) }));
  }

  may(
    t('report-summary-counts', {
      returns: data.returns.total,
      repeats: data.repeats,
      rejected: data.rejected,
      significant: data.sociallySignificant,
    }),
  );
  // Sobolevo п.23: counted toward the staff's effectiveness, so said even when none.
  if (data.successStories) may(t('report-summary-success', { count: data.successStories.count }));
  if (data.forwarded.total > 0) may(t('report-summary-forwarded', { count: data.forwarded.total }));
  if (data.ratings.average !== null) {
    may(t('report-summary-ratings', { count: data.ratings.count, average: data.ratings.average.toLocaleString('ru-RU', { maximumFractionDigits: 1 }) }));
  }
  if (data.terms.extended > 0 || data.terms.agreed > 0) {
    may(t('report-summary-terms', { extended: data.terms.extended, days: data.terms.extendedDays, agreed: data.terms.agreed }));
  }
  if (data.interim.share !== null) may(t('report-summary-interim', { percent: percentOf(data.interim.share) }));
  if (data.top.items.length > 0) may(t('report-summary-top', { count: data.top.items.length, resolved: data.top.resolvedPositively }));
  may(t('report-summary-files'));
  return out;
}

/** The caption: every line that fits, dropping optional lines from the end first; cut with "…" as a last resort. */
export function renderSummary(data: ReportData, limit = TELEGRAM_CAPTION_LIMIT): string {
  const all = lines(data);
  const join = (ls: Line[]) => ls.map((l) => l.text).join('\n');
  let kept = all;
  for (let i = all.length - 1; i >= 0 && join(kept).length > limit; i--) {
    if (all[i]!.optional) kept = kept.filter((l) => l !== all[i]);
  }
  const text = join(kept);
  if (text.length <= limit) return text;
  let cut = limit - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut -= 1; // never split an emoji's surrogate pair
  return `${text.slice(0, cut).trimEnd()}…`;
}

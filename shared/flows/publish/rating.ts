/**
 * The rating buttons under a final answer on Telegram (kamchatka-ias-2021
 * 2.7, an interpretation): callback data `rate:<incident>:<score>`, read by
 * the citizens' bot feature, which records a `rate` command for the author only.
 */
import { MAX_RATING, MIN_RATING } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';

const DATA = /^rate:(\d{1,15}):([1-9])$/;

export function ratingButtons(incidentId: number): Array<{ text: string; data: string }> {
  const out: Array<{ text: string; data: string }> = [];
  for (let score = MIN_RATING; score <= MAX_RATING; score++) out.push({ text: t('rating-button', { score }), data: `rate:${incidentId}:${score}` });
  return out;
}

export function parseRatingData(data: string): { incidentId: number; score: number } | null {
  const m = DATA.exec(data);
  if (!m) return null;
  const score = Number(m[2]);
  return score >= MIN_RATING && score <= MAX_RATING ? { incidentId: Number(m[1]), score } : null;
}

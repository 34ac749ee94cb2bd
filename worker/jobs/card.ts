import { offerCard } from '../../shared/staffchat/lanes/cards.js';
import { redrawMarks } from '../../shared/flows/deadlines/marks.js';
import type { JobHandler } from '../job.js';

/**
 * Brings the incident's card in a staff chat up to date. It does not talk to
 * Telegram itself: the card joins the chat's lane (shared/staffchat/lanes/), which
 * sends or edits it within Telegram's limits, folds a burst of refreshes into
 * one edit, and lists new cards in a digest while the chat is flooded.
 */
export const card: JobHandler<'card'> = {
  name: 'card',
  concurrency: 4,
  async handle({ incidentId, chatId, redraw }, ctx) {
    return offerCard(ctx, { incidentId, chatId, redraw: redraw !== undefined });
  },
};

/**
 * A deadline of the incident changes its mark now (🔥 or ⛔): every chat's card is redrawn through its lane,
 * at the version it shows. Planned from the events with the timers (shared/flows/deadlines/schedule.ts).
 */
export const cardMarks: JobHandler<'cardMarks'> = {
  name: 'cardMarks',
  concurrency: 8,
  async handle({ incidentId }, ctx) {
    return redrawMarks(ctx, incidentId);
  },
};

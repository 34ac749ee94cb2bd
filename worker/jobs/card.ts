import { offerCard } from '../../shared/staffchat/lanes/cards.js';
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

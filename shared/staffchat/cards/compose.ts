/**
 * One card as one chat sees it now: its view read (view.ts), drawn purely
 * (present.ts), and its buttons stored (buttons.ts) — the only write.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { AppContext } from '../../networks/context.js';
import { drawKeyboard } from './buttons.js';
import { spellerFor } from './draft-checks.js';
import { presentCard } from './present.js';
import type { Selection } from './selection.js';
import { loadCardView } from './view.js';

export type ComposedCard = { text: string; replyMarkup: InlineKeyboardMarkup; version: number; selection: Selection | null };

export async function composeCard(
  ctx: AppContext,
  incidentId: number,
  chatId: number,
  opts: { selection?: Selection; keepButtons?: boolean } = {},
): Promise<ComposedCard | null> {
  const view = await loadCardView(ctx, incidentId, chatId, opts);
  if (!view) return null;
  // The dictionary is needed only while a draft awaits approval (its warnings are on the card then).
  const speller = view.state.status === 'on_approval' ? spellerFor(ctx.profile) : null;
  const spell = speller?.state === 'ready' ? speller.spell : null;
  const { text, rows } = presentCard(view, { org: ctx.org, rules: ctx.rules, profile: ctx.profile, workTime: ctx.workTime, now: ctx.clock.now(), spell });
  const replyMarkup = await drawKeyboard(ctx.database.db, { incidentId, version: view.state.version, chatId }, rows, 'card', { keep: opts.keepButtons ?? false });
  return { text, replyMarkup, version: view.state.version, selection: view.selection };
}

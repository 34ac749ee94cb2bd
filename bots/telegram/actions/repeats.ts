/**
 * The curator's repeat and reopen buttons: "🔁 Это повтор" links the incident
 * to an earlier one (chosen from a short list, or typed as a number in the
 * private chat), so its answer must report measures taken; "🔄 Открыть снова"
 * brings an answered or closed incident back to the curator, because the
 * author wrote again or disagrees.
 */
import { and, eq } from 'drizzle-orm';
import { cards } from '../../../shared/platform/db/schema.js';
import { storedSelection } from '../../../shared/staffchat/cards/compose.js';
import { checkRole, checkStatus, reopenCauses, type ReopenCause } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { incidentExists } from '../../../shared/staffchat/cards/repeats.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { askInPrivate } from './executor.js';
import { popup } from './outcome.js';
import type { Action, Pressed } from './types.js';

/** Closes the list on this card, so the refreshed card shows its usual buttons. */
async function backToMain(p: Pressed): Promise<void> {
  const selection = await storedSelection(p.app, p.state.incidentId, p.chatId);
  if (!selection || selection.view === 'main') return;
  await p.app.database.db
    .update(cards)
    .set({ selection: { ...selection, view: 'main' } })
    .where(and(eq(cards.incidentId, p.state.incidentId), eq(cards.chatId, p.chatId)));
}

/** Links the incident as a repeat of `earlier`, after checking that incident exists. */
export async function linkRepeat(p: Pick<Pressed, 'app' | 'state' | 'member'>, earlier: number): Promise<string> {
  const actor = actorAs(p.member, 'curator');
  if (!actor) return t('refusal-role_not_allowed');
  if (!(await incidentExists(p.app.database.db, earlier))) return t('repeat-not-found', { id: String(earlier) });
  const outcome = await runCommand(p.app, p.state.incidentId, actor, { type: 'link_repeat', expectedVersion: p.state.version, earlierIncidentId: earlier });
  return outcome.ok ? t('repeat-linked', { id: p.state.incidentId, earlier: String(earlier) }) : popup(outcome);
}

export const repeatActions: Record<string, Action> = {
  async repeat_of(p) {
    if (!actorAs(p.member, 'curator')) return t('refusal-role_not_allowed');
    await backToMain(p);
    return linkRepeat(p, Number(p.args.earlier));
  },

  async repeat_number(p) {
    const actor = actorAs(p.member, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const refusal = checkRole('link_repeat', actor, p.app.rules) ?? checkStatus('link_repeat', p.state);
    if (refusal) return t(`refusal-${refusal.message}`);
    return askInPrivate(p, 'repeat_number', 'ask-repeat-number');
  },

  async reopen(p) {
    const actor = actorAs(p.member, 'curator');
    if (!actor) return t('refusal-role_not_allowed');
    const cause = reopenCauses.includes(p.args.cause as ReopenCause) ? (p.args.cause as ReopenCause) : 'repeat';
    await backToMain(p);
    const outcome = await runCommand(p.app, p.state.incidentId, actor, { type: 'reopen', expectedVersion: p.state.version, cause });
    return outcome.ok ? t('reopened', { id: p.state.incidentId }) : popup(outcome);
  },
};

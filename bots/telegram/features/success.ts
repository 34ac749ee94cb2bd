/**
 * Sobolevo п.23: success stories covered in the media count toward the staff's
 * effectiveness. Where the profile counts them, the curator (or the head) marks
 * an answered or closed message on its card with «🌟 История успеха»; where it
 * was covered (a link, or the paper and date) is asked for in the private chat
 * and kept with the mark (pending-input.ts takes the answer). A mistaken mark
 * is taken off with one tap. The card, the story and the quarterly report show it.
 */
import { Composer } from 'grammy';
import { checkRole, checkStatus, type Actor } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import { askInPrivate } from '../ask.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { tapped } from '../outcome.js';

/** The presser as the curator, else as the head: both may mark where the profile counts success stories. */
function marker(member: StaffMember): Actor | null {
  return actorAs(member, 'curator') ?? actorAs(member, 'head');
}

export function successFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(
    onButton('success_mark', async (ctx) => {
      const actor = marker(ctx.staff);
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      // Ask only someone the core would let mark it: the wrong person learns so now, not after typing the link.
      const refusal = checkRole('mark_success', actor, app.rules) ?? checkStatus('mark_success', state);
      if (refusal) return t(`refusal-${refusal.message}`);
      return askInPrivate(app, ctx, 'success_link', 'ask-success-link', { role: actor.role });
    }),
  );

  feature.use(
    onButton('success_unmark', async (ctx) => {
      const actor = marker(ctx.staff);
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'unmark_success', expectedVersion: state.version });
      return tapped(app, ctx, outcome, () => t('toast-success-unmarked'));
    }),
  );
  return feature;
}

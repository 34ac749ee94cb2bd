/**
 * The approver's card: approve with one tap, return for rework with a comment,
 * or correct the text and approve (the comment and the corrected text are
 * asked in private, ../ask.ts). Who approves is the profile's rule: the
 * curator, or the head in Sobolevo.
 */
import { Composer } from 'grammy';
import { checkRole, checkStatus } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { askInPrivate } from '../ask.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { tapped } from '../outcome.js';

export function approvalFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(
    onButton('approve', async (ctx) => {
      const actor = actorAs(ctx.staff, app.rules.approver);
      if (!actor) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      const withoutPhoto = args.withoutPhoto === 'not_obtainable' ? { withoutPhoto: args.withoutPhoto } : {};
      return tapped(app, ctx, await runCommand(app, state.incidentId, actor, { type: 'approve', expectedVersion: state.version, ...withoutPhoto }), () =>
        t('toast-approved'),
      );
    }),
  );

  feature.use(
    onButton('edit_approve', async (ctx) => {
      const actor = actorAs(ctx.staff, app.rules.approver);
      if (!actor) return t('refusal-role_not_allowed');
      const refusal = checkRole('approve', actor, app.rules) ?? checkStatus('approve', ctx.button.state);
      if (refusal) return t(`refusal-${refusal.message}`);
      return askInPrivate(app, ctx, 'edited_text', 'ask-edited-text');
    }),
  );

  feature.use(
    onButton('rework', async (ctx) => {
      const actor = actorAs(ctx.staff, app.rules.approver);
      if (!actor) return t('refusal-role_not_allowed');
      const refusal = checkRole('send_to_rework', actor, app.rules) ?? checkStatus('send_to_rework', ctx.button.state);
      if (refusal) return t(`refusal-${refusal.message}`);
      return askInPrivate(app, ctx, 'rework_comment', 'ask-rework-comment');
    }),
  );
  return feature;
}

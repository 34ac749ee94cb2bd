/**
 * The message's own term and its extensions on the card: the head setting a
 * shortened term where the profile gives it to the head (sobolevo п.18; the
 * curator picks it while routing, triage.ts), the responsible executor asking
 * the coordinator for more time with a reason (kamchatka-ias-2021 2.5; the
 * reason is asked for in the private chat and kept until it arrives), and the
 * coordinator granting days of it or refusing.
 */
import { Composer } from 'grammy';
import { checkAssignment, checkRole, checkStatus } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { termText } from '../../../shared/staffchat/cards/terms.js';
import { askInPrivate } from '../ask.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { tapped } from '../outcome.js';

export function termsFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(
    onButton('term_agree', async (ctx) => {
      const setter = app.rules.agreedTerm;
      const actor = setter ? actorAs(ctx.staff, setter.setBy) : null;
      if (!actor || !setter) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'agree_term', expectedVersion: state.version, amount: args.amount });
      return tapped(app, ctx, outcome, () => t('toast-term-agreed', { term: termText(args.amount, setter.unit) }));
    }),
  );

  feature.use(
    onButton('extension_request', async (ctx) => {
      const actor = actorAs(ctx.staff, 'executor');
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      // Ask only someone the core would let ask: the wrong person learns so now, not after typing the reason.
      const refusal =
        checkRole('request_extension', actor, app.rules) ?? checkStatus('request_extension', state) ?? checkAssignment('request_extension', state, actor);
      if (refusal) return t(`refusal-${refusal.message}`);
      if (state.extensionRequest) return t('refusal-extension_pending');
      return askInPrivate(app, ctx, 'extension_reason', 'ask-extension-reason');
    }),
  );

  const granter = (ctx: { staff: Parameters<typeof actorAs>[0] }) => {
    const role = app.rules.extension?.grantedBy;
    return role ? actorAs(ctx.staff, role) : null;
  };

  feature.use(
    onButton('extension_grant', async (ctx) => {
      const actor = granter(ctx);
      if (!actor) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'grant_extension', expectedVersion: state.version, days: args.days });
      return tapped(app, ctx, outcome, () => t('toast-extension-granted', { days: args.days }));
    }),
  );

  feature.use(
    onButton('extension_refuse', async (ctx) => {
      const actor = granter(ctx);
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'refuse_extension', expectedVersion: state.version });
      return tapped(app, ctx, outcome, () => t('toast-extension-refused'));
    }),
  );
  return feature;
}

/**
 * The curator closing an answered incident with its outcome (resolved,
 * explained, in progress, not resolved): the reports count the ones resolved
 * positively.
 */
import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { tapped } from '../outcome.js';

export function closingFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.use(
    onButton('close', async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'close', expectedVersion: state.version, outcome: args.outcome });
      return tapped(app, ctx, outcome, () => t('toast-closed', { outcome: t(`outcome-${args.outcome}`) }));
    }),
  );
  return feature;
}

/**
 * The head's card under sobolevo-2021 (п.19): with several departments
 * routed, the head names the one that writes the joint answer; the others
 * send their parts to it. The profile's rules say who this is.
 */
import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { popup } from '../outcome.js';

export function headFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.use(
    onButton('appoint', async (ctx) => {
      const actor = actorAs(ctx.staff, app.rules.responsibleSetter);
      if (!actor) return t('refusal-role_not_allowed');
      const { state, args } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, {
        type: 'appoint_responsible',
        expectedVersion: state.version,
        department: args.department,
      });
      if (!outcome.ok) return popup(outcome);
      const name = app.org.departments.find((d) => d.id === args.department)?.name ?? args.department;
      return t('appointed', { name });
    }),
  );
  return feature;
}

/**
 * A department's work on its card: take the incident, or return it to the
 * curator with a note. The note is asked for in the private chat with the bot
 * and kept until it arrives (../ask.ts), so a restart in between loses nothing.
 * Writing the answer and a co-executor's part: drafting.ts.
 */
import { Composer } from 'grammy';
import { checkAssignment, checkRole, checkStatus } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { askInPrivate } from '../ask.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { tapped } from '../outcome.js';

export function workFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(
    onButton('take', async (ctx) => {
      const actor = actorAs(ctx.staff, 'executor');
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      return tapped(app, ctx, await runCommand(app, state.incidentId, actor, { type: 'take', expectedVersion: state.version }), () => t('toast-taken'));
    }),
  );

  feature.use(
    onButton('return', async (ctx) => {
      const actor = actorAs(ctx.staff, 'executor');
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      // Ask only someone the core would let return it: the wrong department learns so now, not after typing a note.
      const refusal = checkRole('return', actor, app.rules) ?? checkStatus('return', state) ?? checkAssignment('return', state, actor);
      if (refusal) return t(`refusal-${refusal.message}`);
      return askInPrivate(app, ctx, 'return_note', 'ask-return-note');
    }),
  );
  return feature;
}

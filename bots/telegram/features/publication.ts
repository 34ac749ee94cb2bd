/**
 * The publisher's buttons on an approved reply that did not go out by itself: "Опубликовано вручную"
 * (posted by hand where the network could not take it, or found already there) and "Отправить снова"
 * (refused, or may not have arrived: staff checked and want it sent). Who publishes is the profile's rule.
 */
import { Composer } from 'grammy';
import { currentDraft } from '../../../shared/core/incident/index.js';
import { refreshCards } from '../../../shared/staffchat/cards/refresh.js';
import { t } from '../../../shared/platform/i18n.js';
import { latestPublication, publishAgain } from '../../../shared/platform/db/outbox.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { tapped } from '../outcome.js';

export function publicationFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(
    onButton('published_by_hand', async (ctx) => {
      const actor = actorAs(ctx.staff, app.rules.publisher);
      if (!actor) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      const outcome = await runCommand(app, state.incidentId, actor, {
        type: 'mark_published',
        expectedVersion: state.version,
        messageId: `manual-${ctx.staff.telegramId}`,
      });
      return tapped(app, ctx, outcome, () => t('toast-published-by-hand'));
    }),
  );

  feature.use(
    onButton('publish_again', async (ctx) => {
      if (!actorAs(ctx.staff, app.rules.publisher)) return t('refusal-role_not_allowed');
      const { state } = ctx.button;
      const { db } = app.database;
      const pub = state.status === 'approved' ? await latestPublication(db, state.incidentId) : null;
      // Only the approved draft's own row, and only once however many press at the same time.
      if (!pub || pub.draftNumber !== currentDraft(state)?.number || !(await publishAgain(db, pub.id))) {
        await refreshCards(app, state, { redraw: true });
        return t('publish-again-stale');
      }
      app.log.info({ incidentId: state.incidentId, publicationId: pub.id, by: ctx.staff.telegramId, was: pub.status }, 'reply sent again at staff request');
      await app.queues.enqueueAgain('publish', { publicationId: pub.id });
      await refreshCards(app, state, { redraw: true });
      return t('publish-again-done');
    }),
  );
  return feature;
}

/**
 * The publisher's buttons on an approved reply that did not go out by itself: "Опубликовано вручную"
 * (posted by hand where the network could not take it, or found already there) and "Отправить снова"
 * (refused, or may not have arrived: staff checked and want it sent).
 */
import { currentDraft } from '../../../shared/core/incident/index.js';
import { refreshCards } from '../../../shared/staffchat/cards/refresh.js';
import { t } from '../../../shared/platform/i18n.js';
import { latestPublication, publishAgain } from '../../../shared/platform/db/outbox.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { popup } from './outcome.js';
import type { Action } from './types.js';

export const publisherActions: Record<string, Action> = {
  async published_by_hand(p) {
    const actor = actorAs(p.member, p.app.rules.publisher);
    if (!actor) return t('refusal-role_not_allowed');
    const outcome = await runCommand(p.app, p.state.incidentId, actor, {
      type: 'mark_published',
      expectedVersion: p.state.version,
      messageId: `manual-${p.member.telegramId}`,
    });
    return popup(outcome);
  },

  async publish_again(p) {
    if (!actorAs(p.member, p.app.rules.publisher)) return t('refusal-role_not_allowed');
    const { db } = p.app.database;
    const pub = p.state.status === 'approved' ? await latestPublication(db, p.state.incidentId) : null;
    // Only the approved draft's own row, and only once however many press at the same time.
    if (!pub || pub.draftNumber !== currentDraft(p.state)?.number || !(await publishAgain(db, pub.id))) {
      await refreshCards(p.app, p.state, { redraw: true });
      return t('publish-again-stale');
    }
    p.app.log.info({ incidentId: p.state.incidentId, publicationId: pub.id, by: p.member.telegramId, was: pub.status }, 'reply sent again at staff request');
    await p.app.queues.enqueueAgain('publish', { publicationId: pub.id });
    await refreshCards(p.app, p.state, { redraw: true });
    return t('publish-again-done');
  },
};

/** "Опубликовано вручную": the publisher posted the approved reply by hand where the network could not take it. */
import { t } from '../../../shared/i18n.js';
import { runCommand } from '../../../shared/workflow/run.js';
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
};

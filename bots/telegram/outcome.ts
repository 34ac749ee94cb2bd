import { t } from '../../shared/platform/i18n.js';
import type { Outcome } from '../../shared/flows/command/store.js';
import type { AppContext } from '../../shared/networks/context.js';
import type { ButtonAction } from '../../shared/staffchat/cards/button-actions.js';
import { takeDirect } from '../../shared/staffchat/lanes/index.js';
import { redrawHere, type ButtonContext, type TapAnswer } from './buttons.js';

/** The popup for a command's outcome: nothing on success, the reason in Russian on refusal. */
export function popup(outcome: Outcome): string {
  if (outcome.ok) return '';
  return t(`refusal-${outcome.reason === 'not_found' ? 'not_found' : outcome.message}`);
}

/**
 * The answer to a command tap: on success the presser sees `toast` at once and the tapped card is
 * redrawn right after, before the lane gets to it; on refusal, the reason.
 */
export async function tapped(app: AppContext, ctx: ButtonContext<ButtonAction>, outcome: Outcome, toast: () => string): Promise<TapAnswer> {
  if (!outcome.ok) return popup(outcome);
  const { incidentId } = ctx.button.state;
  return {
    text: toast(),
    after: async () => {
      try {
        // Only with room in the chat's budget: a group takes about 20 edits a minute, and the lane is about to
        // redraw this card anyway; without room, its redraw is the one.
        if (!(await takeDirect(app, ctx.button.chatId, 'edit'))) return;
        // The lane is redrawing this card too: both keyboards must stay pressable, whichever lands last.
        // Given up after a moment (a 429 waited out would land after the lane's newer rendering).
        await redrawHere(app, ctx, { keepButtons: true, signal: AbortSignal.timeout(3000) });
      } catch (err) {
        app.log.warn({ incidentId, err: (err as Error).message }, 'tapped card not redrawn in place; the lane redraws it');
      }
    },
  };
}

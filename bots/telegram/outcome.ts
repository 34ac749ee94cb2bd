import { t } from '../../shared/platform/i18n.js';
import type { Outcome } from '../../shared/flows/command/store.js';
import type { AppContext } from '../../shared/networks/context.js';
import type { ButtonAction } from '../../shared/staffchat/cards/button-actions.js';
import { redrawHere, type ButtonContext } from './buttons.js';

/** The popup for a command's outcome: nothing on success, the reason in Russian on refusal. */
export function popup(outcome: Outcome): string {
  if (outcome.ok) return '';
  return t(`refusal-${outcome.reason === 'not_found' ? 'not_found' : outcome.message}`);
}

/**
 * The answer to a command tap: on success the tapped card is redrawn at once and the presser sees
 * `toast` (so the tap visibly worked before the lane refreshes the other cards); on refusal, the reason.
 */
export async function tapped(app: AppContext, ctx: ButtonContext<ButtonAction>, outcome: Outcome, toast: () => string): Promise<string> {
  if (!outcome.ok) return popup(outcome);
  // The lane is redrawing this card too at this very moment: both keyboards must stay pressable.
  await redrawHere(app, ctx, { keepButtons: true });
  return toast();
}

import { t } from '../../shared/platform/i18n.js';
import type { Outcome } from '../../shared/flows/command/store.js';

/** The popup for a command's outcome: nothing on success, the reason in Russian on refusal. */
export function popup(outcome: Outcome): string {
  if (outcome.ok) return '';
  return t(`refusal-${outcome.reason === 'not_found' ? 'not_found' : outcome.message}`);
}

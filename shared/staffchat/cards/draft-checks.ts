/**
 * The draft checks as staff read them: the same warnings in the executor's
 * preview and on the approver's card, so the approver sees what the executor
 * was warned about (a repeat without measures, a promised photo missing…).
 */
import { isRepeat, type DraftAttachment, type IncidentState } from '../../core/incident/index.js';
import { checkDraft, type DraftWarning, type SpellChecker } from '../../core/checks/draft-checks.js';
import type { Profile } from '../../core/sla/index.js';
import { loadPhraseLists } from '../../platform/wordlists/phrase-lists.js';
import { loadSpeller, spellerIfReady } from '../../platform/wordlists/spelling.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';

/** Beyond this a reply stops reading as conversation in a social network (Sobolevo п.23: short and informative). */
export const CONVERSATIONAL_LIMIT = 1500;

export type CheckedDraft = { text: string; attachments: readonly DraftAttachment[]; photoExpected: boolean };

/**
 * The spelling dictionary where the profile checks spelling (sobolevo п.23.2,
 * or the organisation's choice): `ready` once built, `loading` while it is
 * built (begun here if nobody began it), `off` elsewhere. Nobody waits for it:
 * a preview or a card drawn in the first seconds after a restart goes without
 * the spelling check rather than keep staff waiting.
 */
export function spellerFor(profile: Profile): { state: 'ready'; spell: SpellChecker } | { state: 'loading' | 'off' } {
  if (!profile.draftChecks?.spelling) return { state: 'off' };
  const spell = spellerIfReady();
  if (spell) return { state: 'ready', spell };
  void loadSpeller().catch(() => undefined);
  return { state: 'loading' };
}

export function draftWarnings(draft: CheckedDraft, state: IncidentState, authorName: string | null, spell: SpellChecker | null = null): DraftWarning[] {
  if (!draft.text.trim()) return [];
  return checkDraft(
    {
      text: draft.text,
      attachments: draft.attachments,
      photoExpected: draft.photoExpected,
      // A linked repeat, or one reopened as a repeat: the answer must report measures.
      isRepeat: isRepeat(state),
      maxLength: CONVERSATIONAL_LIMIT,
      ...(authorName ? { authorName } : {}),
      spell,
    },
    loadPhraseLists(),
  );
}

/** One Russian line per warning, HTML-safe. */
export function warningLines(warnings: readonly DraftWarning[]): string[] {
  return warnings.map((w) => {
    if (w.code === 'spelling' && w.suggestion) return t('draft-warning-spelling-suggest', { phrase: escapeHtml(w.phrase), suggestion: escapeHtml(w.suggestion) });
    return t(`draft-warning-${w.code}`, 'phrase' in w ? { phrase: escapeHtml(w.phrase) } : 'length' in w ? { length: w.length, limit: w.limit } : {});
  });
}

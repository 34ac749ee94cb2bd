/**
 * The draft checks as staff read them: the same warnings in the executor's
 * preview and on the approver's card, so the approver sees what the executor
 * was warned about (a repeat without measures, a promised photo missing…).
 */
import { isRepeat, type DraftAttachment, type IncidentState } from '../../core/incident/index.js';
import { checkDraft, type DraftWarning } from '../../core/checks/draft-checks.js';
import { loadPhraseLists } from '../../platform/wordlists/phrase-lists.js';
import { t } from '../../platform/i18n.js';
import { escapeHtml } from './html.js';

/** Beyond this a reply stops reading as conversation in a social network (Sobolevo п.23: short and informative). */
export const CONVERSATIONAL_LIMIT = 1500;

export type CheckedDraft = { text: string; attachments: readonly DraftAttachment[]; photoExpected: boolean };

export function draftWarnings(draft: CheckedDraft, state: IncidentState, authorName: string | null): DraftWarning[] {
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
    },
    loadPhraseLists(),
  );
}

/** One Russian line per warning, HTML-safe. */
export function warningLines(warnings: readonly DraftWarning[]): string[] {
  return warnings.map((w) =>
    t(`draft-warning-${w.code}`, 'phrase' in w ? { phrase: escapeHtml(w.phrase) } : 'length' in w ? { length: w.length, limit: w.limit } : {}),
  );
}

/** The draft preview's buttons: switch the kind (answer, interim, clarification) and submit for approval; send a co-executor's part. */
import { draftKinds, type CommandInput, type DraftKind } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { peekInput, takeInput, updateInput } from '../../../shared/flows/command/pending.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { authorName, draftOf, sendPreview } from '../drafting/draft.js';
import { actorAs } from '../staff.js';
import { popup } from './outcome.js';
import type { Action, Pressed } from './types.js';

async function openDraft(p: Pressed, action: 'draft' | 'part' = 'draft') {
  const pending = await peekInput(p.app.database.db, p.member.telegramId);
  return pending && pending.action === action && pending.incidentId === p.state.incidentId ? pending : null;
}

/**
 * Sends what the executor wrote (a draft or a part) as one command; on success the writing ends.
 * An empty text is refused before the core is asked.
 */
async function submitWritten(
  p: Pressed,
  action: 'draft' | 'part',
  command: (written: ReturnType<typeof draftOf>) => CommandInput,
  doneKey: string,
): Promise<string> {
  const actor = actorAs(p.member, 'executor');
  const pending = await openDraft(p, action);
  if (!actor || !pending) return t('button-gone');
  const written = draftOf(pending.args);
  if (!written.text.trim()) return t('draft-empty');
  const outcome = await runCommand(p.app, p.state.incidentId, actor, command(written));
  if (!outcome.ok) return popup(outcome);
  await takeInput(p.app.database.db, p.member.telegramId);
  await p.tg.reply(t(doneKey, { id: p.state.incidentId }));
  return '';
}

export const draftActions: Record<string, Action> = {
  draft_part_submit: (p) =>
    submitWritten(
      p,
      'part',
      (part) => ({ type: 'submit_part', expectedVersion: p.state.version, text: part.text, attachments: part.attachments }),
      'part-submitted',
    ),

  async draft_kind(p) {
    const pending = await openDraft(p);
    if (!pending) return t('button-gone');
    const kind = draftKinds.includes(p.args.kind as DraftKind) ? (p.args.kind as DraftKind) : 'answer';
    const draft = { ...draftOf(pending.args), kind };
    await updateInput(p.app.database.db, p.member.telegramId, draft);
    await sendPreview(p.tg, p.app, p.state, draft, await authorName(p.app, p.state.incidentId));
    return '';
  },

  /** "Будет фото/видео": the executor promises evidence; the preview's checks then warn until it is attached. */
  async draft_photo(p) {
    const pending = await openDraft(p);
    if (!pending) return t('button-gone');
    const draft = draftOf(pending.args);
    const next = { ...draft, photoExpected: !draft.photoExpected };
    await updateInput(p.app.database.db, p.member.telegramId, next);
    await sendPreview(p.tg, p.app, p.state, next, await authorName(p.app, p.state.incidentId));
    return '';
  },

  draft_submit: (p) =>
    submitWritten(
      p,
      'draft',
      (draft) => ({
        type: 'submit_draft',
        expectedVersion: p.state.version,
        kind: draft.kind,
        text: draft.text,
        attachments: draft.attachments,
        photoExpected: draft.photoExpected,
      }),
      'draft-submitted',
    ),
};

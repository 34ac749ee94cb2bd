/**
 * The preview of a draft being written in the executor's private chat, and
 * its buttons. The draft is kept as a pending input (kind, text, attachments)
 * until it is submitted, so nothing typed is lost to a restart; each change
 * re-sends the preview with the draft checks.
 */
import type { Context } from 'grammy';
import { eq } from 'drizzle-orm';
import { incidents } from '../../shared/platform/db/schema.js';
import { drawKeyboard } from '../../shared/staffchat/cards/buttons.js';
import { escapeHtml } from '../../shared/staffchat/cards/html.js';
import { draftKinds, type DraftAttachment, type DraftKind, type IncidentState } from '../../shared/core/incident/index.js';
import { draftWarnings, spellerFor, warningLines } from '../../shared/staffchat/cards/draft-checks.js';
import type { SpellChecker } from '../../shared/core/checks/draft-checks.js';
import { t } from '../../shared/platform/i18n.js';
import type { AppContext } from '../../shared/networks/context.js';

/** `photoExpected`: the executor said a photo or video will come; the checks warn while none is attached. */
export type DraftInProgress = { kind: DraftKind; text: string; attachments: DraftAttachment[]; photoExpected: boolean };

/** The citizen's display name: an answer that opens with it («Анна, …») addresses the author. */
export async function authorName(app: AppContext, incidentId: number): Promise<string | null> {
  const [row] = await app.database.db.select({ name: incidents.authorName }).from(incidents).where(eq(incidents.id, incidentId));
  return row?.name ?? null;
}

export function draftOf(args: Record<string, unknown>): DraftInProgress {
  const kind = draftKinds.includes(args.kind as DraftKind) ? (args.kind as DraftKind) : 'answer';
  return {
    kind,
    text: typeof args.text === 'string' ? args.text : '',
    attachments: Array.isArray(args.attachments) ? (args.attachments as DraftAttachment[]) : [],
    photoExpected: args.photoExpected === true,
  };
}

function nextKind(kind: DraftKind, allowed: readonly DraftKind[]): DraftKind {
  return allowed[(allowed.indexOf(kind) + 1) % allowed.length] ?? 'answer';
}

/** The preview: what the citizen will read, and the checks' warnings (never a block). */
function previewText(draft: DraftInProgress, state: IncidentState, authorName: string | null, spell: SpellChecker | null): string {
  const warnings = draftWarnings(draft, state, authorName, spell);
  const lines = [
    t('draft-preview', { kind: t(`draft-kind-${draft.kind}`), id: state.incidentId }),
    `<blockquote>${draft.text.trim() ? escapeHtml(draft.text.trim()) : `<i>${t('draft-no-text')}</i>`}</blockquote>`,
    draft.attachments.length ? t('draft-attachments', { count: draft.attachments.length }) : null,
    '',
    t('draft-checks'),
    ...(warnings.length
      ? warningLines(warnings)
      : draft.text.trim()
        ? [t('draft-checks-ok')]
        : []),
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

/** A co-executor's part: no kind and no checks, it goes to a colleague, not to the citizen. */
export async function sendPartPreview(tg: Context, app: AppContext, state: IncidentState, part: DraftInProgress): Promise<void> {
  const keyboard = await drawKeyboard(
    app.database.db,
    { incidentId: state.incidentId, version: state.version, chatId: tg.chat!.id },
    [[{ text: t('btn-part-submit'), action: 'draft_part_submit' }]],
    'draft',
  );
  const lines = [
    t('part-preview', { id: state.incidentId }),
    `<blockquote>${part.text.trim() ? escapeHtml(part.text.trim()) : `<i>${t('draft-no-text')}</i>`}</blockquote>`,
    part.attachments.length ? t('draft-attachments', { count: part.attachments.length }) : null,
  ];
  await tg.reply(lines.filter((l): l is string => l !== null).join('\n'), { parse_mode: 'HTML', reply_markup: keyboard });
}

export async function sendPreview(tg: Context, app: AppContext, state: IncidentState, draft: DraftInProgress, authorName: string | null): Promise<void> {
  const chatId = tg.chat!.id;
  const allowed = app.rules.interimAllowed ? draftKinds : draftKinds.filter((k) => k !== 'interim');
  const keyboard = await drawKeyboard(
    app.database.db,
    { incidentId: state.incidentId, version: state.version, chatId },
    [
      [{ text: t('btn-draft-kind', { kind: t(`draft-kind-${draft.kind}`) }), action: 'draft_kind', args: { kind: nextKind(draft.kind, allowed) } }],
      [{ text: t(draft.photoExpected ? 'btn-draft-photo-on' : 'btn-draft-photo-off'), action: 'draft_photo' }],
      [{ text: t('btn-draft-templates'), action: 'draft_templates', args: { page: 0 } }],
      [{ text: t('btn-draft-submit'), action: 'draft_submit' }],
    ],
    'draft',
  );
  const speller = spellerFor(app.profile);
  const spell = speller.state === 'ready' ? speller.spell : null;
  const text = previewText(draft, state, authorName, spell);
  await tg.reply(speller.state === 'loading' && draft.text.trim() ? `${text}\n${t('draft-spelling-loading')}` : text, { parse_mode: 'HTML', reply_markup: keyboard });
}

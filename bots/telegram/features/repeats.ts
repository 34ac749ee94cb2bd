/**
 * The curator's repeat and reopen buttons: "🔁 Это повтор" links the incident
 * to an earlier one (chosen from a short list, or typed as a number in the
 * private chat), so its answer must report measures taken; "🔄 Открыть снова"
 * brings an answered or closed incident back to the curator, because the
 * author wrote again or disagrees.
 */
import { Composer } from 'grammy';
import { and, eq } from 'drizzle-orm';
import { cards } from '../../../shared/platform/db/schema.js';
import { storedSelection } from '../../../shared/staffchat/cards/view.js';
import { checkRole, checkStatus, reopenCauses, type IncidentState } from '../../../shared/core/incident/index.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import { t } from '../../../shared/platform/i18n.js';
import { incidentExists } from '../../../shared/staffchat/cards/repeats.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { askInPrivate } from '../ask.js';
import { onButton } from '../buttons.js';
import { actorAs, type BotContext } from '../context.js';
import { popup } from '../outcome.js';

/** Closes the list on this card, so the refreshed card shows its usual buttons. */
async function backToMain(app: AppContext, state: IncidentState, chatId: number): Promise<void> {
  const selection = await storedSelection(app, state.incidentId, chatId);
  if (!selection || selection.view === 'main') return;
  await app.database.db
    .update(cards)
    .set({ selection: { ...selection, view: 'main' } })
    .where(and(eq(cards.incidentId, state.incidentId), eq(cards.chatId, chatId)));
}

/** Links the incident as a repeat of `earlier`, after checking that incident exists; returns what to tell the curator. */
export async function linkRepeat(app: AppContext, state: IncidentState, member: StaffMember, earlier: number): Promise<string> {
  const actor = actorAs(member, 'curator');
  if (!actor) return t('refusal-role_not_allowed');
  if (!(await incidentExists(app.database.db, earlier))) return t('repeat-not-found', { id: String(earlier) });
  const outcome = await runCommand(app, state.incidentId, actor, { type: 'link_repeat', expectedVersion: state.version, earlierIncidentId: earlier });
  return outcome.ok ? t('repeat-linked', { id: state.incidentId, earlier: String(earlier) }) : popup(outcome);
}

export function repeatsFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  feature.use(
    onButton('repeat_of', async (ctx) => {
      if (!actorAs(ctx.staff, 'curator')) return t('refusal-role_not_allowed');
      const { state, chatId, args } = ctx.button;
      await backToMain(app, state, chatId);
      return linkRepeat(app, state, ctx.staff, Number(args.earlier));
    }),
  );

  // The number is typed in the private chat; pending-input.ts takes it.
  feature.use(
    onButton('repeat_number', async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const refusal = checkRole('link_repeat', actor, app.rules) ?? checkStatus('link_repeat', ctx.button.state);
      if (refusal) return t(`refusal-${refusal.message}`);
      return askInPrivate(app, ctx, 'repeat_number', 'ask-repeat-number');
    }),
  );

  feature.use(
    onButton('reopen', async (ctx) => {
      const actor = actorAs(ctx.staff, 'curator');
      if (!actor) return t('refusal-role_not_allowed');
      const { state, chatId, args } = ctx.button;
      const cause = reopenCauses.includes(args.cause) ? args.cause : 'repeat';
      await backToMain(app, state, chatId);
      const outcome = await runCommand(app, state.incidentId, actor, { type: 'reopen', expectedVersion: state.version, cause });
      return outcome.ok ? t('reopened', { id: state.incidentId }) : popup(outcome);
    }),
  );
  return feature;
}

/**
 * Asking a staff member for a text (a return note, a rework comment, the
 * corrected text, a repeat's number) in their private chat with the bot. The
 * question is remembered in PostgreSQL before it is asked; the answer is taken
 * by the pending-input feature.
 */
import { GrammyError } from 'grammy';
import { t } from '../../shared/platform/i18n.js';
import { chargeDirect } from '../../shared/staffchat/lanes/index.js';
import { awaitInput, setPrompt, takeInput, type PendingAction } from '../../shared/flows/command/pending.js';
import type { AppContext } from '../../shared/networks/context.js';
import type { ButtonAction } from '../../shared/staffchat/cards/button-actions.js';
import type { ButtonContext } from './buttons.js';

/** Asks the presser of a button; returns the popup for the tap. */
export async function askInPrivate(
  app: AppContext,
  ctx: ButtonContext<ButtonAction>,
  action: PendingAction,
  key: string,
  args: Record<string, unknown> = {},
  vars: Record<string, string | number> = {},
): Promise<string> {
  const userId = ctx.staff.telegramId;
  const { state, chatId } = ctx.button;
  const { db } = app.database;
  // Remembered before asking: an answer typed at once must find the question waiting.
  await awaitInput(db, { userId, incidentId: state.incidentId, version: state.version, action, args: { ...args, chatId } });
  try {
    await chargeDirect(app, userId, 'send');
    // The prompt names the incident and forces a reply, so the answer is tied to it even while other questions are open.
    const sent = await ctx.api.sendMessage(userId, t(key, { ...vars, id: state.incidentId }), {
      reply_markup: { force_reply: true, input_field_placeholder: t('ask-placeholder', { id: state.incidentId }) },
    });
    await setPrompt(db, userId, state.incidentId, sent.message_id);
  } catch (err) {
    await takeInput(db, userId, state.incidentId);
    // 403: the person never opened the private chat, so the bot may not write first.
    if (err instanceof GrammyError && err.error_code === 403) return t('ask-open-private', { bot: ctx.me.username });
    throw err;
  }
  return chatId === userId ? '' : t('ask-sent-private');
}

/**
 * The executor's card: take the incident, or return it to the curator with
 * a note. The note is asked for in the private chat with the bot and kept
 * until it arrives, so a restart in between loses nothing.
 */
import { GrammyError } from 'grammy';
import { checkAssignment, checkRole, checkStatus } from '../../../shared/core/incident/index.js';
import { t } from '../../../shared/platform/i18n.js';
import { chargeDirect } from '../../../shared/staffchat/lanes/index.js';
import { awaitInput, takeInput, type PendingAction } from '../../../shared/flows/command/pending.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { actorAs } from '../staff.js';
import { popup } from './outcome.js';
import type { Action, Pressed } from './types.js';

/** Asks a person for a text in their private chat with the bot, and remembers the question. */
export async function askInPrivate(p: Pressed, action: PendingAction, key: string): Promise<string> {
  const userId = p.member.telegramId;
  const { db } = p.app.database;
  // Remembered before asking: an answer typed at once must find the question waiting.
  await awaitInput(db, { userId, incidentId: p.state.incidentId, version: p.state.version, action, args: { chatId: p.chatId } });
  try {
    await chargeDirect(p.app, userId, 'send');
    await p.tg.api.sendMessage(userId, t(key, { id: p.state.incidentId }), { reply_markup: { force_reply: true } });
  } catch (err) {
    await takeInput(db, userId);
    // 403: the person never opened the private chat, so the bot may not write first.
    if (err instanceof GrammyError && err.error_code === 403) return t('ask-open-private', { bot: p.tg.me.username });
    throw err;
  }
  return p.chatId === userId ? '' : t('ask-sent-private');
}

export const executorActions: Record<string, Action> = {
  async take(p) {
    const actor = actorAs(p.member, 'executor');
    if (!actor) return t('refusal-role_not_allowed');
    return popup(await runCommand(p.app, p.state.incidentId, actor, { type: 'take', expectedVersion: p.state.version }));
  },

  async return(p) {
    const actor = actorAs(p.member, 'executor');
    if (!actor) return t('refusal-role_not_allowed');
    // Ask only someone the core would let return it: the wrong department learns so now, not after typing a note.
    const refusal = checkRole('return', actor, p.app.rules) ?? checkStatus('return', p.state) ?? checkAssignment('return', p.state, actor);
    if (refusal) return t(`refusal-${refusal.message}`);
    return askInPrivate(p, 'return_note', 'ask-return-note');
  },
};

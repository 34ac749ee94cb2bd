/**
 * Texts the bot asked a staff member for in their private chat (../ask.ts): a return
 * note, a rework comment, the approver's corrected text, a repeat's number. The question is a row in PostgreSQL; the answer is
 * the person's next text message there.
 */
import { Composer } from 'grammy';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { awaitInput, peekInput, takeInput, type Pending } from '../../../shared/flows/command/pending.js';
import { incidentExists } from '../../../shared/staffchat/cards/repeats.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import { linkRepeat } from './repeats.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { loadState } from '../../../shared/platform/db/events.js';
import { popup } from '../outcome.js';
import { actorAs, type BotContext } from '../context.js';
import type { CommandInput } from '../../../shared/core/incident/index.js';

type Answerable = Pending & { action: 'return_note' | 'rework_comment' | 'edited_text' | 'extension_reason' };

/** «42», «№42», «№ 42»: the number of an earlier incident. */
const incidentNumber = (text: string) => Number(/^№?\s*(\d{1,12})$/.exec(text)?.[1] ?? NaN);

function commandFor(p: Answerable, text: string): { command: CommandInput; done: string; role: 'executor' | 'approver' } {
  switch (p.action) {
    case 'return_note':
      return { command: { type: 'return', expectedVersion: p.version, note: text }, done: 'input-done-return', role: 'executor' };
    case 'rework_comment':
      return { command: { type: 'send_to_rework', expectedVersion: p.version, comment: text }, done: 'input-done-rework', role: 'approver' };
    case 'edited_text':
      return { command: { type: 'approve', expectedVersion: p.version, editedText: text }, done: 'input-done-edited', role: 'approver' };
    case 'extension_reason':
      return { command: { type: 'request_extension', expectedVersion: p.version, reason: text }, done: 'input-done-extension', role: 'executor' };
  }
}

/** The number of the incident this one repeats, typed by the curator. A wrong number is asked again; nothing is lost. */
async function answerRepeatNumber(app: AppContext, tg: BotContext, member: StaffMember, pending: Pending, text: string): Promise<void> {
  const { db } = app.database;
  const state = await loadState(db, pending.incidentId);
  if (!state || state.version !== pending.version) return void (await tg.reply(t('input-outdated', { id: pending.incidentId })));
  const earlier = incidentNumber(text);
  const known = Number.isSafeInteger(earlier) && (await incidentExists(db, earlier));
  if (!known) {
    await awaitInput(db, pending);
    return void (await tg.reply(t(Number.isSafeInteger(earlier) ? 'repeat-not-found' : 'repeat-number-invalid', { id: String(earlier) })));
  }
  await tg.reply(await linkRepeat(app, state, member, earlier));
}

export function pendingInputFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.chatType('private').on('message:text', async (tg, next) => {
    if (tg.message.text.startsWith('/')) return next();
    const member = tg.staff;
    const waiting = member ? await peekInput(app.database.db, tg.from.id) : null;
    // A draft or a part grows over several messages and is handled by the drafting feature.
    if (!member || !waiting || waiting.action === 'draft' || waiting.action === 'part') return next();
    const taken = await takeInput(app.database.db, tg.from.id);
    if (!taken) return next();
    if (taken.action === 'repeat_number') return void (await answerRepeatNumber(app, tg, member, taken, tg.message.text.trim()));
    const pending = taken as Answerable;

    const text = tg.message.text.trim();
    const { command, done, role } = commandFor(pending, text);
    const actor = actorAs(member, role === 'approver' ? app.rules.approver : 'executor');
    const state = await loadState(app.database.db, pending.incidentId);
    if (!actor || !state || state.version !== pending.version) {
      await tg.reply(t('input-outdated', { id: pending.incidentId }));
      return;
    }
    const outcome = await runCommand(app, pending.incidentId, actor, command);
    await tg.reply(outcome.ok ? t(done, { id: pending.incidentId }) : popup(outcome));
  });
  return feature;
}

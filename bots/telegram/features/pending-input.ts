/**
 * Texts the bot asked a staff member for in their private chat (../ask.ts): a return
 * note, a rework comment, the approver's corrected text, a repeat's number; and,
 * for the drafting feature, which draft or part a message belongs to. The questions
 * are rows in PostgreSQL, one per person and incident: a reply to the bot's question
 * answers that incident's; a message that replies to nothing answers the only question
 * open, and with several open the bot asks which. A forwarded message is never an
 * answer (a curator's forward registers a citizen's message by hand). /cancel clears.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { awaitInput, cancelAll, pendingOf, takeInput, type Pending } from '../../../shared/flows/command/pending.js';
import { incidentExists } from '../../../shared/staffchat/cards/repeats.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import { linkRepeat } from './repeats.js';
import { runCommand } from '../../../shared/flows/command/run.js';
import { loadState } from '../../../shared/platform/db/events.js';
import { popup } from '../outcome.js';
import { actorAs, type BotContext } from '../context.js';
import type { CommandInput } from '../../../shared/core/incident/index.js';

type Answerable = Pending & {
  action: 'return_note' | 'rework_comment' | 'edited_text' | 'forward_reason' | 'forward_other' | 'reject_note' | 'extension_reason' | 'success_link';
};

/** «Росреестр\nКадастровый вопрос»: the body's name on the first line, the reason below it. */
function bodyAndReason(text: string): { name: string; reason: string } {
  const [first = '', ...rest] = text.split('\n');
  return { name: first.trim(), reason: rest.join('\n').trim() };
}

/** «42», «№42», «№ 42»: the number of an earlier incident. */
const incidentNumber = (text: string) => Number(/^№?\s*(\d{1,12})$/.exec(text)?.[1] ?? NaN);

export type Resolved =
  | { type: 'none' }
  /** A forwarded message: never an answer. */
  | { type: 'forwarded'; open: Pending[] }
  /** Several questions open and the message replies to none of them. */
  | { type: 'ambiguous'; open: Pending[] }
  | { type: 'pending'; pending: Pending };

/**
 * Which of the person's open questions this message answers: the one whose prompt it replies to (by
 * the prompt's id, or the incident number the bot's replied-to message names), else the only one open.
 */
export async function resolvePending(app: AppContext, userId: number, message: Message): Promise<Resolved> {
  const open = await pendingOf(app.database.db, userId);
  if (!open.length) return { type: 'none' };
  if (message.forward_origin) return { type: 'forwarded', open };
  const replied = message.reply_to_message;
  if (replied) {
    const byPrompt = open.find((p) => p.promptMessageId === replied.message_id);
    if (byPrompt) return { type: 'pending', pending: byPrompt };
    // A reply to another of the bot's messages about an incident (the draft's prompt, its preview): «…№42…».
    if (replied.from?.is_bot) {
      const named = [...(replied.text ?? replied.caption ?? '').matchAll(/№\s?(\d{1,15})/g)].map((m) => Number(m[1]));
      const byNumber = open.filter((p) => named.includes(p.incidentId));
      if (byNumber.length === 1) return { type: 'pending', pending: byNumber[0]! };
    }
  }
  if (open.length === 1) return { type: 'pending', pending: open[0]! };
  return { type: 'ambiguous', open };
}

/** A question as staff read it: «проект ответа по сообщению №42». */
export const pendingName = (p: Pending) => `${t(`input-what-${p.action}`)} №${p.incidentId}`;

/** What the bot says when a message answers none of several questions, or is forwarded. */
export async function explainUnresolved(tg: BotContext, resolved: Extract<Resolved, { type: 'forwarded' | 'ambiguous' }>): Promise<void> {
  const list = resolved.open.map((p) => `• ${pendingName(p)}`).join('\n');
  await tg.reply(`${t(resolved.type === 'forwarded' ? 'input-forwarded' : 'input-which')}\n${list}`);
}

function commandFor(p: Answerable, text: string): { command: CommandInput; done: string; role: 'executor' | 'approver' | 'curator' | 'head' } {
  switch (p.action) {
    case 'forward_reason': {
      const body = { ...(typeof p.args.body === 'string' ? { id: p.args.body } : {}), name: String(p.args.name ?? '') };
      return { command: { type: 'forward', expectedVersion: p.version, body, reason: text }, done: 'input-done-forward', role: 'curator' };
    }
    case 'forward_other':
      // A name without a reason is refused by the core as invalid: the curator is told, nothing is forwarded.
      return { command: { type: 'forward', expectedVersion: p.version, body: { name: bodyAndReason(text).name }, reason: bodyAndReason(text).reason }, done: 'input-done-forward', role: 'curator' };
    case 'reject_note':
      return { command: { type: 'reject', expectedVersion: p.version, reason: 'other', note: text }, done: 'input-done-reject', role: 'curator' };
    case 'return_note':
      return { command: { type: 'return', expectedVersion: p.version, note: text }, done: 'input-done-return', role: 'executor' };
    case 'rework_comment':
      return { command: { type: 'send_to_rework', expectedVersion: p.version, comment: text }, done: 'input-done-rework', role: 'approver' };
    case 'edited_text':
      return { command: { type: 'approve', expectedVersion: p.version, editedText: text }, done: 'input-done-edited', role: 'approver' };
    case 'extension_reason':
      return { command: { type: 'request_extension', expectedVersion: p.version, reason: text }, done: 'input-done-extension', role: 'executor' };
    case 'success_link':
      // Asked of a curator or a head (success.ts), who answers in the same role.
      return { command: { type: 'mark_success', expectedVersion: p.version, link: text }, done: 'input-done-success', role: p.args.role === 'head' ? 'head' : 'curator' };
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

/** `cx:<incident>` cancels one question, `cx:all` every one. */
const CANCEL = /^cx:(all|\d{1,15})$/;

async function cancel(app: AppContext, tg: BotContext, userId: number, which: string): Promise<void> {
  const { db } = app.database;
  if (which === 'all') {
    const gone = await cancelAll(db, userId);
    return void (await tg.reply(gone.length ? t('cancel-all-done', { count: gone.length }) : t('cancel-none')));
  }
  const gone = await takeInput(db, userId, Number(which));
  await tg.reply(gone ? t('cancel-done', { what: t(`input-what-${gone.action}`), id: gone.incidentId }) : t('cancel-gone'));
}

export function pendingInputFeature(app: AppContext) {
  const feature = new Composer<BotContext>();

  // /cancel: the only question open is cleared; with several, the bot lists them to choose; /cancel 42 names one.
  feature.chatType('private').command('cancel', async (tg) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    const open = await pendingOf(app.database.db, tg.from.id);
    if (!open.length) return void (await tg.reply(t('cancel-none')));
    const named = Number(/^№?\s*(\d{1,15})$/.exec(tg.match.trim())?.[1] ?? NaN);
    if (open.length === 1 || open.some((p) => p.incidentId === named)) {
      return cancel(app, tg, tg.from.id, String(open.length === 1 && !Number.isSafeInteger(named) ? open[0]!.incidentId : named));
    }
    const keyboard = new InlineKeyboard();
    for (const p of open) keyboard.text(pendingName(p), `cx:${p.incidentId}`).row();
    keyboard.text(t('cancel-all'), 'cx:all');
    await tg.reply(t('cancel-choose'), { reply_markup: keyboard });
  });

  feature.callbackQuery(CANCEL, async (tg) => {
    if (!tg.staff) return void (await tg.answerCallbackQuery({ text: t('button-not-staff'), show_alert: true }));
    await tg.answerCallbackQuery();
    await cancel(app, tg, tg.from.id, (tg.match as RegExpMatchArray)[1]!);
  });

  feature.chatType('private').on('message:text', async (tg, next) => {
    if (tg.message.text.startsWith('/')) return next();
    const member = tg.staff;
    if (!member) return next();
    const resolved = await resolvePending(app, tg.from.id, tg.message);
    if (resolved.type === 'none') return next();
    // A curator's forward registers a citizen's message by hand (the manual feature); for anyone else it is explained.
    if (resolved.type === 'forwarded') return member.roles.includes('curator') ? next() : explainUnresolved(tg, resolved);
    if (resolved.type === 'ambiguous') return explainUnresolved(tg, resolved);
    // A draft or a part grows over several messages and is handled by the drafting feature.
    if (resolved.pending.action === 'draft' || resolved.pending.action === 'part') return next();
    const taken = await takeInput(app.database.db, tg.from.id, resolved.pending.incidentId);
    if (!taken) return next();
    if (taken.action === 'repeat_number') return void (await answerRepeatNumber(app, tg, member, taken, tg.message.text.trim()));
    const pending = taken as Answerable;

    const text = tg.message.text.trim();
    const { command, done, role } = commandFor(pending, text);
    const actor = actorAs(member, role === 'approver' ? app.rules.approver : role);
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

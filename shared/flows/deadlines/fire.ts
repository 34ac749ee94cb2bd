/**
 * A timer job fires: re-read the incident, act only if the firing is still
 * planned, and then exactly once — the claim (timer_firings, unique per
 * incident, timer, department, step and due) and the messages (lane_messages)
 * commit in one transaction — a micro-batch of claims shared with other
 * firings of this process (claims.ts) — and only the winner offers them to
 * the lanes.
 * Two workers or a retried job find the claim taken and send nothing; a
 * crash after the commit leaves the messages in PostgreSQL, where the
 * reconciler's reofferPending finds them.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { cards } from '../../platform/db/schema.js';
import type { InlineKeyboardButton } from 'grammy/types';
import { span } from '../../staffchat/cards/deadline.js';
import type { ActionButton } from '../../staffchat/cards/button-actions.js';
import type { Org } from '../../platform/config/org.js';
import { orgWithInvited } from '../../staffchat/staff/directory.js';
import { replay, type IncidentState } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { itemKey } from '../../staffchat/lanes/items/index.js';
import { offerItem } from '../../staffchat/lanes/offer.js';
import { lanesOf } from '../../staffchat/lanes/runtime.js';
import type { AppContext } from '../../networks/context.js';
import { loadEvents } from '../../platform/db/events.js';
import { awayMap } from './away.js';
import { claimBatcherOf, type ButtonRow, type MessageRow } from './claims.js';
import { sameFiring, type PlannedFiring } from '../../core/sla/plan.js';
import { holderOf, recipients, type Holder } from './recipients.js';
import { planForEvents, type TimerPayload } from './schedule.js';

const MAX_REASSIGN_BUTTONS = 6;

function whenText(due: number, now: number, zone: string): string {
  const d = DateTime.fromMillis(due, { zone });
  return DateTime.fromMillis(now, { zone }).hasSame(d, 'day') ? d.toFormat('HH:mm') : d.toFormat('dd.MM HH:mm');
}

function holderText(list: Holder[]): string {
  return list
    .map((h) => {
      if (h.role !== 'executor') return t(`timer-holder-${h.role}`);
      return h.userId === undefined ? t('timer-holder-untaken', { department: h.name }) : h.name;
    })
    .join(', ');
}

export function timerText(f: PlannedFiring, state: IncidentState, org: Org, now: number): string {
  const vars = {
    id: state.incidentId,
    timer: t(`timer-${f.timer}`),
    when: whenText(f.due, now, org.timezone),
    holder: holderText(holderOf(f, state, org)),
  };
  if (f.step === 'reminder') return t('timer-reminder', { ...vars, left: span(f.due - now) });
  if (f.step === 'due') return t('timer-due', vars);
  return t('timer-escalation', { ...vars, late: span(now - f.due) });
}

/** The duty officers' one-tap buttons: take it over, or hand it to another executor of the department. */
export function escalationButtons(f: PlannedFiring, state: IncidentState, org: Org): ActionButton[][] {
  const rows: ActionButton[][] = [];
  for (const h of holderOf(f, state, org)) {
    if (h.department === undefined) continue;
    rows.push([{ text: t('timer-btn-take'), action: 'esc_take', args: { department: h.department } }]);
    const others = org.staff
      .filter((s) => s.department === h.department && s.roles.includes('executor') && s.telegramId !== h.userId)
      .slice(0, MAX_REASSIGN_BUTTONS);
    for (let i = 0; i < others.length; i += 2) {
      rows.push(
        others.slice(i, i + 2).map((s) => ({ text: t('timer-btn-reassign', { name: s.name }), action: 'esc_reassign', args: { department: h.department!, executorId: s.telegramId } })),
      );
    }
  }
  return rows;
}

/** The card's message in each of these chats that shows one. */
async function cardMessagesOf(db: Db, incidentId: number, chatIds: readonly number[]): Promise<Map<number, number>> {
  if (!chatIds.length) return new Map();
  const rows = await db
    .select({ chatId: cards.chatId, messageId: cards.messageId })
    .from(cards)
    .where(and(eq(cards.incidentId, incidentId), inArray(cards.chatId, [...chatIds]), isNotNull(cards.messageId)));
  return new Map(rows.map((r) => [r.chatId, r.messageId!]));
}

export async function fireTimer(ctx: AppContext, p: TimerPayload, jobId: string): Promise<string> {
  const { db } = ctx.database;
  const events = await loadEvents(db, p.incidentId);
  const want = { timer: p.timer, department: p.department || undefined, step: p.step, due: p.due };
  const f = planForEvents(ctx, events).find((x) => sameFiring(x, want));
  // The deadline moved, stopped or was met since this job was scheduled.
  if (!f) return 'stale';
  const state = replay(events);
  const now = ctx.clock.now();
  // Staff who joined by invitation hold incidents and take over like those in the file.
  const org = await orgWithInvited(db, ctx.org);
  const chats = recipients(f, state, org, await awayMap(db, now));
  const text = timerText(f, state, org, now.getTime());
  const holder = holderOf(f, state, org);

  // Buttons and messages are prepared outside the claim; the batcher inserts them only if this claim wins.
  const buttonRows: ButtonRow[] = [];
  // A reminder in a chat that shows the card is a reply to it: one tap from the ping to the buttons.
  const cardMessages = await cardMessagesOf(db, p.incidentId, chats);
  const messages: MessageRow[] = chats.map((chatId) => {
    const options: Record<string, unknown> = {};
    const card = cardMessages.get(chatId);
    if (card !== undefined) options.reply_parameters = { message_id: card, allow_sending_without_reply: true };
    if (f.step === 'escalation' && chatId === ctx.org.chats.duty) {
      const rows = escalationButtons(f, state, org);
      if (rows.length) {
        options.reply_markup = {
          inline_keyboard: rows.map((row) =>
            row.map((b): InlineKeyboardButton => {
              const id = randomBytes(9).toString('base64url');
              buttonRows.push({ id, incidentId: p.incidentId, version: state.version, chatId, action: b.action, args: b.args });
              return { text: b.text, callback_data: id };
            }),
          ),
        };
      }
    }
    return { chatId, key: jobId, text, options };
  });
  const offered = await claimBatcherOf(db).claim({ payload: p, holder: { holders: holder }, buttons: buttonRows, messages });
  if (offered === null) return 'already fired';
  const rt = lanesOf(ctx);
  if (rt) for (const m of offered) await offerItem(rt, m.chatId, { item: itemKey('m', m.id), version: 1, kind: 'send' });
  ctx.log.info({ incidentId: p.incidentId, timer: p.timer, step: p.step, chats: offered.length }, 'timer fired');
  return `${p.step} to ${offered.length} chats`;
}

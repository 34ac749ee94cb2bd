/**
 * A timer job fires: re-read the incident, act only if the firing is still
 * planned, and then exactly once — the claim (timer_firings, unique per
 * incident, timer, department, step and due) and the messages (lane_messages)
 * commit in one transaction, and only the winner offers them to the lanes.
 * Two workers or a retried job find the claim taken and send nothing; a
 * crash after the commit leaves the messages in PostgreSQL, where the
 * reconciler's reofferPending finds them.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { InlineKeyboardButton } from 'grammy/types';
import { span } from '../cards/deadline.js';
import type { Org } from '../config/org.js';
import { orgWithInvited } from '../staff/directory.js';
import type { Db } from '../db/client.js';
import { buttons, laneMessages, timerFirings } from '../db/schema.js';
import { replay, type IncidentState } from '../domain/index.js';
import { t } from '../i18n.js';
import { itemKey } from '../lanes/items/index.js';
import { offerItem } from '../lanes/offer.js';
import { lanesOf } from '../lanes/runtime.js';
import type { AppContext } from '../runtime/context.js';
import { loadEvents } from '../workflow/store.js';
import { awayMap } from './away.js';
import { sameFiring, type PlannedFiring } from './plan.js';
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
export function escalationButtons(f: PlannedFiring, state: IncidentState, org: Org): Array<Array<{ text: string; action: string; args: Record<string, unknown> }>> {
  const rows: Array<Array<{ text: string; action: string; args: Record<string, unknown> }>> = [];
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

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The exactly-once claim of one timer step: true for the one caller that inserted the row. */
export async function claimFiring(tx: Db | Tx, p: TimerPayload, holder: Record<string, unknown> = {}): Promise<boolean> {
  const claimed = await tx
    .insert(timerFirings)
    .values({ incidentId: p.incidentId, timer: p.timer, department: p.department, step: p.step, due: new Date(p.due), holder })
    .onConflictDoNothing()
    .returning({ id: timerFirings.id });
  return claimed.length > 0;
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

  const offered = await db.transaction(async (tx) => {
    if (!(await claimFiring(tx, p, { holders: holder }))) return null;
    const out: Array<{ chatId: number; id: number }> = [];
    for (const chatId of chats) {
      const options: Record<string, unknown> = {};
      if (f.step === 'escalation' && chatId === ctx.org.chats.duty) {
        const rows = escalationButtons(f, state, org);
        if (rows.length) {
          const keyboard: InlineKeyboardButton[][] = [];
          for (const row of rows) {
            const drawn: InlineKeyboardButton[] = [];
            for (const b of row) {
              const id = randomBytes(9).toString('base64url');
              await tx.insert(buttons).values({ id, incidentId: p.incidentId, version: state.version, chatId, action: b.action, args: b.args });
              drawn.push({ text: b.text, callback_data: id });
            }
            keyboard.push(drawn);
          }
          options.reply_markup = { inline_keyboard: keyboard };
        }
      }
      const [row] = await tx
        .insert(laneMessages)
        .values({ chatId, key: jobId, text, options })
        .onConflictDoNothing()
        .returning({ id: laneMessages.id });
      if (row) out.push({ chatId, id: row.id });
    }
    return out;
  });
  if (offered === null) return 'already fired';
  const rt = lanesOf(ctx);
  if (rt) for (const m of offered) await offerItem(rt, m.chatId, { item: itemKey('m', m.id), version: 1, kind: 'send' });
  ctx.log.info({ incidentId: p.incidentId, timer: p.timer, step: p.step, chats: offered.length }, 'timer fired');
  return `${p.step} to ${offered.length} chats`;
}

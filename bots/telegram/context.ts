/**
 * The staff bot's Context, built from flavours: who on staff is behind the
 * update (loaded once, by `loadStaff`, before the staff features) and, for a
 * tap on a stored button, the button resolved (by the gate in buttons.ts).
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { Actor, IncidentState } from '../../shared/core/incident/index.js';
import type { StaffMember } from '../../shared/platform/config/org.js';
import type { ButtonAction, ButtonArgs } from '../../shared/staffchat/cards/button-actions.js';
import { findStaff } from '../../shared/staffchat/staff/directory.js';
import type { AppContext } from '../../shared/networks/context.js';

export type StaffFlavor = {
  /** The person on staff behind the update (organisation file or invite); null for anyone else. */
  staff: StaffMember | null;
};

/** A tapped button, resolved from its opaque id, for the incident's current state. */
export type PressedButton<A extends ButtonAction = ButtonAction> = {
  action: A;
  args: ButtonArgs[A];
  state: IncidentState;
  /** The chat the button was drawn in. */
  chatId: number;
};

export type ButtonFlavor = { button?: PressedButton };

export type BotContext = Context & StaffFlavor & ButtonFlavor;

/** An update from someone on staff. */
export type StaffContext = BotContext & { staff: StaffMember };

const looked = new WeakMap<Context, Promise<StaffMember | null>>();

/**
 * The person on staff behind an update, looked up at most once per update.
 * The citizens' feature runs before `loadStaff` (a citizen's message must be
 * stored even when this lookup would fail) and asks here too.
 */
export function staffOf(app: AppContext, ctx: Context): Promise<StaffMember | null> {
  let found = looked.get(ctx);
  if (!found) {
    found = findStaff(app.database.db, app.org, ctx.from?.id);
    looked.set(ctx, found);
  }
  return found;
}

/** Middleware: sets `ctx.staff` for every feature after it. */
export function loadStaff(app: AppContext): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.staff = await staffOf(app, ctx);
    await next();
  };
}

/**
 * The member acting in the given role, if they hold it. A person may hold
 * several roles (a curator who is also the head); the button says which one
 * is meant, and the workflow core then checks it is the right one.
 */
export function actorAs(member: StaffMember, role: 'curator' | 'executor' | 'head' | 'duty'): Actor | null {
  if (!member.roles.includes(role)) return null;
  if (role === 'executor') return member.department ? { role, userId: member.telegramId, department: member.department } : null;
  return { role, userId: member.telegramId };
}

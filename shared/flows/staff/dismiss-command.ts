/**
 * `/dismiss WHO ORDER_DATE [DISMISSAL_DATE]`, parsed: pure, the organisation
 * file and "now" in. Sobolevo п.9: the department head tells the curator of
 * an executor's dismissal within 3 calendar days of the order. WHO is read as
 * /away reads a substitute (Telegram id, surname, full name, a mention); the
 * dates as /away reads its days. The dismissal day is the order's unless
 * given; from its start the executor gets no new work. An order's date is
 * never in the future: «28.12» typed in January is last year's.
 */
import { DateTime } from 'luxon';
import type { Org, StaffMember } from '../../platform/config/org.js';
import { findStaff, parseDay } from './away-command.js';

export type DismissCommand =
  | { kind: 'usage' }
  | { kind: 'set'; person: StaffMember; orderDate: string; effectiveDate: string; effectiveAt: Date }
  | { kind: 'error'; key: string; vars?: Record<string, string | number> };

const EXPLICIT_YEAR = /^\d{1,2}\.\d{1,2}\.\d{2,4}$|^\d{4}-/;

export function parseDismiss(args: string, ctx: { org: Org; now: Date; userId: number; mentioned?: number }): DismissCommand {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { kind: 'usage' };
  const zone = ctx.org.timezone;
  const now = DateTime.fromJSDate(ctx.now, { zone });
  const today = now.startOf('day');
  // The trailing words that read as days: the order's, then perhaps the dismissal's.
  const dated = (w: string | undefined) => (w !== undefined && parseDay(w, zone, now) ? w : null);
  const twoDates = words.length >= 3 && dated(words.at(-2)) !== null && dated(words.at(-1)) !== null;
  const orderWord = twoDates ? words.at(-2)! : words.at(-1)!;
  const effectiveWord = twoDates ? words.at(-1)! : null;
  let order = parseDay(orderWord, zone, now);
  if (!order) return { kind: 'error', key: 'dismiss-bad-date', vars: { text: orderWord } };
  if (order > today && !EXPLICIT_YEAR.test(orderWord)) order = order.minus({ years: 1 });
  if (order > today) return { kind: 'error', key: 'dismiss-order-future', vars: { date: order.toFormat('dd.MM.yyyy') } };
  let effective = effectiveWord ? parseDay(effectiveWord, zone, now)! : order;
  // «28.12 10.01»: the dismissal in the new year.
  if (effectiveWord && effective < order && !EXPLICIT_YEAR.test(effectiveWord)) effective = effective.plus({ years: 1 });
  if (effective < order) return { kind: 'error', key: 'dismiss-backwards' };

  const who = words.slice(0, twoDates ? -2 : -1).join(' ');
  const found = findStaff(ctx.org, who, ctx.mentioned);
  if (found.length === 0) return { kind: 'error', key: 'dismiss-unknown', vars: { text: who } };
  if (found.length > 1) return { kind: 'error', key: 'dismiss-ambiguous', vars: { text: who, names: found.map((s) => `${s.name} (${s.telegramId})`).join(', ') } };
  const person = found[0]!;
  if (person.telegramId === ctx.userId) return { kind: 'error', key: 'dismiss-self' };
  if (!person.roles.includes('executor')) return { kind: 'error', key: 'dismiss-not-executor', vars: { name: person.name } };
  return { kind: 'set', person, orderDate: order.toISODate()!, effectiveDate: effective.toISODate()!, effectiveAt: effective.toJSDate() };
}

/** Who may record it: a curator, a head, or the head of the executor's own department (the organisation file's `head`). */
export function mayRecordDismissal(org: Org, member: StaffMember, person: StaffMember): boolean {
  if (member.roles.includes('curator') || member.roles.includes('head')) return true;
  return org.departments.some((d) => d.id === person.department && d.head === member.telegramId);
}

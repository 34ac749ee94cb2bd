/**
 * `/away FROM TO SUBSTITUTE`, `/away off` and the substitute's `/away принять`, parsed: pure, the organisation
 * file and "now" in. Dates are local days, both inclusive ("25.11 01.12":
 * from 25 November 00:00 until 2 December 00:00); the year may be left out
 * (the nearest one that does not put the period in the past). The
 * substitute is a colleague by Telegram id, by surname or full name (with
 * or without @), or a Telegram mention of them.
 */
import { DateTime } from 'luxon';
import type { Org, StaffMember } from '../../platform/config/org.js';

export type AwayCommand =
  | { kind: 'show' }
  | { kind: 'off' }
  /** The substitute agrees to stand in: for whoever asked, or for one person by Telegram id. */
  | { kind: 'accept'; userId?: number }
  | { kind: 'set'; from: Date; until: Date; substitute: StaffMember }
  | { kind: 'error'; key: string; vars?: Record<string, string | number> };

const DATE = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$|^(\d{4})-(\d{2})-(\d{2})$/;

/** "25.11", "25.11.2026", "25.11.26" or "2026-11-25": a local day (the year left out: this one). Also read by `/dismiss`. */
export function parseDay(text: string, zone: string, now: DateTime): DateTime | null {
  const m = DATE.exec(text);
  if (!m) return null;
  let d: DateTime;
  if (m[4]) d = DateTime.fromObject({ year: +m[4], month: +m[5]!, day: +m[6]! }, { zone });
  else {
    const year = m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : now.year;
    d = DateTime.fromObject({ year, month: +m[2]!, day: +m[1]! }, { zone });
  }
  return d.isValid ? d.startOf('day') : null;
}

/** A colleague by Telegram id, surname, full name (with or without @) or a mention. Also read by `/dismiss`. */
export function findStaff(org: Org, who: string, mentioned: number | undefined): StaffMember[] {
  if (mentioned !== undefined) return org.staff.filter((s) => s.telegramId === mentioned);
  const text = who.replace(/^@/, '').trim().toLowerCase();
  if (/^\d+$/.test(text)) return org.staff.filter((s) => s.telegramId === Number(text));
  const exact = org.staff.filter((s) => s.name.toLowerCase() === text);
  if (exact.length) return exact;
  return org.staff.filter((s) => s.name.toLowerCase().split(/\s+/).includes(text));
}

/** `args`: the text after /away; `mentioned`: the user of a text_mention entity in it, if any. */
export function parseAway(args: string, ctx: { org: Org; now: Date; userId: number; mentioned?: number }): AwayCommand {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'show' };
  if (words.length === 1 && ['off', 'выкл', 'нет'].includes(words[0]!.toLowerCase())) return { kind: 'off' };
  if (words.length <= 2 && ['accept', 'принять', 'согласен', 'согласна'].includes(words[0]!.toLowerCase())) {
    if (words.length === 1) return { kind: 'accept' };
    return /^\d+$/.test(words[1]!) ? { kind: 'accept', userId: Number(words[1]) } : { kind: 'error', key: 'away-usage' };
  }
  if (words.length < 3) return { kind: 'error', key: 'away-usage' };
  const zone = ctx.org.timezone;
  const now = DateTime.fromJSDate(ctx.now, { zone });
  const from = parseDay(words[0]!, zone, now);
  if (!from) return { kind: 'error', key: 'away-bad-date', vars: { text: words[0]! } };
  let to = parseDay(words[1]!, zone, now);
  if (!to) return { kind: 'error', key: 'away-bad-date', vars: { text: words[1]! } };
  // "28.12 10.01" crosses the new year.
  if (to < from && !/^\d{1,2}\.\d{1,2}\.\d{2,4}$|^\d{4}-/.test(words[1]!)) to = to.plus({ years: 1 });
  if (to < from) return { kind: 'error', key: 'away-backwards' };
  const until = to.plus({ days: 1 });
  if (until <= now) return { kind: 'error', key: 'away-past' };
  const who = words.slice(2).join(' ');
  const found = findStaff(ctx.org, who, ctx.mentioned);
  if (found.length === 0) return { kind: 'error', key: 'away-unknown-substitute', vars: { text: who } };
  if (found.length > 1) return { kind: 'error', key: 'away-ambiguous-substitute', vars: { text: who, names: found.map((s) => `${s.name} (${s.telegramId})`).join(', ') } };
  const substitute = found[0]!;
  if (substitute.telegramId === ctx.userId) return { kind: 'error', key: 'away-self' };
  return { kind: 'set', from: from.toJSDate(), until: until.toJSDate(), substitute };
}

/**
 * /my — what waits for me, most urgent first; /overdue — what is late;
 * /find — by number or words. Short lines that fit a phone screen.
 */
import { Composer } from 'grammy';
import { ilike } from 'drizzle-orm';
import { deadlineLine } from '../../../shared/staffchat/cards/deadline.js';
import { foldText } from '../../../shared/staffchat/cards/render.js';
import { escapeHtml } from '../../../shared/staffchat/cards/html.js';
import { incidents } from '../../../shared/platform/db/schema.js';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { openIncidents, waitsFor, type OpenIncident } from '../../../shared/flows/command/open.js';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import type { BotContext } from '../context.js';

/** Telegram's limit is 4096; a list longer than this many lines is cut with a count of the rest. */
const MAX_LINES = 30;

function line(app: AppContext, o: OpenIncident): string {
  const when = o.next ? deadlineLine(o.next, app.clock.now(), app.org.timezone) : t(`status-${o.state.status}`);
  return t('list-line', { id: o.id, text: escapeHtml(foldText(o.text.replace(/\s+/g, ' '), 60)), when });
}

function list(app: AppContext, items: OpenIncident[], empty: string, title: string): string {
  if (!items.length) return t(empty);
  const lines = items.slice(0, MAX_LINES).map((o) => line(app, o));
  if (items.length > MAX_LINES) lines.push(t('list-more', { count: items.length - MAX_LINES }));
  return [t(title, { count: items.length }), ...lines].join('\n');
}

/** Roles that oversee every department and so may list every open incident. */
const OVERSEERS = ['curator', 'head', 'duty', 'admin'] as const;

/**
 * Least privilege: an executor (with no overseeing role) sees only incidents
 * routed to their department or waiting for them by name.
 */
export function visibleTo(member: StaffMember): (o: OpenIncident) => boolean {
  if (OVERSEERS.some((r) => member.roles.includes(r))) return () => true;
  return (o) => (member.department !== undefined && (o.state.routing?.departments.includes(member.department) ?? false)) || waitsFor(o, member);
}

export function listsFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  feature.command(['my', 'overdue', 'find'], async (tg, next) => {
    const member = tg.staff;
    if (!member) return void (await tg.reply(t('start-unknown')));
    const command = tg.message?.text?.split(/[\s@]/)[0]?.slice(1);
    if (command !== 'my' && command !== 'overdue' && command !== 'find') return next();
    // Lists name citizens' posts: only in a private chat, never in a group others read.
    if (tg.chat?.type !== 'private') return void (await tg.reply(t('list-private-only', { command: `/${command}` })));
    const visible = visibleTo(member);
    const reply = (text: string) => tg.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    if (command === 'my') {
      const mine = (await openIncidents(app)).filter((o) => waitsFor(o, member));
      return void (await reply(list(app, mine, 'list-my-empty', 'list-my')));
    }
    if (command === 'overdue') {
      const now = app.clock.now().getTime();
      const late = (await openIncidents(app)).filter((o) => visible(o) && o.next && o.next.due.getTime() < now);
      return void (await reply(list(app, late, 'list-overdue-empty', 'list-overdue')));
    }
    if (command === 'find') {
      const query = String(tg.match ?? '').trim();
      if (!query) return void (await reply(t('find-usage')));
      const all = (await openIncidents(app)).filter(visible);
      const byNumber = /^№?\d+$/.test(query) ? all.filter((o) => o.id === Number(query.replace('№', ''))) : [];
      const byText = byNumber.length
        ? []
        : await app.database.db.select({ id: incidents.id }).from(incidents).where(ilike(incidents.text, `%${query.replace(/[%_\\]/g, '\\$&')}%`)).limit(MAX_LINES);
      const ids = new Set(byText.map((r) => r.id));
      const found = byNumber.length ? byNumber : all.filter((o) => ids.has(o.id));
      return void (await reply(list(app, found, 'find-empty', 'find-found')));
    }
  });
  return feature;
}

/**
 * The daily "deficiencies" summary to the head (Zavitinsk п.21; every
 * profile gets it): each working morning, the stages whose due passed unmet
 * since the start of the previous working day, from the reporting tables.
 * Nothing is sent when there were none — a head's chat is for what needs a
 * head. A text, so it goes through the heads' chat lane, keyed by the day
 * (a second send of the same key is the same message); the deliveries table
 * records that the day is done, with or without a message.
 */
import { DateTime } from 'luxon';
import { escapeHtml } from '../../staffchat/cards/html.js';
import { t } from '../../platform/i18n.js';
import { postMessage } from '../../staffchat/lanes/index.js';
import type { AppContext } from '../../networks/context.js';
import { reportNames } from './build.js';
import { deficiencyRecipients } from '../../platform/config/org.js';
import { claimDelivery, markDelivery, type Delivery } from './deliver.js';
import { formatMinutes, stageLabel } from '../../staffchat/reports/labels.js';
import type { StageFact } from '../../core/analytics/measures.js';
import type { DueDeficiencies } from '../../core/analytics/schedule.js';
import { factsDeps, missesBetween, refreshFacts, staleFacts } from './store.js';

const MAX_LINES = 30;

export function deficienciesText(
  misses: readonly (StageFact & { excerpt: string })[],
  day: string,
  zone: string,
  names: ReturnType<typeof reportNames>,
): string {
  const date = DateTime.fromISO(day, { zone }).toFormat('dd.MM.yyyy');
  const lines = misses.slice(0, MAX_LINES).map((m) => {
    const who = [m.department ? (names.departments[m.department] ?? m.department) : null, m.executorId ? (names.executors[m.executorId] ?? String(m.executorId)) : null]
      .filter((x): x is string => x !== null)
      .join(', ');
    const due = DateTime.fromJSDate(m.dueAt!, { zone }).toFormat('dd.MM HH:mm');
    const state = m.endedAt
      ? t('deficiencies-late', { late: formatMinutes((m.endedAt.getTime() - m.dueAt!.getTime()) / 60_000) })
      : t('deficiencies-open');
    return t('deficiencies-line', { id: m.incidentId, stage: stageLabel(m.stage), who: who ? escapeHtml(who) : '—', due, state });
  });
  if (misses.length > MAX_LINES) lines.push(t('deficiencies-more', { count: misses.length - MAX_LINES }));
  return [t('deficiencies-title', { date, count: misses.length }), ...lines].join('\n');
}

/**
 * Sends the day's deficiencies to one recipient once (the heads' chat unless the organisation file names others; a
 * supervisor's chat gets only their departments'); nothing when there were none for it. `now` is the clock's unless given.
 */
export async function deliverDeficiencies(ctx: AppContext, due: DueDeficiencies, now: Date = ctx.clock.now(), chatId: number = ctx.org.chats.heads): Promise<string> {
  const recipient = deficiencyRecipients(ctx.org).find((r) => r.chatId === chatId);
  if (!recipient) return `chat ${chatId} receives no deficiencies`;
  const d: Delivery = { key: 'deficiencies', kind: 'custom', from: due.from, to: due.to, chatId };
  const row = await claimDelivery(ctx, d);
  if (row === 'delivered') return `deficiencies of ${due.day} already delivered`;
  const db = ctx.database.db;
  for (const id of await staleFacts(db)) await refreshFacts(db, { ...factsDeps(ctx), now }, id);
  const misses = (await missesBetween(db, new Date(due.from), new Date(due.to), now)).filter((m) => recipient.accepts(m.department));
  if (misses.length) {
    await postMessage(ctx, {
      chatId,
      key: `deficiencies-${due.day}`,
      text: deficienciesText(misses, due.day, ctx.org.timezone, reportNames(ctx.org)),
      options: { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    });
  }
  await markDelivery(ctx, d, { deliveredAt: now });
  return misses.length ? `deficiencies of ${due.day}: ${misses.length}` : `no deficiencies on ${due.day}`;
}

/**
 * "Socially significant": the moment a curator flags an incident, the
 * heads' chat hears of it (the profile's immediate report, e.g. Zavitinsk
 * п.22). One alert per incident ever: the lane message's key is the
 * incident, and the text is rendered from the triage that first flagged it,
 * so a retried job, a second worker or the reconciler posts the very same
 * content and the lane answers "unchanged".
 */
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { escapeHtml } from '../../staffchat/cards/html.js';
import { foldText } from '../../staffchat/cards/render.js';
import { authorLine, staffLink, staffSeesAuthor } from '../../staffchat/cards/author.js';
import type { Db } from '../../platform/db/client.js';
import { incidents, laneMessages } from '../../platform/db/schema.js';
import { actorUserId, type EventOf, type IncidentEvent } from '../../core/incident/index.js';
import { t } from '../../platform/i18n.js';
import { postMessage } from '../../staffchat/lanes/index.js';
import type { AppContext } from '../../networks/context.js';
import { loadEvents } from '../../platform/db/events.js';

export const SIGNIFICANT_PREFIX = 'alert-significant-';
export const significantKey = (incidentId: number) => `${SIGNIFICANT_PREFIX}${incidentId}`;

/** The first triage that set the flag. Clearing and setting it again later says nothing new. */
export function flaggingTriage(events: readonly IncidentEvent[]): EventOf<'triaged'> | null {
  for (const e of events) if (e.type === 'triaged' && e.data.sociallySignificant) return e;
  return null;
}

export type AlertIncident = {
  id: number;
  network: string;
  kind: string;
  authorId: string;
  authorName: string | null;
  text: string;
  permalink: string | null;
};

export function renderSignificantAlert(
  incident: AlertIncident,
  flag: EventOf<'triaged'>,
  opts: { timezone: string; staffName: (userId: number) => string; showAuthor?: boolean },
): string {
  const seen = opts.showAuthor ?? true;
  const link = staffLink(incident.permalink, seen);
  const body = incident.text.trim() ? escapeHtml(foldText(incident.text.trim())) : `<i>${t('alert-text-empty')}</i>`;
  const by = actorUserId(flag.actor);
  const lines = [
    t('alert-significant-title', { id: incident.id, network: t(`network-${incident.network}`), kind: t(`kind-${incident.kind}`) }),
    authorLine(incident, seen),
    '',
    `<blockquote>${body}</blockquote>`,
    t('alert-topics-location', { topics: flag.data.topics.map(escapeHtml).join(', '), location: escapeHtml(flag.data.location) }),
    link ? t('card-link', { url: escapeHtml(link) }) : null,
    by === null
      ? null
      : t('alert-significant-flagged', {
          who: escapeHtml(opts.staffName(by)),
          when: DateTime.fromJSDate(flag.at, { zone: opts.timezone }).toFormat('dd.MM.yyyy HH:mm'),
        }),
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

/** Posts the incident's alert to the heads' chat if it was ever flagged; safe to call any number of times. */
export async function alertIfSignificant(ctx: AppContext, incidentId: number): Promise<string> {
  const { db } = ctx.database;
  const flag = flaggingTriage(await loadEvents(db, incidentId));
  if (!flag) return 'not significant';
  const [incident] = await db
    .select({
      id: incidents.id,
      network: incidents.network,
      kind: incidents.kind,
      authorId: incidents.authorId,
      authorName: incidents.authorName,
      text: incidents.text,
      permalink: incidents.permalink,
    })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  if (!incident) return 'no such incident';
  const text = renderSignificantAlert(incident, flag, {
    timezone: ctx.org.timezone,
    staffName: (id) => ctx.org.staff.find((s) => s.telegramId === id)?.name ?? `id${id}`,
    showAuthor: staffSeesAuthor(ctx.org),
  });
  const posted = await postMessage(ctx, {
    chatId: ctx.org.chats.heads,
    key: significantKey(incidentId),
    text,
    options: { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  });
  return `significant: ${posted}`;
}

/**
 * For the reconciler: flagged incidents with no alert in the heads' chat (the
 * alert job was lost between the commit and the enqueue, or with Redis).
 * Looks back a week: an alert older than that is no longer "immediate".
 */
export async function unalertedSignificant(db: Db, headsChat: number, since: Date, limit = 500): Promise<Array<{ incidentId: number; version: number }>> {
  const rows = await db.execute<{ incident_id: string | number; version: number }>(sql`
    select i.id as incident_id, i.version
    from ${incidents} i
    where exists (
      select 1 from incident_events e
      where e.incident_id = i.id and e.type = 'triaged' and e.at >= ${since} and (e.data->>'sociallySignificant')::boolean
    )
    and not exists (
      select 1 from ${laneMessages} m where m.chat_id = ${headsChat} and m.key = ${SIGNIFICANT_PREFIX} || i.id::text
    )
    order by i.id
    limit ${limit}`);
  return rows.rows.map((r) => ({ incidentId: Number(r.incident_id), version: r.version }));
}

/**
 * The author's rating of our final answer, where the profile offers ratings
 * (kamchatka-ias-2021 2.7, an interpretation on the networks): on VK and OK a
 * reply in the thread that is a rating and nothing else — «5», «4 из 5»,
 * «оценка 3», «⭐⭐⭐⭐». A `rate` command on the answered incident, recorded
 * once per message; anything else in the thread goes its usual way.
 */
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { incidents } from '../../platform/db/schema.js';
import type { InboundMessage } from '../../networks/types.js';
import type { AppContext } from '../../networks/context.js';
import { runCommand } from '../command/run.js';
import { loadState } from '../../platform/db/events.js';
import { conversationKey } from './conversation.js';

const STARS = /^(?:⭐|★|🌟){1,5}$/u;

/** The score a reply gives, or null when it is anything but a rating. */
export function parseRating(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/[.!)\s]+$/u, '').replace(/\s+/g, ' ');
  if (STARS.test(t.replace(/\s/g, '').replace(/\uFE0F/g, ''))) return Array.from(t.replace(/\s/g, '').replace(/\uFE0F/g, '')).length;
  const m =
    /^([1-5])$/.exec(t) ??
    /^([1-5]) ?(?:\/|из) ?5$/.exec(t) ??
    /^(?:моя )?оценка:? ?([1-5])(?: ?(?:\/|из) ?5)?$/.exec(t) ??
    /^(?:ставлю|оцениваю(?: на)?) ([1-5])(?: ?(?:\/|из) ?5)?$/.exec(t);
  return m ? Number(m[1]) : null;
}

/** The author's answered incident in this thread (the latest), if any. */
async function answeredIncident(ctx: AppContext, m: InboundMessage): Promise<number | null> {
  const key = conversationKey(m);
  if (key === null) return null;
  const rows = await ctx.database.db
    .select({ id: incidents.id, kind: incidents.kind, thread: incidents.thread })
    .from(incidents)
    .where(
      and(
        eq(incidents.network, m.network),
        eq(incidents.authorId, m.author.id),
        inArray(incidents.status, ['answered', 'closed']),
        ne(incidents.sourceKey, m.sourceKey),
      ),
    )
    .orderBy(desc(incidents.id))
    .limit(20);
  return rows.find((r) => conversationKey({ network: m.network, kind: r.kind as InboundMessage['kind'], thread: r.thread }) === key)?.id ?? null;
}

/** Records the message as a rating when it is one; null when it is not (it then goes on as any message). */
export async function recordRating(ctx: AppContext, m: InboundMessage): Promise<string | null> {
  if (!ctx.rules.ratings) return null;
  const score = parseRating(m.text);
  if (score === null) return null;
  const incidentId = await answeredIncident(ctx, m);
  if (incidentId === null) return null;
  for (let attempt = 0; ; attempt++) {
    const state = await loadState(ctx.database.db, incidentId);
    if (!state) return null;
    const outcome = await runCommand(ctx, incidentId, { role: 'citizen' }, { type: 'rate', expectedVersion: state.version, score, sourceKey: m.sourceKey });
    if (outcome.ok) return `rating ${score} for incident ${incidentId}`;
    if (outcome.reason !== 'stale_version' || attempt >= 4) return `rating for incident ${incidentId}: ${outcome.reason}`;
  }
}

/**
 * A rating button pressed under our answer in Telegram: recorded for the incident's author only (in a
 * discussion group anyone sees the buttons). `key` identifies the press, so a re-delivered update counts once.
 */
export async function rateByButton(
  ctx: AppContext,
  press: { incidentId: number; score: number; userId: number; key: string },
): Promise<'rated' | 'not_author' | 'unavailable'> {
  const [incident] = await ctx.database.db
    .select({ network: incidents.network, authorId: incidents.authorId })
    .from(incidents)
    .where(eq(incidents.id, press.incidentId));
  if (!incident || incident.network !== 'telegram') return 'unavailable';
  if (incident.authorId !== String(press.userId)) return 'not_author';
  for (let attempt = 0; ; attempt++) {
    const state = await loadState(ctx.database.db, press.incidentId);
    if (!state) return 'unavailable';
    const outcome = await runCommand(ctx, press.incidentId, { role: 'citizen' }, { type: 'rate', expectedVersion: state.version, score: press.score, sourceKey: press.key });
    if (outcome.ok || (!outcome.ok && outcome.reason === 'invalid' && outcome.message === 'already_rated')) return 'rated';
    if (outcome.reason !== 'stale_version' || attempt >= 4) return 'unavailable';
  }
}

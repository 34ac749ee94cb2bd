/**
 * Live deadlines on the cards: a delayed `cardMarks` job per threshold of each
 * running deadline (when it turns 🔥, when ⛔; shared/staffchat/cards/deadline.ts),
 * which redraws the incident's cards through their lanes. Planned from the
 * events beside the timers, so a transition, the reconciler's minute pass or
 * a Redis loss re-derives them; a moved deadline's old job only redraws a
 * card to what it already shows (an edit Telegram calls "not modified").
 */
import type { IncidentEvent } from '../../core/incident/index.js';
import { replay } from '../../core/incident/index.js';
import { catalog } from '../../platform/jobs/catalog.js';
import { loadEvents } from '../../platform/db/events.js';
import { markMoments, runningDeadlines } from '../../staffchat/cards/deadline.js';
import { refreshCards } from '../../staffchat/cards/refresh.js';
import { laneClock } from '../../staffchat/lanes/time.js';
import type { AppContext } from '../../networks/context.js';

/** The job waits this much past the threshold (app time), so the card it draws is already on the new side. */
const SLACK_MS = 1_000;

/** The thresholds still ahead of the incident's running deadlines. */
export function markTimes(ctx: AppContext, events: readonly IncidentEvent[], now: number): number[] {
  // Closing or rejecting stops every deadline in deadlines() itself.
  const at = new Set<number>();
  for (const d of runningDeadlines(events, ctx.profile, ctx.workTime)) for (const m of markMoments(d.due)) if (m > now) at.add(m);
  return [...at].sort((a, b) => a - b);
}

/** Adds the incidents' missing mark jobs (one EXISTS round trip, then one addBulk). */
export async function scheduleMarks(ctx: AppContext, byIncident: ReadonlyMap<number, readonly IncidentEvent[]>): Promise<number> {
  const clock = laneClock(ctx.clock);
  const now = clock.now();
  const wanted = [...byIncident].flatMap(([incidentId, events]) => markTimes(ctx, events, now).map((at) => ({ incidentId, at })));
  if (!wanted.length) return 0;
  const queue = ctx.queues.queue('cardMarks');
  const ids = wanted.map((w) => catalog.cardMarks.jobId(w));
  // Asked first (one pipelined EXISTS each): the reconciler plans every open incident each minute.
  const pipe = ctx.redis.pipeline();
  for (const id of ids) pipe.exists(queue.toKey(id));
  const res = (await pipe.exec()) ?? [];
  const toAdd = wanted.filter((_, i) => res[i]?.[0] || res[i]?.[1] !== 1);
  if (!toAdd.length) return 0;
  await queue.addBulk(
    toAdd.map((w) => ({
      name: 'cardMarks',
      data: w,
      opts: { jobId: catalog.cardMarks.jobId(w), delay: clock.realMs(w.at + SLACK_MS - now), removeOnComplete: true, removeOnFail: { age: 24 * 3600 }, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
    })),
  );
  return toAdd.length;
}

/** The job: every chat's card of the incident redrawn at the version it shows. */
export async function redrawMarks(ctx: AppContext, incidentId: number): Promise<string> {
  const events = await loadEvents(ctx.database.db, incidentId);
  if (!events.length) return 'no such incident';
  const state = replay(events);
  if (state.status === 'closed' || state.status === 'rejected') return 'closed: nothing runs';
  await refreshCards(ctx, state, { redraw: true });
  return 'cards redrawn';
}

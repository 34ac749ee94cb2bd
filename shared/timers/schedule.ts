/**
 * The BullMQ side of the timers: one delayed `timer` job per planned firing,
 * with an id derived from (incident, timer, department, step, due), so
 * scheduling again changes nothing. A Redis set per incident remembers the
 * ids scheduled; a recomputation removes the ones no longer planned (a
 * moved or cancelled deadline) and adds the new ones. Called after every
 * transition, after an incident is created and by the reconciler; what it
 * loses (a crash, a flushed Redis) the next reconcile puts back.
 */
import type { Queue } from 'bullmq';
import { eq, notInArray } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { incidents, timerFirings } from '../db/schema.js';
import type { IncidentEvent } from '../domain/index.js';
import { catalog } from '../jobs/catalog.js';
import { laneClock } from '../lanes/time.js';
import type { AppContext } from '../runtime/context.js';
import { deadlines, historyFromDomain, importanceOf } from '../sla/index.js';
import { loadEvents } from '../workflow/store.js';
import { escalationSettings, planFirings, sameFiring, type PlannedFiring } from './plan.js';

export type TimerPayload = { incidentId: number; timer: string; department: string; step: PlannedFiring['step']; due: number };

/** What the incident's timers should fire, from its events (nothing once closed or rejected). */
export function planForEvents(ctx: AppContext, events: readonly IncidentEvent[]): PlannedFiring[] {
  if (!events.length) return [];
  // Closing or rejecting stops every timer in deadlines() itself.
  const history = historyFromDomain(events);
  const list = deadlines(history, ctx.profile, ctx.workTime);
  return planFirings(list, ctx.profile, ctx.workTime, { importance: importanceOf(history), escalation: escalationSettings(ctx.org.escalation) });
}

export const payloadOf = (incidentId: number, f: PlannedFiring): TimerPayload => ({
  incidentId,
  timer: f.timer,
  department: f.department ?? '',
  step: f.step,
  due: f.due,
});

const setKey = (ctx: AppContext, incidentId: number) => `${ctx.queuePrefix}:timers:${incidentId}`;

export async function scheduleTimers(ctx: AppContext, incidentId: number): Promise<{ scheduled: number; removed: number }> {
  const { db } = ctx.database;
  const events = await loadEvents(db, incidentId);
  const planned = planForEvents(ctx, events);
  const ids = new Map(planned.map((f) => [catalog.timer.jobId(payloadOf(incidentId, f)), f]));

  const key = setKey(ctx, incidentId);
  const queue = ctx.queues.queue('timer');
  let removed = 0;
  for (const id of await ctx.redis.smembers(key)) {
    if (ids.has(id)) continue;
    // A job already running finishes and finds its deadline gone; only waiting ones are removed.
    try {
      removed += await queue.remove(id);
    } catch {
      /* locked by a worker right now */
    }
    await ctx.redis.srem(key, id);
  }
  if (ids.size === 0) {
    await ctx.redis.del(key);
    return { scheduled: 0, removed };
  }
  // Remembered before added: a job that exists is always in the set, so a later recomputation can remove it.
  await ctx.redis.sadd(key, ...ids.keys());
  // One round trip for all, and only for the jobs Redis lacks (see missingJobs): mostly none, and then
  // PostgreSQL is not asked at all.
  const missing = await missingJobs(ctx.redis, queue, [...ids.keys()]);
  if (!missing.length) return { scheduled: ids.size, removed };
  // What already went out is never planned again (its completed job is long gone from Redis); read after
  // Redis, so a job that completes in between is found here.
  const fired = await db
    .select({ timer: timerFirings.timer, department: timerFirings.department, step: timerFirings.step, due: timerFirings.due })
    .from(timerFirings)
    .where(eq(timerFirings.incidentId, incidentId));
  const toAdd = missing
    .map((jobId) => [jobId, ids.get(jobId)!] as const)
    .filter(([, f]) => !fired.some((r) => sameFiring({ timer: r.timer, department: r.department || undefined, step: r.step as PlannedFiring['step'], due: r.due.getTime() }, f)));
  if (!toAdd.length) return { scheduled: ids.size, removed };
  // BullMQ counts a delay from the job's creation, so it is taken from now, after the round trips above.
  const clock = laneClock(ctx.clock);
  const now = clock.now();
  await queue.addBulk(
    toAdd.map(([jobId, f]) => ({
      name: 'timer',
      data: catalog.timer.schema.parse(payloadOf(incidentId, f)),
      opts: { jobId, delay: clock.realMs(f.at - now), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 8, backoff: { type: 'exponential', delay: 1000 } },
    })),
  );
  return { scheduled: ids.size, removed };
}

/**
 * The ids among these that Redis holds no job for. Adding a job whose id
 * BullMQ already holds changes nothing but still runs a Lua script; the
 * reconciler re-adds every unfired timer of every open incident each minute,
 * so it asks first with one pipelined EXISTS per id, far cheaper for Redis,
 * which in a burst of due timers is busy moving them. A job that completes
 * between the check and the add was claimed, so skipping it is right too.
 */
export async function missingJobs(redis: Pick<Redis, 'pipeline'>, queue: Pick<Queue, 'toKey'>, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const pipe = redis.pipeline();
  for (const id of ids) pipe.exists(queue.toKey(id));
  const res = (await pipe.exec()) ?? [];
  // An answer that failed counts as missing: adding again is always safe.
  return ids.filter((_, i) => res[i]?.[0] || res[i]?.[1] !== 1);
}

/** scheduleTimers for a caller whose own work is already committed: a failure is logged, and the reconciler repairs it. */
export async function rescheduleTimers(ctx: AppContext, incidentId: number): Promise<void> {
  try {
    await scheduleTimers(ctx, incidentId);
  } catch (err) {
    ctx.log.warn({ err, incidentId }, 'timers not scheduled; the reconciler will');
  }
}

/** For the reconciler: every open incident's timers recomputed and missing jobs re-created. */
export async function scheduleAllOpen(ctx: AppContext): Promise<number> {
  const rows = await ctx.database.db.select({ id: incidents.id }).from(incidents).where(notInArray(incidents.status, ['closed', 'rejected']));
  let scheduled = 0;
  for (const r of rows) scheduled += (await scheduleTimers(ctx, r.id)).scheduled;
  return scheduled;
}

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
import { inArray, notInArray } from 'drizzle-orm';
import type { ChainableCommander, Redis } from 'ioredis';
import { incidents, timerFirings } from '../../platform/db/schema.js';
import type { IncidentEvent } from '../../core/incident/index.js';
import { catalog } from '../../platform/jobs/catalog.js';
import { laneClock } from '../../staffchat/lanes/time.js';
import type { AppContext } from '../../networks/context.js';
import { deadlines, importanceOf } from '../../core/sla/index.js';
import { loadEventsOf } from '../../platform/db/events.js';
import { escalationSettings, planFirings, sameFiring, type PlannedFiring } from '../../core/sla/plan.js';
import { scheduleMarks } from './marks.js';

export type TimerPayload = { incidentId: number; timer: string; department: string; step: PlannedFiring['step']; due: number };

/** What the incident's timers should fire, from its events (nothing once closed or rejected). */
export function planForEvents(ctx: AppContext, events: readonly IncidentEvent[]): PlannedFiring[] {
  if (!events.length) return [];
  // Closing or rejecting stops every timer in deadlines() itself.
  const list = deadlines(events, ctx.profile, ctx.workTime);
  return planFirings(list, ctx.profile, ctx.workTime, { importance: importanceOf(events), escalation: escalationSettings(ctx.org.escalation) });
}

export const payloadOf = (incidentId: number, f: PlannedFiring): TimerPayload => ({
  incidentId,
  timer: f.timer,
  department: f.department ?? '',
  step: f.step,
  due: f.due,
});

const setKey = (ctx: AppContext, incidentId: number) => `${ctx.queuePrefix}:timers:${incidentId}`;

export type Scheduled = { scheduled: number; removed: number };

export async function scheduleTimers(ctx: AppContext, incidentId: number): Promise<Scheduled> {
  return scheduleMany(ctx, [incidentId]);
}

/**
 * scheduleTimers for many incidents at once, in a fixed number of round trips whatever their number: one
 * query for their events, one Redis pipeline reading their sets, one writing them, one asking which jobs
 * exist, and one query for what already fired. The reconciler re-plans every open incident each minute; one
 * incident at a time, that cost some 0.65 ms of worker CPU each (1,000 open incidents: 0.65 s a minute).
 */
async function scheduleMany(ctx: AppContext, incidentIds: readonly number[]): Promise<Scheduled> {
  const { db } = ctx.database;
  const events = await loadEventsOf(db, incidentIds);
  const plans = incidentIds.map((incidentId) => {
    const planned = planForEvents(ctx, events.get(incidentId) ?? []);
    return { incidentId, key: setKey(ctx, incidentId), ids: new Map(planned.map((f) => [catalog.timer.jobId(payloadOf(incidentId, f)), f])) };
  });
  const queue = ctx.queues.queue('timer');
  // The cards' live marks (🔥, ⛔) are planned from the same events; a failure there must not keep the timers back.
  await scheduleMarks(ctx, new Map(incidentIds.map((id) => [id, events.get(id) ?? []]))).catch((err: unknown) =>
    ctx.log.warn({ err }, 'deadline marks not scheduled; the reconciler will'),
  );

  const read = ctx.redis.pipeline();
  for (const p of plans) read.smembers(p.key);
  const members = (await exec(read)) as string[][];
  let removed = 0;
  const write = ctx.redis.pipeline();
  for (const [i, p] of plans.entries()) {
    const known = new Set(members[i]);
    for (const id of known) {
      if (p.ids.has(id)) continue;
      // A moved or cancelled deadline. A job already running finishes and finds its deadline gone; only waiting ones are removed.
      try {
        removed += await queue.remove(id);
      } catch {
        /* locked by a worker right now */
      }
      await ctx.redis.srem(p.key, id);
    }
    // Remembered before added: a job that exists is always in the set, so a later recomputation can remove it.
    const lacking = [...p.ids.keys()].filter((id) => !known.has(id));
    if (!p.ids.size) write.del(p.key);
    else if (lacking.length) write.sadd(p.key, ...lacking);
  }
  if (write.length) await exec(write);
  const scheduled = plans.reduce((n, p) => n + p.ids.size, 0);

  // One round trip for all, and only for the jobs Redis lacks (see missingJobs): mostly none, or only ones
  // that already fired, and then PostgreSQL is asked once.
  const all = plans.flatMap((p) => [...p.ids].map(([jobId, firing]) => ({ incidentId: p.incidentId, jobId, firing })));
  const absent = new Set(await missingJobs(ctx.redis, queue, all.map((a) => a.jobId)));
  const missing = all.filter((a) => absent.has(a.jobId));
  if (!missing.length) return { scheduled, removed };
  // What already went out is never planned again (its completed job is long gone from Redis); read after
  // Redis, so a job that completes in between is found here.
  const fired = await db
    .select({ incidentId: timerFirings.incidentId, timer: timerFirings.timer, department: timerFirings.department, step: timerFirings.step, due: timerFirings.due })
    .from(timerFirings)
    .where(inArray(timerFirings.incidentId, [...new Set(missing.map((m) => m.incidentId))]));
  const firedOf = new Map<number, typeof fired>();
  for (const r of fired) firedOf.set(r.incidentId, [...(firedOf.get(r.incidentId) ?? []), r]);
  const toAdd = missing.filter(
    ({ incidentId, firing }) =>
      !(firedOf.get(incidentId) ?? []).some((r) => sameFiring({ timer: r.timer, department: r.department || undefined, step: r.step as PlannedFiring['step'], due: r.due.getTime() }, firing)),
  );
  if (!toAdd.length) return { scheduled, removed };
  // BullMQ counts a delay from the job's creation, so it is taken from now, after the round trips above.
  const clock = laneClock(ctx.clock);
  const now = clock.now();
  await queue.addBulk(
    toAdd.map(({ incidentId, jobId, firing }) => ({
      name: 'timer',
      data: catalog.timer.schema.parse(payloadOf(incidentId, firing)),
      opts: { jobId, delay: clock.realMs(firing.at - now), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 8, backoff: { type: 'exponential', delay: 1000 } },
    })),
  );
  return { scheduled, removed };
}

/** A pipeline's answers; the first failed command fails the whole (every step here is safe to repeat). */
async function exec(pipe: ChainableCommander): Promise<unknown[]> {
  const res = (await pipe.exec()) ?? [];
  const failed = res.find(([err]) => err);
  if (failed) throw failed[0];
  return res.map(([, value]) => value);
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

/** Open incidents re-planned together by the reconciler: a few thousand timer ids per pipeline. */
const SWEEP_CHUNK = 500;

/** For the reconciler: every open incident's timers recomputed and missing jobs re-created. */
export async function scheduleAllOpen(ctx: AppContext): Promise<number> {
  const rows = await ctx.database.db.select({ id: incidents.id }).from(incidents).where(notInArray(incidents.status, ['closed', 'rejected']));
  let scheduled = 0;
  for (let i = 0; i < rows.length; i += SWEEP_CHUNK) scheduled += (await scheduleMany(ctx, rows.slice(i, i + SWEEP_CHUNK).map((r) => r.id))).scheduled;
  return scheduled;
}

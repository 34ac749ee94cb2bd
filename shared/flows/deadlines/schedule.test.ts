/**
 * The reconciler's sweep (scheduleAllOpen) re-plans every open incident in
 * a few round trips: per incident it must still do what scheduleTimers did
 * one at a time — bring back a lost job, remove one no longer planned, and
 * never re-create one that already fired.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { timerFirings } from '../../platform/db/schema.js';
import { until } from '../../sandbox/demo/staff.js';
import { catalog } from '../../platform/jobs/catalog.js';
import { loadEvents } from '../../platform/db/events.js';
import { testHarness, type TestHarness } from '../../../test/kit/harness.js';
import { vkCitizens } from '../../../test/kit/vk-citizens.js';
import { payloadOf, planForEvents, scheduleAllOpen } from './schedule.js';

let h: TestHarness;
beforeAll(async () => {
  h = await testHarness();
});
afterAll(async () => h?.dispose());
const citizens = vkCitizens(() => h);

it('brings back a lost job, removes one no longer planned and leaves a fired one gone, for every open incident in one sweep', async () => {
  const ctx = h.system.ctx;
  const { db } = ctx.database;
  const queue = ctx.queues.queue('timer');
  const events = await Promise.all(
    ['Яма на дороге у школы', 'Не вывозят мусор с площадки', 'Не горит фонарь во дворе'].map((text, i) => citizens.comment(650_001 + i, 80 + i, text)),
  );
  const [a, b, c] = await Promise.all(events.map((e) => citizens.incidentOf(e)));
  const planned = async (incidentId: number) => planForEvents(ctx, await loadEvents(db, incidentId)).map((f) => ({ f, jobId: catalog.timer.jobId(payloadOf(incidentId, f)) }));
  const [pa, pb, pc] = await Promise.all([a!.id, b!.id, c!.id].map(planned));
  const all = [...pa!, ...pb!, ...pc!];
  expect(pa!.length).toBeGreaterThan(0);
  // The ingest scheduled them all.
  await until(async () => (await Promise.all(all.map((p) => queue.getJob(p.jobId)))).every(Boolean) || undefined, 'every planned job');

  // a: a job lost (say with a Redis that lost a write).
  await queue.remove(pa![0]!.jobId);
  // b: a job of a deadline that has since moved, whose removal was lost.
  const moved = payloadOf(b!.id, { ...pb![0]!.f, due: pb![0]!.f.due + 60_000 });
  const stale = catalog.timer.jobId(moved);
  await queue.add('timer', moved, { jobId: stale, delay: 3_600_000 });
  await ctx.redis.sadd(`${ctx.queuePrefix}:timers:${b!.id}`, stale);
  // c: a step that fired: claimed in PostgreSQL, its job completed and gone.
  const firing = pc![0]!;
  await db.insert(timerFirings).values({ incidentId: c!.id, timer: firing.f.timer, department: firing.f.department ?? '', step: firing.f.step, due: new Date(firing.f.due) });
  await queue.remove(firing.jobId);

  expect(await scheduleAllOpen(ctx)).toBe(all.length);
  expect(await queue.getJob(pa![0]!.jobId)).toBeDefined();
  expect(await queue.getJob(stale)).toBeUndefined();
  expect(await ctx.redis.smembers(`${ctx.queuePrefix}:timers:${b!.id}`)).not.toContain(stale);
  expect(await queue.getJob(firing.jobId)).toBeUndefined();
  // Everything else untouched and still there.
  const rest = all.filter((p) => p.jobId !== firing.jobId);
  expect((await Promise.all(rest.map((p) => queue.getJob(p.jobId)))).every(Boolean)).toBe(true);
});

/**
 * One job per group commit: every event of the batch becomes an incident as
 * with one job each, and one that fails is handed to its own `ingest` job
 * without holding back or repeating its neighbours. During a flood the
 * webhooks raise a hold and the batches wait for it to go, within bounds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { inboundEvents, incidents } from '../../shared/platform/db/schema.js';
import { ingestingInbox, storeInboundEvent } from '../../shared/networks/inbox.js';
import { FLOOD_PER_S, floodHoldKey, floodWaitMs } from '../../shared/networks/flood.js';
import { messageNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../../test/kit/harness.js';
import { ingestEach } from '../../shared/flows/intake/batch.js';
import { ingestBatch } from './ingest-batch.js';
import { ingest } from './ingest.js';
import { reconcile } from './reconcile.js';

let h: TestHarness;

beforeAll(async () => {
  // No worker: these tests run the jobs themselves and look at what they left in the queues. The clock is
  // past the reconciler's grace, so every unprocessed event looks stale to it.
  h = await testHarness({ worker: false, clock: { now: () => new Date(Date.now() + 5 * 60_000) } });
});

afterAll(async () => h?.dispose());

async function stored(fromId: number, text: string): Promise<{ id: number; sourceKey: string }> {
  const event = messageNew({ groupId: h.vk.group.id, fromId, text });
  const { secret: _s, ...payload } = event;
  const { id } = await storeInboundEvent(h.system.ctx.database.db, { network: 'vk', eventKey: event.event_id, type: event.type, payload });
  return { id, sourceKey: `dm:${fromId}:${event.object.message.id}` };
}

it('ingests every event of a batch, and hands one that fails to its own ingest job', async () => {
  const ctx = h.system.ctx;
  const events = [await stored(630001, 'Яма у подъезда'), await stored(630002, 'Нет света в подъезде'), await stored(630003, 'Не вывозят мусор')];
  const ids = events.map((e) => e.id);
  const seen: number[] = [];
  const failing = ids[1]!;
  const outcome = await ingestEach(ctx, ids, async (id) => {
    seen.push(id);
    if (id === failing) throw new Error('PostgreSQL went away');
    return ingest.handle({ inboundEventId: id }, ctx);
  });

  expect(outcome).toBe('2 ingested, 1 handed to their own jobs');
  expect(seen.sort()).toEqual([...ids].sort());
  const rows = await ctx.database.db.select({ sourceKey: incidents.sourceKey }).from(incidents).where(inArray(incidents.sourceKey, events.map((e) => e.sourceKey)));
  expect(rows.map((r) => r.sourceKey).sort()).toEqual([events[0]!.sourceKey, events[2]!.sourceKey].sort());
  // The failed event waits as an ordinary ingest job (its own retries); the others have none.
  expect(await ctx.queues.queue('ingest').getJob(`ingest-${failing}`)).toBeDefined();
  expect(await ctx.queues.queue('ingest').getJob(`ingest-${ids[0]}`)).toBeUndefined();

  // Run as the worker would, that job makes the last incident: nothing lost, nothing doubled.
  expect(await ingestEach(ctx, [failing])).toBe('1 ingested');
  expect(await ingestEach(ctx, ids)).toBe('3 ingested');
  const after = await ctx.database.db.select({ sourceKey: incidents.sourceKey }).from(incidents).where(inArray(incidents.sourceKey, events.map((e) => e.sourceKey)));
  expect(after).toHaveLength(3);
});

it('leaves events still queued in a batch to it: the reconciler re-enqueues only the ones no job holds', async () => {
  const ctx = h.system.ctx;
  const queuedOne = await stored(630011, 'Сломана скамейка во дворе');
  const lostOne = await stored(630012, 'Не горит фонарь у школы');
  // A backlog: the batch waits (no worker runs here) past the grace; the other event's enqueue was lost.
  await ctx.queues.enqueue('ingestBatch', { inboundEventIds: [queuedOne.id] });

  expect(await reconcile.handle({}, ctx)).toContain('re-enqueued 1 events');
  expect(await ctx.queues.queue('ingest').getJob(`ingest-${lostOne.id}`)).toBeDefined();
  expect(await ctx.queues.queue('ingest').getJob(`ingest-${queuedOne.id}`)).toBeUndefined();
});

it('a flood of callbacks raises the hold, and every stored event is handed over once, in few jobs', async () => {
  const ctx = h.system.ctx;
  const holdKey = floodHoldKey(ctx.queuePrefix);
  const inbox = ingestingInbox(ctx);
  // However the stores fall across (at most three) clock seconds, one of them holds FLOOD_PER_S.
  const n = 3 * FLOOD_PER_S + 10;
  const events = Array.from({ length: n }, (_, i) => messageNew({ groupId: h.vk.group.id, fromId: 631000 + i, text: `Поток обращений ${i}` }));
  const stored = await Promise.all(events.map((e) => inbox.store({ network: 'vk', eventKey: e.event_id, type: e.type, payload: e })));
  const ids = stored.map((s) => s.id).sort((a, b) => a - b);

  const handedOver = async () => {
    const jobs = await ctx.queues.queue('ingestBatch').getJobs(['waiting']);
    return jobs.flatMap((j) => (j.data as { inboundEventIds: number[] }).inboundEventIds).filter((id) => ids.includes(id));
  };
  await expect.poll(async () => (await handedOver()).length).toBe(n);
  expect((await handedOver()).sort((a, b) => a - b)).toEqual(ids);
  const jobs = (await ctx.queues.queue('ingestBatch').getJobs(['waiting'])).filter((j) => ids.includes((j.data as { inboundEventIds: number[] }).inboundEventIds[0]!));
  expect(jobs.length).toBeLessThan(n / 10);
  expect(jobs.every((j) => typeof (j.data as { storedAt?: number }).storedAt === 'number')).toBe(true);
  expect(await ctx.redis.pttl(holdKey)).toBeGreaterThan(0);
});

/** Runs `body` with the flood hold up (for a minute, unless body takes it down), and takes it down after. */
async function duringFlood<T>(body: (holdKey: string) => Promise<T>): Promise<T> {
  const holdKey = floodHoldKey(h.system.ctx.queuePrefix);
  await h.system.ctx.redis.set(holdKey, '1', 'PX', 60_000);
  try {
    return await body(holdKey);
  } finally {
    await h.system.ctx.redis.del(holdKey);
  }
}
const incidentsOf = (sourceKey: string) =>
  h.system.ctx.database.db.select({ id: incidents.id }).from(incidents).where(inArray(incidents.sourceKey, [sourceKey]));

it('a batch waits while the flood hold is up, and is ingested once it goes', async () => {
  const ctx = h.system.ctx;
  const event = await stored(632001, 'Во время потока: яма на дороге');
  await duringFlood(async (holdKey) => {
    const running = ingestBatch.handle({ inboundEventIds: [event.id], storedAt: Date.now() }, ctx);
    let done = false;
    void running.finally(() => (done = true));

    await new Promise((r) => setTimeout(r, 400));
    expect(done).toBe(false);
    const [row] = await ctx.database.db.select({ processedAt: inboundEvents.processedAt }).from(inboundEvents).where(inArray(inboundEvents.id, [event.id]));
    expect(row!.processedAt).toBeNull();

    await ctx.redis.del(holdKey);
    expect(await running).toMatch(/^1 ingested after waiting \d+ ms for a flood$/);
  });
  expect(await incidentsOf(event.sourceKey)).toHaveLength(1);
});

it('a batch stored longer ago than floodWaitSeconds is ingested at once though the hold is still up', async () => {
  const ctx = h.system.ctx;
  const event = await stored(632002, 'Во время долгого потока: не горит фонарь');
  const outcome = await duringFlood(() => ingestBatch.handle({ inboundEventIds: [event.id], storedAt: Date.now() - 11_000 }, ctx));
  expect(outcome).toBe('1 ingested');
  expect(await incidentsOf(event.sourceKey)).toHaveLength(1);
});

it('a worker shutting down stops waiting out the flood and ingests the batch', async () => {
  const ctx = h.system.ctx;
  const event = await stored(632003, 'Перед остановкой: нет отопления');
  const closing = new AbortController();
  const outcome = await duringFlood(async () => {
    const running = ingestBatch.handle({ inboundEventIds: [event.id], storedAt: Date.now() }, ctx, closing.signal);
    await new Promise((r) => setTimeout(r, 250));
    closing.abort();
    return running;
  });
  expect(outcome).toMatch(/^1 ingested after waiting \d+ ms for a flood$/);
  // Not the organisation's full wait (10 s), which the hold (a minute) would otherwise have taken.
  expect(Number(/waiting (\d+) ms/.exec(outcome)![1])).toBeLessThan(floodWaitMs(ctx.org));
  expect(await incidentsOf(event.sourceKey)).toHaveLength(1);
});

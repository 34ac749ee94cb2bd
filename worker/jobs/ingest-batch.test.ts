/**
 * One job per group commit: every event of the batch becomes an incident as
 * with one job each, and one that fails is handed to its own `ingest` job
 * without holding back or repeating its neighbours.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { incidents } from '../../shared/db/schema.js';
import { storeInboundEvent } from '../../shared/ingest/inbound.js';
import { messageNew } from '../../shared/fakes/vk-callback.js';
import { testHarness, type TestHarness } from '../../test/support/harness.js';
import { ingestEach } from './ingest-batch.js';
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

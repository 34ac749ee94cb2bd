import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.js';
import { inboundEvents } from '../platform/db/schema.js';
import type { NetworkId } from './types.js';
import type { AppContext } from './context.js';
import { floodHoldKey, floodMeter, HOLD_MS } from './flood.js';
import { handover } from './handover.js';
import { refusedAsData, storeStorable } from '../platform/db/jsonb-safe.js';

/**
 * Stores an inbound event under the network's own id. Returns its row id and
 * whether it is new: a redelivered event (VK retries until it hears "ok")
 * stores nothing and must not be processed again.
 */
export async function storeInboundEvent(
  db: Db,
  event: { network: NetworkId; eventKey: string; type: string; payload: unknown },
): Promise<{ id: number; fresh: boolean }> {
  // One named (prepared) statement instead of building the query each time.
  // A redelivery hits the conflict, returns nothing, and the existing row is looked up.
  const client = db.$client;
  const store = async (e: typeof event) => {
    const inserted = await client.query<{ id: string }>({
      name: 'otklik_store_inbound',
      text: `insert into inbound_events (network, event_key, type, payload) values ($1, $2, $3, $4)
             on conflict (network, event_key) do nothing returning id`,
      values: [e.network, e.eventKey, e.type, JSON.stringify(e.payload)],
    });
    if (inserted.rows[0]) return { id: Number(inserted.rows[0].id), fresh: true };
    const [existing] = await db
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.network, e.network), eq(inboundEvents.eventKey, e.eventKey)));
    return { id: existing!.id, fresh: false };
  };
  // What PostgreSQL cannot hold (U+0000, a lone surrogate) is replaced rather than the message lost.
  return storeStorable(event, store);
}

/** Events stored but not processed for a while: the enqueue was lost (crash, Redis down). */
export async function staleInboundEvents(db: Db, olderThan: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(isNull(inboundEvents.processedAt), lt(inboundEvents.receivedAt, olderThan)))
    .orderBy(inboundEvents.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function markInboundProcessed(db: Db, id: number, outcome: string): Promise<void> {
  await db
    .update(inboundEvents)
    .set({ processedAt: sql`now()`, outcome })
    .where(eq(inboundEvents.id, id));
}

export type InboundEvent = { network: NetworkId; eventKey: string; type: string; payload: unknown };
export type Stored = { id: number; fresh: boolean };

/**
 * Group commit for webhooks: the events of callbacks that arrive together are
 * stored by one multi-row INSERT … ON CONFLICT DO NOTHING in one round trip
 * and one commit (synchronous_commit stays on: every event is durable before
 * its caller hears of it). A batch leaves at the next turn of the event loop
 * with whatever arrived meanwhile (at most `maxBatch`), and while
 * `maxInFlight` batches are out the next one grows: a lone callback waits for
 * nothing, and a burst costs a few commits instead of one each.
 */
export type InboundBatcher = {
  store(e: InboundEvent): Promise<Stored>;
};

/**
 * The events waiting to be stored are capped: when PostgreSQL falls behind a flood, a webhook answers 503
 * (VK and OK deliver again later) instead of holding ever more requests in memory.
 */
export class InboxFull extends Error {
  constructor(limit: number) {
    super(`${limit} inbound events already waiting to be stored`);
  }
}

type Pending = { e: InboundEvent; resolve(s: Stored): void; reject(err: unknown): void };

// One named statement whatever the batch size: the batch travels as one JSON array.
// Rows a concurrent transaction committed meanwhile are invisible to this statement's
// snapshot and come back with a null id; the caller looks those up afterwards.
// An existing row is found by a per-row subquery, never a join: the cached generic plan of
// a join was planned on the table's size at the time (a few hundred rows) and hash-joined a
// sequential scan of the whole table, so every batch cost more as the table grew.
// Exported for the test that holds it to that.
export const STORE_BATCH_SQL = `
  with input as (
    select x->>0 as network, x->>1 as event_key, x->>2 as type, x->3 as payload, ord
    from jsonb_array_elements($1::jsonb) with ordinality as t(x, ord)
  ), ins as (
    insert into inbound_events (network, event_key, type, payload)
    select network, event_key, type, payload from input order by ord
    on conflict (network, event_key) do nothing
    returning id, network, event_key
  )
  select input.ord, ins.id is not null as fresh,
         coalesce(ins.id, (select old.id from inbound_events old
                           where old.network = input.network and old.event_key = input.event_key)) as id
  from input
  left join ins on ins.network = input.network and ins.event_key = input.event_key
  order by input.ord`;

export function createInboundBatcher(
  pool: Db['$client'],
  opts: { maxBatch?: number; maxInFlight?: number; maxWaiting?: number; onStored?: (fresh: number[]) => void } = {},
): InboundBatcher {
  const maxBatch = opts.maxBatch ?? 128;
  const maxWaiting = opts.maxWaiting ?? 4096;
  const maxInFlight = opts.maxInFlight ?? 4;
  let pending: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || !pending.length) return;
    scheduled = true;
    setImmediate(flush);
  };

  const flush = () => {
    scheduled = false;
    if (!pending.length || inFlight >= maxInFlight) return;
    const batch = pending.length > maxBatch ? pending.splice(0, maxBatch) : pending;
    if (batch === pending) pending = [];
    inFlight++;
    void write(batch).finally(() => {
      inFlight--;
      schedule();
    });
    schedule();
  };

  const write = async (batch: Pending[]) => {
    // Two deliveries of one event in one batch: one row, the first is the fresh one.
    const keyOf = (e: InboundEvent) => `${e.network}\u0000${e.eventKey}`;
    const firstAt = new Map<string, number>();
    const unique: InboundEvent[] = [];
    const slot = batch.map(({ e }) => {
      const key = keyOf(e);
      let at = firstAt.get(key);
      if (at === undefined) {
        at = unique.push(e) - 1;
        firstAt.set(key, at);
      }
      return at;
    });
    let results: Stored[];
    try {
      results = await insertMany(pool, unique);
    } catch (err) {
      if (unique.length === 1 && !refusedAsData(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      // One event PostgreSQL refuses (say a \u0000 that jsonb cannot hold) must not fail its neighbours: each goes
      // on its own, and a refused one again with what PostgreSQL cannot hold replaced (jsonb-safe.ts).
      const alone = (e: InboundEvent) => storeStorable(e, (storable) => insertMany(pool, [storable]));
      const fresh: number[] = [];
      await Promise.all(
        batch.map((p) =>
          alone(p.e).then(
            ([r]) => {
              if (r!.fresh) fresh.push(r!.id);
              p.resolve(r!);
            },
            (e: unknown) => p.reject(e),
          ),
        ),
      );
      if (fresh.length) opts.onStored?.(fresh);
      return;
    }
    const answered = new Set<number>();
    const fresh: number[] = [];
    batch.forEach((p, i) => {
      const r = results[slot[i]!]!;
      const first = !answered.has(slot[i]!);
      answered.add(slot[i]!);
      if (r.fresh && first) fresh.push(r.id);
      p.resolve({ id: r.id, fresh: r.fresh && first });
    });
    if (fresh.length) opts.onStored?.(fresh);
  };

  return {
    store(e) {
      if (pending.length >= maxWaiting) return Promise.reject(new InboxFull(maxWaiting));
      return new Promise<Stored>((resolve, reject) => {
        pending.push({ e, resolve, reject });
        schedule();
      });
    },
  };
}

async function insertMany(pool: Db['$client'], events: InboundEvent[]): Promise<Stored[]> {
  const body = JSON.stringify(events.map((e) => [e.network, e.eventKey, e.type, e.payload]));
  const { rows } = await pool.query<{ ord: string; id: string | null; fresh: boolean }>({ name: 'otklik_store_inbound_batch', text: STORE_BATCH_SQL, values: [body] });
  const out = rows.map((r) => ({ id: r.id === null ? NaN : Number(r.id), fresh: r.fresh }));
  const missing = events.flatMap((e, i) => (Number.isNaN(out[i]!.id) ? [i] : []));
  if (missing.length) {
    // Committed by another transaction while this one ran: visible now.
    const { rows: found } = await pool.query<{ network: string; event_key: string; id: string | null }>(
      `select x->>0 as network, x->>1 as event_key,
              (select e.id from inbound_events e where e.network = x->>0 and e.event_key = x->>1) as id
       from jsonb_array_elements($1::jsonb) x`,
      [JSON.stringify(missing.map((i) => [events[i]!.network, events[i]!.eventKey]))],
    );
    const byKey = new Map(found.flatMap((f) => (f.id === null ? [] : [[`${f.network}\u0000${f.event_key}`, Number(f.id)] as const])));
    for (const i of missing) {
      const id = byKey.get(`${events[i]!.network}\u0000${events[i]!.eventKey}`);
      if (id === undefined) throw new Error(`inbound event ${events[i]!.network}/${events[i]!.eventKey} neither stored nor found`);
      out[i] = { id, fresh: false };
    }
  }
  return out;
}

/**
 * A webhook's inbox: fresh events go to the worker as `ingestBatch` jobs
 * (gathered by `handover`). Not awaited by the answers — the network's "ok"
 * must not wait for Redis, and a lost enqueue is not a lost event: the
 * reconciler finds stored rows that were never processed. While callbacks
 * flood in, the hold that makes the worker wait is raised (flood.ts).
 */
export function ingestingInbox(
  ctx: Pick<AppContext, 'database' | 'queues' | 'log' | 'redis' | 'queuePrefix'>,
  opts: { maxWaiting?: number } = {},
): InboundBatcher {
  const meter = floodMeter();
  const holdKey = floodHoldKey(ctx.queuePrefix);
  const toWorker = handover((ids) =>
    ctx.queues
      .enqueue('ingestBatch', { inboundEventIds: ids, storedAt: Date.now() })
      .catch((err: Error) => ctx.log.warn({ err: err.message, inboundEventIds: ids }, 'enqueue failed; reconciler will retry')),
  );
  return createInboundBatcher(ctx.database.pool, {
    ...opts,
    onStored: (ids) => {
      toWorker.add(ids);
      if (meter.stored(ids.length, Date.now())) {
        ctx.redis.set(holdKey, '1', 'PX', HOLD_MS).catch((err: Error) => ctx.log.warn({ err: err.message }, 'flood hold not raised'));
      }
    },
  });
}

/**
 * The webhooks' group commit against the real PostgreSQL: callbacks arriving
 * together share one INSERT, yet each learns its own row and whether it is
 * new — across batches, inside one batch, and against another transaction
 * still holding the same event — and one event PostgreSQL refuses is stored
 * with what it cannot hold replaced, without failing its neighbours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { connectDatabase, type Database } from '../platform/db/client.js';
import { applyMigrations } from '../platform/db/migrate.js';
import { freshDatabase } from '../../test/kit/db.js';
import { createInboundBatcher, InboxFull, STORE_BATCH_SQL, storeInboundEvent, type InboundEvent } from './inbox.js';

let database: Database;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  url = db.url;
  database = connectDatabase(db.url);
  await applyMigrations(database);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const event = (eventKey: string, text = 'во дворе не горит фонарь'): InboundEvent => ({
  network: 'vk',
  eventKey,
  type: 'message_new',
  payload: { type: 'message_new', object: { message: { text } } },
});

async function rows(keys: string[]) {
  const { rows } = await database.pool.query<{ id: string; event_key: string; payload: unknown }>(
    'select id, event_key, payload from inbound_events where event_key = any($1) order by id',
    [keys],
  );
  return rows.map((r) => ({ id: Number(r.id), key: r.event_key, payload: r.payload }));
}

describe('createInboundBatcher', () => {
  it('refuses events past its cap while PostgreSQL falls behind, stores the ones it took, and takes more once it has caught up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // PostgreSQL "stalled": every query waits for the gate.
    const slow = { query: (async (...args: Parameters<typeof database.pool.query>) => {
      await gate;
      return (database.pool.query as (...a: unknown[]) => unknown)(...args);
    }) as typeof database.pool.query } as typeof database.pool;
    const inbox = createInboundBatcher(slow, { maxBatch: 1, maxInFlight: 1, maxWaiting: 2 });
    const first = inbox.store(event('cap1'));
    await new Promise((r) => setImmediate(r)); // the first is out, waiting on PostgreSQL
    const waiting = [inbox.store(event('cap2')), inbox.store(event('cap3'))];
    await expect(inbox.store(event('cap4'))).rejects.toBeInstanceOf(InboxFull);
    release();
    const stored = await Promise.all([first, ...waiting]);
    expect(stored.every((s) => s.fresh)).toBe(true);
    expect((await rows(['cap1', 'cap2', 'cap3', 'cap4'])).map((r) => r.key)).toEqual(['cap1', 'cap2', 'cap3']);
    await expect(inbox.store(event('cap4'))).resolves.toMatchObject({ fresh: true });
  });

  it('stores concurrent callbacks in few batches, each answered with its own row, and hands the fresh ones on once', async () => {
    const batches: number[][] = [];
    const inbox = createInboundBatcher(database.pool, { onStored: (ids) => batches.push(ids) });
    const keys = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const results = await Promise.all(keys.map((k) => inbox.store(event(k, `текст ${k}`))));

    const stored = await rows(keys);
    expect(stored.map((r) => r.key).sort()).toEqual([...keys].sort());
    // Each caller got the id of its own event, not its neighbour's.
    const idOf = new Map(stored.map((r) => [r.key, r.id]));
    results.forEach((r, i) => expect(r).toEqual({ id: idOf.get(keys[i]!), fresh: true }));
    expect(stored.find((r) => r.key === 'a7')!.payload).toEqual(event('a7', 'текст a7').payload);
    // Grouped: fewer commits than callbacks, and every fresh id handed on exactly once.
    expect(batches.length).toBeLessThan(keys.length);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([...idOf.values()].sort((a, b) => a - b));
  });

  it('answers a redelivery with the stored row and not fresh, in a later batch or in the same one', async () => {
    const handed: number[] = [];
    const inbox = createInboundBatcher(database.pool, { onStored: (ids) => handed.push(...ids) });
    const first = await inbox.store(event('b1'));
    expect(first.fresh).toBe(true);

    const [again, same1, same2, other] = await Promise.all([inbox.store(event('b1')), inbox.store(event('b2')), inbox.store(event('b2')), inbox.store(event('b3'))]);
    expect(again).toEqual({ id: first.id, fresh: false });
    // Two deliveries of b2 in one batch: one row, exactly one of them fresh.
    expect(same1.id).toBe(same2.id);
    expect([same1.fresh, same2.fresh].filter(Boolean)).toHaveLength(1);
    expect(other.fresh).toBe(true);
    expect(await rows(['b1', 'b2', 'b3'])).toHaveLength(3);
    expect(handed.sort((a, b) => a - b)).toEqual([first.id, same1.id, other.id].sort((a, b) => a - b));
  });

  it('agrees with storeInboundEvent: a row stored one way is a duplicate the other way', async () => {
    const inbox = createInboundBatcher(database.pool);
    const single = await storeInboundEvent(database.db, event('c1'));
    expect(await inbox.store(event('c1'))).toEqual({ id: single.id, fresh: false });
    const batched = await inbox.store(event('c2'));
    expect(await storeInboundEvent(database.db, event('c2'))).toEqual({ id: batched.id, fresh: false });
  });

  it('waits for another transaction holding the same event and answers with its row once it commits', async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      const { rows: held } = await other.query<{ id: string }>(
        `insert into inbound_events (network, event_key, type, payload) values ('vk', 'd1', 'message_new', '{}') returning id`,
      );
      const inbox = createInboundBatcher(database.pool);
      let settled = false;
      const pending = Promise.all([inbox.store(event('d1')), inbox.store(event('d2'))]).finally(() => (settled = true));
      // The batch cannot finish while the other transaction may still commit d1.
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false);
      await other.query('commit');
      const [d1, d2] = await pending;
      expect(d1).toEqual({ id: Number(held[0]!.id), fresh: false });
      expect(d2.fresh).toBe(true);
    } finally {
      await other.end();
    }
  });

  it('stores an event PostgreSQL refuses with U+FFFD for what it cannot hold, and its neighbours as they are', async () => {
    const handed: number[] = [];
    const inbox = createInboundBatcher(database.pool, { onStored: (ids) => handed.push(...ids) });
    // jsonb cannot hold U+0000, nor a lone surrogate; the batch fails, and each is stored on its own.
    const results = await Promise.allSettled([inbox.store(event('e1')), inbox.store(event('e2', 'nul \u0000 here, half an emoji \ud83d')), inbox.store(event('e3'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    // Retried one by one and concurrently, so their ids may come in either order.
    const stored = await rows(['e1', 'e2', 'e3']);
    expect(stored.map((r) => r.key).sort()).toEqual(['e1', 'e2', 'e3']);
    expect(stored.find((r) => r.key === 'e2')!.payload).toEqual(event('e2', 'nul \ufffd here, half an emoji \ufffd').payload);
    expect(stored.find((r) => r.key === 'e1')!.payload).toEqual(event('e1').payload);
    // Stored one by one, they still go to the worker at once (not after the reconciler's grace).
    expect(handed.sort((a, b) => a - b)).toEqual(stored.map((r) => r.id).sort((a, b) => a - b));
    // VK re-sending it finds the stored row: not fresh, not stored twice.
    const again = await inbox.store(event('e2', 'nul \u0000 here, half an emoji \ud83d'));
    expect(again).toEqual({ id: stored.find((r) => r.key === 'e2')!.id, fresh: false });
  });

  it('storeInboundEvent (long polls, Telegram) does the same: a message with U+0000 is stored, not lost', async () => {
    const e = event('s-nul', 'яма\u0000у дома');
    const first = await storeInboundEvent(database.db, e);
    expect(first.fresh).toBe(true);
    expect(await storeInboundEvent(database.db, e)).toEqual({ id: first.id, fresh: false });
    const [row] = await rows(['s-nul']);
    expect(row!.payload).toEqual(event('s-nul', 'яма\ufffdу дома').payload);
  });

  it('rejects every caller when the database is unreachable, so the network re-sends', async () => {
    const gone = connectDatabase('postgres://nobody@127.0.0.1:1/none');
    try {
      const inbox = createInboundBatcher(gone.pool);
      const results = await Promise.allSettled([inbox.store(event('f1')), inbox.store(event('f2'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      await gone.close();
    }
  });
});

describe('the batch statement', () => {
  type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

  it('finds stored rows through the unique index even in a generic plan made while the table was small', async () => {
    // A pooled connection caches one generic plan for the named statement, planned on the table's size at
    // the time; a webhook's table only grows. Forced generic here, on a table still small, then grown.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('set plan_cache_mode = force_generic_plan');
      await client.query(`prepare store_batch(jsonb) as ${STORE_BATCH_SQL.replace('$1::jsonb', '$1')}`);
      // EXECUTE takes its arguments inline, not as bind parameters.
      const batch = (keys: string[]) => client.escapeLiteral(JSON.stringify(keys.map((k) => ['vk', k, 'message_new', { k }])));
      await client.query(`execute store_batch(${batch(['g0'])})`);
      await client.query(
        `insert into inbound_events (network, event_key, type, payload) select 'vk', 'g-bulk-' || i, 'message_new', '{}' from generate_series(1, 20000) i`,
      );
      const { rows: plan } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `explain (format json) execute store_batch(${batch(['g0', 'g-bulk-7', 'g1'])})`,
      );
      const scans = nodes(plan[0]!['QUERY PLAN'][0]!.Plan).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'inbound_events');
      expect(scans).toEqual([]);
      const { rows: stored } = await client.query<{ ord: string; id: string; fresh: boolean }>(`execute store_batch(${batch(['g0', 'g-bulk-7', 'g1'])})`);
      expect(stored.map((r) => r.fresh)).toEqual([false, false, true]);
      expect(stored.every((r) => Number(r.id) > 0)).toBe(true);
    } finally {
      await client.end();
    }
  });
});

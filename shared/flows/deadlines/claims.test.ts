/**
 * The batched claim against the real PostgreSQL: many claims of the same
 * steps from two batchers (two processes) and within one batch produce one
 * winner per step, whose messages and buttons alone are stored; a claim for
 * a missing incident fails alone, not its batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectDatabase, type Database } from '../../platform/db/client.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { freshDatabase } from '../../../test/kit/db.js';
import { createClaimBatcher, type Claim } from './claims.js';
import type { TimerPayload } from './schedule.js';
import type { Db } from '../../platform/db/client.js';

let database: Database;
let drop: () => Promise<void>;
const INCIDENTS = 5;

beforeAll(async () => {
  const db = await freshDatabase();
  drop = db.drop;
  database = connectDatabase(db.url);
  await applyMigrations(database);
  await database.pool.query(`insert into incidents (network, kind, source_key, thread, author_id, text, posted_at, detected_at, status, profile)
    select 'vk', 'dm', 'claims-' || g, '{}'::jsonb, '1', 'x', now(), now(), 'detected', 'zavitinsk-2020' from generate_series(1, ${INCIDENTS}) g`);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const due = Date.UTC(2026, 0, 12, 9, 0);
const step = (i: number): TimerPayload => ({ incidentId: (i % INCIDENTS) + 1, timer: 'answer', department: `d${i}`, step: 'due', due: due + i * 1000 });
const claimOf = (i: number, chatId: number): Claim => ({
  payload: step(i),
  holder: { by: chatId },
  buttons: [{ id: `b-${i}-${chatId}`, incidentId: step(i).incidentId, version: 1, chatId, action: 'esc_take', args: {} }],
  messages: [{ chatId, key: `timer-${i}`, text: `step ${i}`, options: {} }],
});

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
}

describe('claim batcher', () => {
  it('gives every step one winner across two batchers and within a batch', async () => {
    const a = createClaimBatcher(database.db, { maxBatch: 16, lingerMs: 1 });
    const b = createClaimBatcher(database.db, { maxBatch: 7, lingerMs: 3 });
    const steps = 60;
    // Each step claimed twice by each "process", interleaved.
    const outcomes = await Promise.all(
      [...Array(steps).keys()].flatMap((i) => [a.claim(claimOf(i, 100)), b.claim(claimOf(i, 200)), a.claim(claimOf(i, 100)), b.claim(claimOf(i, 200))]),
    );
    const winners = outcomes.filter((o) => o !== null);
    expect(winners).toHaveLength(steps);
    for (const w of winners) expect(w).toHaveLength(1);

    const firings = await database.pool.query('select count(*)::int as c from timer_firings');
    expect(firings.rows[0].c).toBe(steps);
    // Only the winners' messages and buttons were written, one per step.
    const msgs = await database.pool.query('select key, count(*)::int as c from lane_messages group by key');
    expect(msgs.rows).toHaveLength(steps);
    expect(msgs.rows.every((r: { c: number }) => r.c === 1)).toBe(true);
    const ids = new Set(winners.flatMap((w) => w!.map((m) => m.id)));
    expect(ids.size).toBe(steps);
    const btns = await database.pool.query('select count(*)::int as c from buttons');
    expect(btns.rows[0].c).toBe(steps);
    // The winner's holder is stored with its claim.
    const held = await database.db.execute(sql`select holder->>'by' as by, chat_id from timer_firings join lane_messages on key = 'timer-' || substr(department, 2) order by timer_firings.id limit 5`);
    for (const r of held.rows as Array<{ by: string; chat_id: string }>) expect(Number(r.by)).toBe(Number(r.chat_id));
  });

  it('gathers the claims that arrive while its statements are in flight into one statement', async () => {
    // The real database behind a gate: statements wait until released, so what is in flight is known.
    const sizes: number[] = [];
    let open!: () => void;
    let gate = new Promise<void>((r) => (open = r));
    const client = {
      async query(q: { name: string; text: string; values: unknown[] }) {
        sizes.push((q.values[0] as unknown[]).length);
        await gate;
        return database.pool.query(q);
      },
    };
    const c = createClaimBatcher({ $client: client } as unknown as Db, { maxBatch: 100, lingerMs: 1, maxInFlight: 1 });
    const first = c.claim(claimOf(3000, 400));
    await until(() => sizes.length === 1);
    // While the first statement is in flight, 30 more claims (one a second claim of the first step) wait for it.
    const more = [...Array(30).keys()].map((i) => c.claim(claimOf(3001 + i, 400)));
    const dup = c.claim(claimOf(3000, 400));
    await new Promise((r) => setTimeout(r, 20));
    expect(sizes).toEqual([1]);
    const released = gate;
    gate = Promise.resolve();
    open();
    await released;
    const outcomes = await Promise.all([first, ...more, dup]);
    expect(sizes).toEqual([1, 31]);
    expect(outcomes.slice(0, 31).every((o) => o !== null && o.length === 1)).toBe(true);
    expect(outcomes[31]).toBeNull();
    await c.flush();
  });

  it('fails a claim for a missing incident alone, not the rest of its batch', async () => {
    const c = createClaimBatcher(database.db, { maxBatch: 10, lingerMs: 5 });
    const good = [...Array(5).keys()].map((i) => c.claim(claimOf(1000 + i, 300)));
    const bad = c.claim({ payload: { ...step(2000), incidentId: 99_999 } });
    const settled = await Promise.allSettled([...good, bad]);
    expect(settled.slice(0, 5).every((s) => s.status === 'fulfilled' && s.value !== null)).toBe(true);
    expect(settled[5]!.status).toBe('rejected');
    // A retry of the good ones finds them taken.
    const again = await Promise.all([...Array(5).keys()].map((i) => c.claim(claimOf(1000 + i, 300))));
    expect(again.every((o) => o === null)).toBe(true);
    await c.flush();
  });
});

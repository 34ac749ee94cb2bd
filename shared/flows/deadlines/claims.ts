/**
 * The exactly-once claim of timer steps, in micro-batches. Each firing hands
 * its claim (the timer_firings row, and the buttons and lane messages it
 * sends when it wins) to an in-process batcher; after a couple of
 * milliseconds, or once enough are pending, or — while the process's
 * statements in flight are at their bound — as soon as one of them commits,
 * one transaction inserts all the claims with one
 * statement — a multi-row INSERT … ON CONFLICT DO NOTHING RETURNING, whose
 * winners' buttons and lane messages the same statement inserts — and
 * commits once. The unique key still decides
 * who wins — another process, a retried job, a second claim of the same step
 * in this very batch all find it taken — so the guarantee is the one-row
 * transaction's, at a fraction of the commits. A batch that fails as a whole
 * (a bad row) is retried claim by claim, so one bad firing fails only itself.
 */
import type { Db } from '../../platform/db/client.js';
import type { buttons } from '../../platform/db/schema.js';
import type { TimerPayload } from './schedule.js';

export type ButtonRow = typeof buttons.$inferInsert;
export type MessageRow = { chatId: number; key: string; text: string; options: Record<string, unknown> };

export type Claim = {
  payload: TimerPayload;
  holder?: Record<string, unknown>;
  /** Inserted only when this claim wins, before the messages that carry them. */
  buttons?: ButtonRow[];
  messages?: MessageRow[];
};

/** null: the step was claimed before (or by another claim in the same batch); otherwise the lane messages inserted. */
export type ClaimOutcome = null | Array<{ chatId: number; id: number }>;

export type ClaimBatcher = { claim(c: Claim): Promise<ClaimOutcome>; flush(): Promise<void> };

/**
 * maxBatch: claims per statement; lingerMs: how long a lone claim waits for
 * company; maxInFlight: statements at once per process — while that many
 * are committing, new claims gather and leave together when one is done
 * (group commit: the busier the process, the larger its batches, the fewer
 * its commits).
 */
export type BatchOptions = { maxBatch?: number; lingerMs?: number; maxInFlight?: number };

type Pending = { claim: Claim; resolve: (o: ClaimOutcome) => void; reject: (e: unknown) => void };

const messageKey = (chatId: number, key: string) => `${chatId}|${key}`;

type Queryable = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/*
 * One statement, so one round trip and its own transaction: the claims are
 * unnested from arrays (cheap to build for hundreds of rows), inserted with
 * ON CONFLICT DO NOTHING, and the winners' buttons and messages are inserted
 * by the data-modifying CTEs that join on what the claim insert returned.
 * The first claim (by ord) of a key inserted twice in one batch wins. Rows
 * go in in key order, so two batches racing for the same keys wait for each
 * other instead of deadlocking (and a batch that fails anyway is retried
 * claim by claim).
 */
const CLAIM_SQL = `
with c as (
  select * from unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
    as c(ord, incident_id, timer, department, step, due, holder)
), f as (
  insert into timer_firings (incident_id, timer, department, step, due, holder)
  select incident_id, timer, department, step, due, holder from c order by incident_id, timer, department, step, due, ord
  on conflict do nothing
  returning incident_id, timer, department, step, due
), w as (
  select distinct on (c.incident_id, c.timer, c.department, c.step, c.due) c.ord
  from c join f using (incident_id, timer, department, step, due)
  order by c.incident_id, c.timer, c.department, c.step, c.due, c.ord
), b as (
  insert into buttons (id, incident_id, version, chat_id, action, args)
  select x.id, x.incident_id, x.version, x.chat_id, x.action, x.args
  from unnest($8::int[], $9::text[], $10::bigint[], $11::int[], $12::bigint[], $13::text[], $14::jsonb[])
    as x(ord, id, incident_id, version, chat_id, action, args)
  where x.ord in (select ord from w)
), m as (
  insert into lane_messages (chat_id, key, text, options)
  select x.chat_id, x.key, x.text, x.options
  from unnest($15::int[], $16::bigint[], $17::text[], $18::text[], $19::jsonb[]) with ordinality as x(ord, chat_id, key, text, options, n)
  where x.ord in (select ord from w)
  order by x.chat_id, x.key, x.n
  on conflict do nothing
  returning id, chat_id, key
)
select ord, null::bigint as id, null::bigint as chat_id, null::text as key from w
union all
select null, id, chat_id, key from m`;

/** Claims a batch in one statement (atomic on its own); the outcomes in the claims' order. */
export async function claimBatch(client: Queryable, claims: readonly Claim[]): Promise<ClaimOutcome[]> {
  if (!claims.length) return [];
  const v: unknown[][] = Array.from({ length: 19 }, () => []);
  claims.forEach((c, ord) => {
    const p = c.payload;
    for (const [i, x] of [ord, p.incidentId, p.timer, p.department, p.step, new Date(p.due).toISOString(), JSON.stringify(c.holder ?? {})].entries()) v[i]!.push(x);
    for (const b of c.buttons ?? [])
      for (const [i, x] of [ord, b.id, b.incidentId, b.version, b.chatId, b.action, JSON.stringify(b.args ?? {})].entries()) v[7 + i]!.push(x);
    for (const m of c.messages ?? []) for (const [i, x] of [ord, m.chatId, m.key, m.text, JSON.stringify(m.options)].entries()) v[14 + i]!.push(x);
  });
  // Named, so each connection parses and plans the statement once, not per batch.
  const { rows } = (await client.query({ name: 'otklik-timer-claim', text: CLAIM_SQL, values: v })) as { rows: Array<{ ord: number | null; id: string | null; chat_id: string | null; key: string | null }> };
  const winners = new Set<number>();
  const ids = new Map<string, number>();
  for (const r of rows) {
    if (r.ord !== null) winners.add(r.ord);
    else ids.set(messageKey(Number(r.chat_id), r.key!), Number(r.id));
  }
  return claims.map((c, ord) => {
    if (!winners.has(ord)) return null;
    const out: Array<{ chatId: number; id: number }> = [];
    for (const m of c.messages ?? []) {
      const k = messageKey(m.chatId, m.key);
      const id = ids.get(k);
      // Two winners offering the same (chat, key) — an edge the unique index settles — get it once.
      if (id !== undefined) {
        out.push({ chatId: m.chatId, id });
        ids.delete(k);
      }
    }
    return out;
  });
}

const batchers = new WeakMap<Db, ClaimBatcher>();

/** The process's batcher for this database (one per Db, created on first use). */
export function claimBatcherOf(db: Db, opts?: BatchOptions): ClaimBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = createClaimBatcher(db, opts)));
  return b;
}

export function createClaimBatcher(db: Db, { maxBatch = 200, lingerMs = 2, maxInFlight = 2 }: BatchOptions = {}): ClaimBatcher {
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const running = new Set<Promise<void>>();

  const run = async (batch: Pending[]): Promise<void> => {
    try {
      const outcomes = await claimBatch(db.$client, batch.map((p) => p.claim));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // One bad claim (say, a foreign key) must not fail its neighbours: each on its own.
      await Promise.all(
        batch.map(async (p) => {
          try {
            const [o] = await claimBatch(db.$client, [p.claim]);
            p.resolve(o!);
          } catch (e) {
            p.reject(e);
          }
        }),
      );
    }
  };

  /** Sends what is pending, as far as the in-flight bound allows; the rest leaves when a statement is done. */
  const flushNow = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (pending.length && running.size < maxInFlight) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      const done: Promise<void> = run(batch).finally(() => {
        running.delete(done);
        // Claims that gathered meanwhile have waited long enough.
        if (pending.length) flushNow();
      });
      running.add(done);
    }
  };

  return {
    claim(c) {
      return new Promise<ClaimOutcome>((resolve, reject) => {
        pending.push({ claim: c, resolve, reject });
        if (running.size >= maxInFlight) return;
        if (pending.length >= maxBatch) flushNow();
        else timer ??= setTimeout(flushNow, lingerMs);
      });
    },
    async flush() {
      flushNow();
      while (running.size) await Promise.all([...running]);
    },
  };
}

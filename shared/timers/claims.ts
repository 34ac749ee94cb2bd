/**
 * The exactly-once claim of timer steps, in micro-batches. Each firing hands
 * its claim (the timer_firings row, and the buttons and lane messages it
 * sends when it wins) to an in-process batcher; every few milliseconds, or
 * once enough are pending, one transaction inserts all the claims with one
 * multi-row INSERT … ON CONFLICT DO NOTHING RETURNING, then the winners'
 * buttons and lane messages, and commits once. The unique key still decides
 * who wins — another process, a retried job, a second claim of the same step
 * in this very batch all find it taken — so the guarantee is the one-row
 * transaction's, at a fraction of the commits. A batch that fails as a whole
 * (a bad row) is retried claim by claim, so one bad firing fails only itself.
 */
import type { Db } from '../db/client.js';
import { buttons, laneMessages, timerFirings } from '../db/schema.js';
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

export type BatchOptions = { maxBatch?: number; lingerMs?: number };

type Pending = { claim: Claim; resolve: (o: ClaimOutcome) => void; reject: (e: unknown) => void };

const firingKey = (incidentId: number, timer: string, department: string, step: string, due: number) => `${incidentId}|${timer}|${department}|${step}|${due}`;
const messageKey = (chatId: number, key: string) => `${chatId}|${key}`;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Claims a batch inside one transaction; the outcomes in the claims' order. */
export async function claimBatch(tx: Db | Tx, claims: readonly Claim[]): Promise<ClaimOutcome[]> {
  if (!claims.length) return [];
  const won = await tx
    .insert(timerFirings)
    .values(
      claims.map(({ payload: p, holder }) => ({ incidentId: p.incidentId, timer: p.timer, department: p.department, step: p.step, due: new Date(p.due), holder: holder ?? {} })),
    )
    .onConflictDoNothing()
    .returning({ incidentId: timerFirings.incidentId, timer: timerFirings.timer, department: timerFirings.department, step: timerFirings.step, due: timerFirings.due });
  const inserted = new Set(won.map((r) => firingKey(r.incidentId, r.timer, r.department, r.step, r.due.getTime())));
  // A key claimed twice in one batch was inserted once: the first claim takes it.
  const winners = claims.map(({ payload: p }) => {
    const k = firingKey(p.incidentId, p.timer, p.department, p.step, p.due);
    return inserted.delete(k);
  });

  const buttonRows = claims.flatMap((c, i) => (winners[i] ? (c.buttons ?? []) : []));
  if (buttonRows.length) await tx.insert(buttons).values(buttonRows);
  const messageRows = claims.flatMap((c, i) => (winners[i] ? (c.messages ?? []) : []));
  const ids = new Map<string, number>();
  if (messageRows.length) {
    const rows = await tx
      .insert(laneMessages)
      .values(messageRows.map((m) => ({ chatId: m.chatId, key: m.key, text: m.text, options: m.options })))
      .onConflictDoNothing()
      .returning({ id: laneMessages.id, chatId: laneMessages.chatId, key: laneMessages.key });
    for (const r of rows) ids.set(messageKey(r.chatId, r.key), r.id);
  }
  return claims.map((c, i) => {
    if (!winners[i]) return null;
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

export function createClaimBatcher(db: Db, { maxBatch = 200, lingerMs = 2 }: BatchOptions = {}): ClaimBatcher {
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const running = new Set<Promise<void>>();

  const run = async (batch: Pending[]): Promise<void> => {
    try {
      const outcomes = await db.transaction((tx) => claimBatch(tx, batch.map((p) => p.claim)));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // One bad claim (say, a foreign key) must not fail its neighbours: each on its own.
      await Promise.all(
        batch.map(async (p) => {
          try {
            const [o] = await db.transaction((tx) => claimBatch(tx, [p.claim]));
            p.resolve(o!);
          } catch (e) {
            p.reject(e);
          }
        }),
      );
    }
  };

  const flushNow = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const done = run(batch).finally(() => running.delete(done));
    running.add(done);
  };

  return {
    claim(c) {
      return new Promise<ClaimOutcome>((resolve, reject) => {
        pending.push({ claim: c, resolve, reject });
        if (pending.length >= maxBatch) flushNow();
        else timer ??= setTimeout(flushNow, lingerMs);
      });
    },
    async flush() {
      flushNow();
      await Promise.all([...running]);
    },
  };
}

